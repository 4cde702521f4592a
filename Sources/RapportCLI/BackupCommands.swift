import CRMCore
import CRMStore
import Foundation

/// `rapport backup FILE` and `rapport restore FILE`: a consistent copy of the whole database made
/// while others work, and putting one back while nobody does, keeping the database it replaces.
enum BackupCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["backup"], arguments: "FILE", positionals: 1...1,
                    summary: "copy the whole database into FILE while others keep working",
                    options: [.flag("--force", "replace FILE when it exists")], run: backup),
        CommandSpec(["restore"], arguments: "FILE", positionals: 1...1,
                    summary: "put a backup back (administrators; nobody may be using the database)", run: restore),
    ]

    static func backup(_ run: Invocation) throws {
        _ = try run.actingUser()
        let store = try run.store()
        let target = run.arguments.positionals[0]
        let replace = run.arguments.flag("--force")
        if !replace, NewFile.exists(target) {
            throw CRMError("\(run.safe(target)) exists already; choose another name, or add --force to replace it")
        }
        let bar = ProgressBar(label: "Backing up", total: 0)
        try NewFile.write(to: target, mode: databaseMode(run), replace: replace) { temporary in
            try store.backup(into: temporary) { bar.update(done: $0, total: $1) }
        }
        bar.finish()
        run.print("Backed up the database to \(run.safe(target)).")
    }

    static func restore(_ run: Invocation) throws {
        try run.requireAdministrator(for: "restore a backup")
        let source = run.arguments.positionals[0]
        var info = stat()
        guard lstat(source, &info) == 0 else {
            throw CRMError("cannot read \(run.safe(source)): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw CRMError("\(run.safe(source)) is not a plain file; name the backup file itself")
        }
        do {
            try Store.checkBackup(path: source)
        } catch let error as StoreError {
            throw CRMError("\(run.safe(source)) cannot be restored: \(error.message); nothing was changed")
        }
        let store = try run.store()
        if let holder = try store.liveLeaseHolders().first {
            throw CRMError("the database is in use: a sync (\(holder)) is running; stop it (rapport service "
                           + "uninstall, or end that rapport sync) and try again; nothing was changed")
        }
        let stamped = run.location.database.path + ".before-restore-" + stamp()
        var kept = stamped
        var number = 1
        while NewFile.exists(kept) {
            number += 1
            kept = stamped + "-\(number)"
        }
        let bar = ProgressBar(label: "Restoring", total: 0)
        let alone = try store.whileAlone {
            try NewFile.write(to: kept, mode: databaseMode(run), replace: false) { temporary in
                try store.backup(into: temporary)
            }
            try store.restore(from: source) { bar.update(done: $0, total: $1) }
        }
        bar.finish()
        guard alone else {
            throw CRMError("the database is in use by another Rapport (the app, a sync or a teammate's command); "
                           + "stop them and try again; nothing was changed")
        }
        run.print("Restored \(run.safe(source)). The database as it was is kept in \(kept).")
    }

    /// The database file's own mode: 0600 in a private home, 0660 in a team home.
    private static func databaseMode(_ run: Invocation) -> mode_t {
        run.location.isShared ? 0o660 : 0o600
    }

    /// A UTC date and time for file names, such as 20261207-235500.
    private static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}

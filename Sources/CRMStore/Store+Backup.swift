import Foundation

/// Backups: a consistent copy of the whole database while others work, and putting one back.
extension Store {
    /// Copies the database into the empty file at `path`; `progress` gets pages done and the total.
    public func backup(into path: String, progress: (Int, Int) -> Void = { _, _ in }) throws {
        try db.backup(into: path, progress: progress)
    }

    /// Runs `body` with the database locked against every other connection (another Rapport, a
    /// sync, a teammate); false, without running it, when one has it open now.
    public func whileAlone(_ body: () throws -> Void) throws -> Bool {
        try db.whileAlone(body)
    }

    /// Replaces the database's content with the backup at `path` (checked first with
    /// `checkBackup`), then brings it up to this build's schema.
    public func restore(from path: String, progress: (Int, Int) -> Void = { _, _ in }) throws {
        try db.restore(from: path, progress: progress)
        try Migrator.migrate(db)
    }

    /// Checks that the file at `path` is a Rapport database fit to restore: SQLite's integrity
    /// check passes and every schema step it has is one this build knows. Returns its steps.
    @discardableResult
    public static func checkBackup(path: String) throws -> [String] {
        let connection = try Connection(path: path, create: false, readOnly: true)
        let problems = try connection.query("PRAGMA integrity_check").map { try $0.string(0) }
        guard problems == ["ok"] else {
            throw StoreError(kind: .corrupt, code: 0, message: "SQLite's integrity check found it damaged "
                             + "(\(problems.prefix(3).joined(separator: "; ")))", sql: nil)
        }
        let steps = try Migrator.applied(connection)
        guard !steps.isEmpty else {
            throw StoreError(kind: .notADatabase, code: 0, message: "it is an SQLite database but not Rapport's", sql: nil)
        }
        let known = Set(Migrations.all.map(\.name))
        guard steps.allSatisfy(known.contains) else {
            throw StoreError(kind: .schemaTooNew, code: 0,
                             message: "it was made by a newer Rapport, with schema steps this one does not know", sql: nil)
        }
        return steps
    }
}

extension Store {
    /// What SQLite's quick check finds wrong; empty when the database is whole.
    public func quickCheck() throws -> [String] {
        try db.query("PRAGMA quick_check").map { try $0.string(0) }.filter { $0 != "ok" }
    }
}

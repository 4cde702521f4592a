/// What a database failure means to the person at the keyboard, and what to do about it, in one
/// sentence that starts in lower case (the command line prefixes "rapport: ", the screen capitalises).
extension StoreError {
    public func explanation(database path: String) -> String {
        switch kind {
        case .busy:
            let held = "the database is held by another Rapport for longer than \(Int(Connection.patience)) seconds"
            guard !writers.isEmpty else {
                return held + " (no long job is noted: a command or a sync is slow, or a process is stuck; "
                    + "rapport doctor checks the database); nothing was changed, try again in a moment"
            }
            return held + ": " + writers.joined(separator: "; ") + " is running. Nothing was changed; try again "
                + "when it has finished, or ask whoever runs it"
        case .readOnly:
            return "cannot write to \(path): the file or its folder is read-only; nothing was changed. "
                + "Check its permissions (a shared home should be group-writable)"
        case .notADatabase:
            return "\(path) is not a Rapport database (it is not an SQLite file); it was left untouched. "
                + "Move it aside, or use --home to pick another folder"
        case .cannotOpen:
            return "cannot open \(path); check that its folder exists and that you may read and write it"
        case .corrupt:
            return "the database at \(path) is damaged; restore it from a backup (nothing was changed)"
        case .diskFull:
            return "the disk is full, so nothing was saved; free some space and try again"
        case .ioError:
            return "the disk could not write \(path) (\(message)), so nothing was saved; "
                + "check that the disk has free space and is working, then try again"
        case .schemaTooNew:
            return "the database at \(path) was written by a newer Rapport; upgrade this one"
        case .migrationFailed:
            return "the database at \(path) could not be brought up to date: \(message). Such rows are usually "
                + "left by changes made outside Rapport; restore it from a backup, or remove those rows with the "
                + "sqlite3 tool, and try again"
        case .walUnavailable:
            return "\(path) cannot be shared safely: \(message). Rapport needs write-ahead logging, so keep its "
                + "home on a local disk that you may write (not a network share), or pick another with --home"
        case .unexpectedValue:
            return "the database at \(path) holds something Rapport never writes (\(message)); it was probably "
                + "changed outside Rapport. Nothing was changed; restore it from a backup, or correct that column "
                + "with the sqlite3 tool"
        case .constraint, .other:
            return "the database refused the change (\(message)); nothing was saved"
        }
    }
}

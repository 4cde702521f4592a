import CRMCore
import CRMStore
import Foundation

/// Turns any failure into the one line a person reads: what went wrong and what to do.
enum FailureMessage {
    static func text(for error: Error, database path: String) -> String {
        switch error {
        case let error as CRMError:
            return error.description
        case let error as StoreError:
            return text(for: error, database: path)
        case let error as ContactImport.FileError:
            return "cannot import these contacts: \(error.description)"
        default:
            return "\(Invocation.reason(error))"
        }
    }

    private static func text(for error: StoreError, database path: String) -> String {
        switch error.kind {
        case .busy:
            return "the database is held by another Rapport for longer than \(Int(Connection.patience)) seconds; "
                + "nothing was changed, try again in a moment"
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
        case .schemaTooNew:
            return "the database at \(path) was written by a newer Rapport; upgrade this one (\(RapportCommandLine.version))"
        case .constraint, .other:
            return "the database refused the change (\(error.message)); nothing was saved"
        }
    }
}

import CRMCore
import CRMStore
import Foundation
import Hardening

/// Turns any failure into the one line a person reads: what went wrong and what to do.
enum FailureMessage {
    static func text(for error: Error, database path: String) -> String {
        switch error {
        case let refusal as Refusal:
            return refusal.commandLineText
        case let error as CRMError:
            return error.description
        case let refusal as FileRefusal:
            return refusal.description
        case let error as StoreError:
            return text(for: error, database: path)
        case let error as ContactImport.FileError:
            return "cannot import these contacts: \(error.description)"
        default:
            return "\(ErrorReason.text(for: error))"
        }
    }

    private static func text(for error: StoreError, database path: String) -> String {
        let text = error.explanation(database: path)
        return error.kind == .schemaTooNew ? text + " (\(RapportCommandLine.version))" : text
    }
}

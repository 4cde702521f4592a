import CRMCore
import CRMStore
import Foundation
import Hardening

/// `$RAPPORT_HOME/logs/rapport.log`: one line per event, for people looking back at what happened.
/// Lines name the command and the outcome, never arguments, bodies, addresses or tokens (and pass
/// through `Redaction` all the same). Writing is best effort: a home that cannot be written loses
/// the line, not the command.
///
/// Every member of a shared home can write `logs/`, so neither it nor the log is reached through a
/// symbolic link (a link would let them make root, or a teammate, append to any file), and only a
/// regular file with no other name is appended to (a hard link would do the same where the system
/// lets members make one to a file they cannot write: `fs.protected_hardlinks` off). The log is made 0660 in a shared home, 0600 in a private one.
struct EventLog {
    let location: HomeLocation

    init(home: HomeLocation) {
        location = home
    }

    /// Appends `message` with the time, the OS login and the process id. When something other than
    /// a regular file stands in the log's place, the line is dropped and `console` is told why.
    func write(_ message: String, login: String, console: Console) {
        let line = "\(ISODate.format(Date())) pid=\(getpid()) user=\(login) \(Redaction.redact(message))\n"
        guard FileManager.default.fileExists(atPath: location.home.path) else { return }
        let shared = location.isShared
        do {
            let folder = try SafeFile(location.logFolder.path, for: .folder(creating: shared ? 0o1770 : 0o700))
            let file = try SafeFile("rapport.log", in: folder, for: .append(creating: shared ? 0o660 : 0o600))
            try file.write(Array(line.utf8))
        } catch let error where error.isWrongKind {
            console.err("rapport: this command was not logged: \(error.described(advice: "remove it and Rapport makes a new log"))")
        } catch {
            // Nowhere to write (a full disk, a home made read-only): the line is lost, not the command.
        }
    }

    /// What kind of failure an error is, in one word (never its text, which may quote input).
    static func kind(of error: Error) -> String {
        switch error {
        case is UsageError: return "usage"
        case is Refusal, is CRMError: return "refused"
        case let error as StoreError: return "database-\(error.kind)"
        case is CommandFailed: return "partial"
        default: return "error"
        }
    }

    /// The line for a finished command: its name and exit code, and what kind of failure it was.
    static func commandLine(_ name: String, exitCode: Int32, failure: String?) -> String {
        var line = "command=\"\(name)\" exit=\(exitCode)"
        if let failure { line += " failure=\"\(failure)\"" }
        return line
    }
}

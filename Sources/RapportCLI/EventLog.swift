import CRMCore
import CRMStore
import Foundation

/// `$RAPPORT_HOME/logs/rapport.log`: one line per event, for people looking back at what happened.
/// Lines name the command and the outcome, never arguments, bodies, addresses or tokens. Writing is
/// best effort: a home that cannot be written loses the line, not the command.
struct EventLog {
    let file: URL

    init(home: HomeLocation) {
        file = home.logFile
    }

    /// Appends `message` with the time, the OS login and the process id.
    func write(_ message: String, login: String) {
        let folder = file.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().path) else { return }
        if !FileManager.default.fileExists(atPath: folder.path) {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let line = "\(ISODate.format(Date())) pid=\(getpid()) user=\(login) \(message)\n"
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_APPEND, 0o666)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = line.utf8CString.withUnsafeBufferPointer { Foundation.write(descriptor, $0.baseAddress, $0.count - 1) }
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

import Foundation

/// A one-line progress bar on standard error, redrawn in place; silent when stderr is not a terminal.
final class ProgressBar {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let started = Date()
    private var lastDrawn = Date.distantPast

    init(label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = total
        self.enabled = enabled && total > 0
    }

    /// Redraws at most ten times a second, and always for the last item.
    func update(done: Int) {
        guard enabled, done == total || Date().timeIntervalSince(lastDrawn) > 0.1 else { return }
        lastDrawn = Date()
        let width = 30
        let filled = total == 0 ? width : min(width, done * width / total)
        let rate = Double(done) / max(Date().timeIntervalSince(started), 0.001)
        let line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(done)/\(total)  \(Int(rate))/s"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the line so that what follows starts clean.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

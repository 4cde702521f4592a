import Foundation

/// A one-line progress bar on standard error, redrawn in place; silent when stderr is not a terminal.
final class ProgressBar {
    private let label: String
    private var total: Int
    private let enabled: Bool
    private let started = Date()
    private var lastDrawn = Date.distantPast

    init(label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Redraws at most ten times a second, and always for the last item. A new `total` replaces the
    /// old one (work that is still being discovered).
    func update(done: Int, total newTotal: Int? = nil) {
        if let newTotal { total = newTotal }
        guard enabled, total > 0, done == total || Date().timeIntervalSince(lastDrawn) > 0.1 else { return }
        lastDrawn = Date()
        let width = 30
        let filled = total == 0 ? width : min(width, done * width / total)
        let elapsed = Date().timeIntervalSince(started)
        // A rate means something only after a second or so.
        let rate = elapsed >= 1 ? "  \(Int(Double(done) / elapsed))/s" : ""
        let line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(done)/\(total)\(rate)\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the line so that what follows starts clean.
    func finish() {
        guard enabled, lastDrawn != .distantPast else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

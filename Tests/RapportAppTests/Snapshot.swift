import Foundation
import TerminalUI
import Testing

/// Golden screens: the text of a frame plus, per row, where meaningful roles start and end (borders
/// and plain text left out), compared with `Snapshots/NAME.txt`. `RECORD_SNAPSHOTS=1` writes the
/// files instead and fails, so a re-recorded snapshot is always looked at before it is committed.
enum Snapshot {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    /// The text form of a screen.
    static func render(_ screen: ScreenBuffer) -> String {
        var lines = ["\(screen.size.columns)×\(screen.size.rows)", String(repeating: "=", count: screen.size.columns)]
        lines += (0..<screen.height).map { screen.text(row: $0) }
        lines.append(String(repeating: "=", count: screen.size.columns))
        lines.append("roles (row: from-to role):")
        for y in 0..<screen.height {
            var runs: [String] = []
            var x = 0
            while x < screen.width {
                let role = screen[x, y].role
                var end = x
                while end + 1 < screen.width && screen[end + 1, y].role == role { end += 1 }
                if role != .normal && role != .border { runs.append("\(x)-\(end) \(role.rawValue)") }
                x = end + 1
            }
            if !runs.isEmpty { lines.append("\(y): " + runs.joined(separator: ", ")) }
        }
        if let cursor = screen.cursor { lines.append("cursor: \(cursor.x),\(cursor.y)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Checks `screen` against the stored snapshot `name`.
    static func check(_ screen: ScreenBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = render(screen)
        let file = folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded snapshot \(name); check it, then run again without RECORD_SNAPSHOTS",
                         sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(name) yet: run with RECORD_SNAPSHOTS=1 to make it\n\(actual)",
                         sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let diff = zip(expected.split(separator: "\n", omittingEmptySubsequences: false),
                           actual.split(separator: "\n", omittingEmptySubsequences: false))
                .enumerated().first { $0.element.0 != $0.element.1 }
                .map { "first difference at line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" }
                ?? "the lengths differ"
            Issue.record("screen \(name) changed; \(diff)\nactual:\n\(actual)", sourceLocation: sourceLocation)
        }
    }
}

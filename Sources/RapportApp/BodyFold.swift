import Foundation

/// An email's text in parts, as the conversation view folds it: what was written, the text it quotes
/// (`>` lines with the "On …, … wrote:" line that introduces them) and the signature (from a "-- " line).
enum BodyFold: Equatable, Sendable {
    case text([String])
    case quote([String])
    case signature([String])

    /// The parts of `body`, in order; blank lines between two quoted lines stay in the quote.
    static func parts(_ body: String) -> [BodyFold] {
        var parts: [BodyFold] = []
        var text: [String] = []
        var folded: [String] = []
        var inSignature = false
        func flushText() {
            if !text.isEmpty { parts.append(.text(text)) }
            text = []
        }
        func flushFolded() {
            if !folded.isEmpty { parts.append(inSignature ? .signature(folded) : .quote(folded)) }
            folded = []
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if isQuoted(line) {
                if inSignature { flushFolded(); inSignature = false }
                if folded.isEmpty {
                    // The attribution (perhaps wrapped over two lines, perhaps a blank line above the quote) goes with it.
                    var intro: [String] = []
                    while text.last?.trimmingCharacters(in: .whitespaces).isEmpty == true, !text.isEmpty {
                        intro.insert(text.removeLast(), at: 0)
                    }
                    if let last = text.last, last.trimmingCharacters(in: .whitespaces).hasSuffix("wrote:") {
                        intro.insert(text.removeLast(), at: 0)
                        if !last.hasPrefix("On "), let before = text.last, before.hasPrefix("On ") {
                            intro.insert(text.removeLast(), at: 0)
                        }
                    } else {
                        text += intro
                        intro = []
                    }
                    flushText()
                    folded = intro
                }
                folded.append(line)
                // Blank lines stay in the quote only when more of it follows.
                var next = index + 1
                while next < lines.count, lines[next].trimmingCharacters(in: .whitespaces).isEmpty { next += 1 }
                if next < lines.count, isQuoted(lines[next]) {
                    folded += lines[(index + 1)..<next]
                    index = next
                    continue
                }
                flushFolded()
            } else if line == "-- " || (inSignature && !isAttribution(lines, at: index)) {
                if !inSignature { flushText(); inSignature = true }
                folded.append(line)
            } else {
                if inSignature { flushFolded(); inSignature = false }
                text.append(line)
            }
            index += 1
        }
        flushText()
        flushFolded()
        return parts
    }

    private static func isQuoted(_ line: String) -> Bool { line.hasPrefix(">") }

    /// Whether the line at `index` introduces a quote below it (a signature ends there).
    private static func isAttribution(_ lines: [String], at index: Int) -> Bool {
        guard lines[index].hasPrefix("On ") else { return false }
        return lines[index...].prefix(3).contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix("wrote:") }
    }

    /// The one dim line a folded part shows as.
    var foldedLine: String? {
        switch self {
        case .text: return nil
        case .quote(let lines): return "··· quoted text (\(lines.count) line\(lines.count == 1 ? "" : "s"))"
        case .signature(let lines): return "··· signature (\(lines.count) line\(lines.count == 1 ? "" : "s"))"
        }
    }

    var lines: [String] {
        switch self {
        case .text(let lines), .quote(let lines), .signature(let lines): return lines
        }
    }
}

import Foundation

/// A person's signature for one of their mailboxes, written under what they type after the
/// "-- " line readers know (RFC 3676 §4.3). It comes from their own files only, never from the
/// shared database, where a teammate could change what they send.
public struct Signature: Sendable, Hashable {
    /// The signature's lines, without the "-- " line.
    public let text: String

    /// The largest signature file read.
    public static let maximumBytes = 16 * 1024

    /// The signature in `text` as a person wrote it: line ends made "\n", a "-- " line of their own
    /// at the top dropped (it is added), control characters other than tabs taken out, trailing
    /// white space trimmed. Nil when nothing is left.
    public init?(text: String) {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                String(String.UnicodeScalarView(line.unicodeScalars.filter { $0 == "\t" || !Self.isControl($0) }))
            }
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        if let first = lines.first, first == "--" || first == "-- " { lines.removeFirst() }
        let trimmed = lines.joined(separator: "\n").droppingTrailingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        self.text = trimmed
    }

    /// The "-- " line and the signature, as the body carries it.
    public var block: String { "-- \n" + text }

    /// What a person writes (`text`, empty for new mail) with `signature` under it.
    public static func body(_ text: String, signature: Signature?) -> String {
        guard let signature else { return text }
        return text + "\n\n" + signature.block
    }

    /// `body` with the signature `old` changed for `new` (or taken out, with the blank lines before
    /// it), as when the mailbox it is sent from changes; unchanged when `old` is not in it as written.
    public static func swap(in body: String, from old: Signature?, to new: Signature?) -> String {
        guard let old, old != new else { return body }
        var searched = body.startIndex..<body.endIndex
        while let range = body.range(of: "\n\n" + old.block, range: searched) {
            if range.upperBound == body.endIndex || body[range.upperBound] == "\n" {
                return body.replacingCharacters(in: range, with: new.map { "\n\n" + $0.block } ?? "")
            }
            searched = range.upperBound..<body.endIndex
        }
        return body
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
            || (0x2066...0x2069).contains(scalar.value)
    }
}

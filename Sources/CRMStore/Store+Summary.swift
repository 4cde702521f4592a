import Foundation

extension Store {
    /// The first words of a body on one line, at most `limit` characters, for timelines. One pass that
    /// stops once the summary is full: bodies can be megabytes long. Every message recorded makes one,
    /// so ASCII text (most mail) goes byte by byte; the first other byte hands over to `scalarSummary`.
    static func summary(of body: String, limit: Int = 200) -> String {
        var body = body
        return body.withUTF8 { asciiSummary(of: $0, limit: limit) } ?? scalarSummary(of: body, limit: limit)
    }

    /// The summary of ASCII `bytes`, or nil at the first byte that is not ASCII.
    private static func asciiSummary(of bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> String? {
        var summary: [UInt8] = []
        summary.reserveCapacity(min(bytes.count, limit) + 3)
        var wordStart = 0
        var wordLength = 0
        func finished(_ text: [UInt8], truncated: Bool) -> String {
            String(decoding: text, as: UTF8.self) + (truncated ? "…" : "")
        }
        /// Adds the word that ends at `end`; false when it does not fit.
        func flush(endingAt end: Int) -> Bool {
            guard wordLength > 0 else { return true }
            let extra = wordLength + (summary.isEmpty ? 0 : 1)
            guard summary.count + extra <= limit else { return false }
            if !summary.isEmpty { summary.append(0x20) }
            summary.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[wordStart..<end]))
            wordLength = 0
            return true
        }
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                guard flush(endingAt: index) else { return finished(summary, truncated: true) }
            } else {
                if wordLength == 0 { wordStart = index }
                wordLength += 1
                if wordLength > limit {
                    let text = summary.isEmpty ? Array(bytes[wordStart..<wordStart + limit]) : summary
                    return finished(text, truncated: true)
                }
            }
        }
        return flush(endingAt: bytes.count) ? finished(summary, truncated: false) : finished(summary, truncated: true)
    }

    /// The same, scalar by scalar, for text that is not ASCII (whose spaces include U+00A0 and U+2003).
    static func scalarSummary(of body: String, limit: Int = 200) -> String {
        var summary = String.UnicodeScalarView()
        var word = String.UnicodeScalarView()
        var length = 0
        var wordLength = 0
        func flush() -> Bool {
            guard wordLength > 0 else { return true }
            let extra = wordLength + (length == 0 ? 0 : 1)
            guard length + extra <= limit else { return false }
            if length > 0 { summary.append(" ") }
            summary.append(contentsOf: word)
            length += extra
            word.removeAll(keepingCapacity: true)
            wordLength = 0
            return true
        }
        for scalar in body.unicodeScalars {
            let isSpace = scalar.isASCII ? (scalar == " " || (0x09...0x0D).contains(scalar.value))
                : scalar.properties.isWhitespace
            if isSpace {
                guard flush() else { return String(summary) + "…" }
            } else {
                word.append(scalar)
                wordLength += 1
                if wordLength > limit {
                    return (length == 0 ? String(String.UnicodeScalarView(word.prefix(limit))) : String(summary)) + "…"
                }
            }
        }
        return flush() ? String(summary) : String(summary) + "…"
    }
}

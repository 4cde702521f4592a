/// Message-ID, In-Reply-To and References values.
public enum MessageIDList {
    /// The ids in a header value, without angle brackets, in order ("<a@b> <c@d>" → ["a@b", "c@d"]);
    /// tolerant of missing brackets, comments and junk between ids.
    ///
    /// An id is what a pair of angle brackets holds, trimmed (an unclosed `<` holds what follows up to
    /// white space), or a bare word with an `@` (quoted local parts included). Comments, quoted strings
    /// and bare words without `@` are junk ("Your message of …") and skipped, except that a value of
    /// exactly one bare word is taken as an id. Empty brackets give nothing; duplicates are kept.
    public static func parse(_ raw: some Collection<UInt8>) -> [String] {
        let bytes = Array(raw)
        let count = bytes.count
        var ids: [String] = []
        var bareWords = 0
        var loneWord: Range<Int>?
        var index = 0
        var quotesWork = true
        while index < count {
            let byte = bytes[index]
            switch byte {
            case _ where AddressLexer.isSpace(byte), UInt8(ascii: ","), UInt8(ascii: ">"):
                index += 1
            case UInt8(ascii: "("):
                index = (AddressLexer.closingParenthesis(bytes, after: index) ?? count - 1) + 1
            case UInt8(ascii: "<"):
                var end = index + 1
                while end < count, bytes[end] != UInt8(ascii: ">"), bytes[end] != UInt8(ascii: "<") { end += 1 }
                var next = end + 1
                if end >= count || bytes[end] != UInt8(ascii: ">") {
                    // No closing bracket: the id runs to the next white space.
                    end = index + 1
                    while end < count, !AddressLexer.isSpace(bytes[end]), bytes[end] != UInt8(ascii: "<") { end += 1 }
                    next = end
                }
                if let id = trimmedText(bytes, index + 1, end) { ids.append(id) }
                index = next
            default:
                // A bare word, which may hold quoted strings ("john doe"@host); stops at space, comma, < or (.
                let start = index
                var hasAt = false
                var end = index
                while end < count {
                    let current = bytes[end]
                    if AddressLexer.isSpace(current) || current == UInt8(ascii: ",") || current == UInt8(ascii: "<")
                        || current == UInt8(ascii: "(") || current == UInt8(ascii: ">") { break }
                    if current == UInt8(ascii: "\"") && quotesWork {
                        if let close = AddressLexer.closingQuote(bytes, after: end) {
                            end = close + 1
                            continue
                        }
                        quotesWork = false
                    }
                    if current == UInt8(ascii: "@") { hasAt = true }
                    end += 1
                }
                if hasAt, let id = trimmedText(bytes, start, end) {
                    ids.append(id)
                } else if bytes[start] != UInt8(ascii: "\"") {
                    bareWords += 1
                    loneWord = start..<end
                }
                index = max(end, start + 1)
            }
        }
        if ids.isEmpty, bareWords == 1, let word = loneWord, let id = trimmedText(bytes, word.lowerBound, word.upperBound) {
            return [id]
        }
        return ids
    }

    /// Whether `id` can be written between angle brackets in a header as it is: printable ASCII
    /// without white space or brackets, at most 900 bytes, so that no line break (and no header of
    /// someone's choosing) rides in with an id read from mail or from a shared database.
    public static func isWritable(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 900
            && id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }

    /// The bytes `start..<end` without surrounding white space, as text; nil when empty.
    private static func trimmedText(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String? {
        var start = start
        var end = min(end, bytes.count)
        while start < end, AddressLexer.isSpace(bytes[start]) { start += 1 }
        while end > start, AddressLexer.isSpace(bytes[end - 1]) { end -= 1 }
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : nil
    }
}

/// One lexical piece of an address or phrase header (RFC 5322 §3.2): a word, a quoted string, a
/// comment or a special character, as a range of the header's bytes.
struct AddressToken {
    enum Kind: UInt8 {
        /// A run of atom bytes (anything but white space, controls and specials; 8-bit bytes included).
        case word
        /// A quoted string; `start..<end` is its content between the quotes, escapes still in.
        case quoted
        /// A comment; `start..<end` is its content between the outer parentheses, escapes still in.
        case comment
        /// One of `< > , ; : @ .`; `start` is its offset.
        case special
    }

    var kind: Kind
    var start: Int
    var end: Int
    /// Whether white space (or a skipped stray quote or parenthesis) came before this token.
    var spaceBefore: Bool
}

/// Splits an unfolded structured header value into `AddressToken`s in one linear pass.
///
/// Tolerant: an unterminated quote or comment is read as a stray character (skipped), and from then
/// on every later quote (or parenthesis) is too, so a broken header is never rescanned more than once.
/// Comment nesting is counted, not recursed, and capped at `maxCommentDepth`.
enum AddressLexer {
    static let maxCommentDepth = 32

    static func tokens(_ bytes: [UInt8]) -> [AddressToken] {
        var tokens: [AddressToken] = []
        tokens.reserveCapacity(bytes.count / 4 + 4)
        let count = bytes.count
        var index = 0
        var space = false
        var quotesWork = true
        var commentsWork = true
        while index < count {
            let byte = bytes[index]
            if isSpace(byte) {
                space = true
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard quotesWork, let close = closingQuote(bytes, after: index) else {
                    quotesWork = false
                    space = true
                    index += 1
                    continue
                }
                tokens.append(AddressToken(kind: .quoted, start: index + 1, end: close, spaceBefore: space))
                index = close + 1
            case UInt8(ascii: "("):
                guard commentsWork, let close = closingParenthesis(bytes, after: index) else {
                    commentsWork = false
                    space = true
                    index += 1
                    continue
                }
                tokens.append(AddressToken(kind: .comment, start: index + 1, end: close, spaceBefore: space))
                index = close + 1
            case _ where isSpecial(byte):
                tokens.append(AddressToken(kind: .special, start: index, end: index + 1, spaceBefore: space))
                index += 1
            default:
                var end = index + 1
                while end < count, isWordByte(bytes[end]) { end += 1 }
                tokens.append(AddressToken(kind: .word, start: index, end: end, spaceBefore: space))
                index = end
            }
            space = false
        }
        return tokens
    }

    /// The offset of the quote closing the quoted string opened at `open`, or nil when unterminated.
    static func closingQuote(_ bytes: [UInt8], after open: Int) -> Int? {
        var index = open + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return nil
    }

    /// The offset of the parenthesis closing the comment opened at `open`, or nil when unterminated.
    static func closingParenthesis(_ bytes: [UInt8], after open: Int) -> Int? {
        var depth = 1
        var index = open + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 2
                continue
            case UInt8(ascii: "("):
                if depth < maxCommentDepth { depth += 1 }
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The content of a quoted string or comment with quoted-pairs resolved and CR/LF dropped.
    static func unescaped(_ bytes: [UInt8], _ start: Int, _ end: Int, into output: inout [UInt8]) {
        var index = start
        let end = min(end, bytes.count)
        while index < end {
            var byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < end {
                index += 1
                byte = bytes[index]
            }
            if byte != 0x0D && byte != 0x0A { output.append(byte) }
            index += 1
        }
    }

    /// White space for our purposes: SP, HT, CR, LF and every other control byte.
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x7F
    }

    @inline(__always) static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        !isSpace(byte) && !isSpecial(byte) && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "(")
    }
}

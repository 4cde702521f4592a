/// HTML character references (`&amp;`, `&eacute;`, `&#8217;`, `&#x2014;`): decoded the way browsers
/// do, and written where text goes into HTML.
public enum HTMLEntities {
    /// `text` with every character reference decoded as in HTML body text; unknown names stay as
    /// written. Useful for Gmail snippets, which arrive HTML-escaped.
    public static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        return decode(bytes, in: bytes.indices, inAttribute: false)
    }

    /// `bytes[range]` as text with its character references decoded (as in an attribute value when
    /// `inAttribute`); a reference that would run past the range is left as written.
    static func decode(_ bytes: [UInt8], in range: Range<Int>, inAttribute: Bool) -> String {
        guard bytes[range].contains(UInt8(ascii: "&")) else { return String(decoding: bytes[range], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == UInt8(ascii: "&"), let (value, end) = reference(in: bytes, at: i, inAttribute: inAttribute),
               end <= range.upperBound {
                out.append(contentsOf: value.utf8)
                i = end
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` safe as HTML text or as a quoted attribute value: `& < > " '` become references
    /// (`&#39;` for the apostrophe, as Gmail writes snippets).
    public static func escape<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Decodes the reference whose "&" is at `bytes[start]`: its replacement and the index just
    /// past it, or nil when the text there is not a reference (the "&" is then literal).
    ///
    /// In attribute values (`inAttribute`), a name without ";" followed by a letter, digit or "="
    /// is left alone, so `?a=1&copy=2` in a URL survives (HTML 5 §13.2.5.73).
    static func reference(in bytes: [UInt8], at start: Int, inAttribute: Bool) -> (String, Int)? {
        let next = start + 1
        guard next < bytes.count else { return nil }
        if bytes[next] == UInt8(ascii: "#") {
            return numeric(in: bytes, at: next + 1)
        }
        return named(in: bytes, at: next, inAttribute: inAttribute)
    }

    /// No name we know is longer; a longer run of letters can still start with a legacy name.
    private static let maximumNameLength = 32
    /// The longest name in `legacy`.
    private static let maximumLegacyLength = 6

    private static func named(in bytes: [UInt8], at nameStart: Int, inAttribute: Bool) -> (String, Int)? {
        var end = nameStart
        while end < bytes.count, end - nameStart <= maximumNameLength, isAlphanumeric(bytes[end]) {
            end += 1
        }
        let length = end - nameStart
        guard length > 0 else { return nil }
        if length <= maximumNameLength, end < bytes.count, bytes[end] == UInt8(ascii: ";"),
           let value = Self.named[String(decoding: bytes[nameStart..<end], as: UTF8.self)] {
            return (value, end + 1)
        }
        // No (known) name with a semicolon: the longest legacy name that starts the run.
        var prefix = min(length, maximumLegacyLength)
        while prefix >= 2 {
            let candidate = String(decoding: bytes[nameStart..<nameStart + prefix], as: UTF8.self)
            if legacy.contains(candidate), let value = Self.named[candidate] {
                let after = nameStart + prefix
                if inAttribute, after < bytes.count,
                   isAlphanumeric(bytes[after]) || bytes[after] == UInt8(ascii: "=") {
                    return nil
                }
                return (value, after)
            }
            prefix -= 1
        }
        return nil
    }

    private static func numeric(in bytes: [UInt8], at digitsStart: Int) -> (String, Int)? {
        var i = digitsStart
        var radix: UInt32 = 10
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "x") {
            radix = 16
            i += 1
        }
        let firstDigit = i
        var value: UInt32 = 0
        while i < bytes.count, let digit = digitValue(bytes[i], radix: radix) {
            // Saturate past the last code point; the digits are still consumed.
            value = value > 0x10FFFF ? value : value * radix + digit
            i += 1
        }
        guard i > firstDigit else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ";") { i += 1 }
        return (String(Character(scalar(forReference: value))), i)
    }

    /// What a numeric reference stands for: NUL, surrogates and values past U+10FFFF become
    /// U+FFFD; 0x80–0x9F are read as Windows-1252, as browsers do (`&#146;` is ’).
    static func scalar(forReference value: UInt32) -> Unicode.Scalar {
        if value >= 0x80, value <= 0x9F, let mapped = windows1252[value] {
            return mapped
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private static let windows1252: [UInt32: Unicode.Scalar] = [
        0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}",
        0x86: "\u{2020}", 0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}",
        0x8B: "\u{2039}", 0x8C: "\u{0152}", 0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}",
        0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}", 0x96: "\u{2013}", 0x97: "\u{2014}",
        0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}", 0x9C: "\u{0153}",
        0x9E: "\u{017E}", 0x9F: "\u{0178}",
    ]

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        guard let value = HexDigit.value(byte), UInt32(value) < radix else { return nil }
        return UInt32(value)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return false
        }
    }
}

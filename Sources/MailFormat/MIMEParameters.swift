/// MIME header parameters (`; name=value`, RFC 2045 §5.1 and RFC 2231, RFC 2047 in values as
/// clients send them): read from Content-Type and Content-Disposition, written for attachments.
public enum MIMEParameters {
    /// Parses a parameter list such as `; charset="utf-8"; format=flowed`: names lower-cased, values
    /// unquoted and decoded (RFC 2231 joined and converted, RFC 2047 encoded-words decoded). The
    /// first of duplicate parameters wins, but an RFC 2231 form wins over the plain one.
    public static func parse(_ bytes: some Collection<UInt8>) -> [String: String] {
        let input = Array(bytes)
        var index = 0
        return parseList(input, from: &index).parameters
    }

    /// `name="value"` for printable ASCII, else RFC 2231 `name*=utf-8''%E2%82%AC…`, split into
    /// `name*0*=…; name*1*=…` segments of at most 60 characters (separated by "; ", so a header
    /// folder can break the line there) when longer. A character's escapes are never split.
    public static func encode(name: String, value: String) -> String {
        let bytes = Array(value.utf8)
        // Plain ASCII goes quoted, unless it holds "=?" (readers decode encoded-words in quoted values)
        // or is too long for one line: those take the RFC 2231 form.
        if bytes.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) && !value.contains("=?") && bytes.count <= segmentLength {
            var quoted = name + "=\""
            for scalar in value.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(scalar)
            }
            return quoted + "\""
        }
        let prefix = "utf-8''"
        var segments: [[UInt8]] = []
        var current = Array(prefix.utf8)
        for scalar in value.unicodeScalars {
            var piece: [UInt8] = []
            for byte in String(scalar).utf8 {
                if isAttributeChar(byte) {
                    piece.append(byte)
                } else {
                    piece.append(UInt8(ascii: "%"))
                    piece.append(hexDigits[Int(byte >> 4)])
                    piece.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            // A new segment when this character would overflow one that already holds some text.
            let holdsText = current.count > (segments.isEmpty ? prefix.utf8.count : 0)
            if holdsText && current.count + piece.count > segmentLength {
                segments.append(current)
                current = []
            }
            current += piece
        }
        if !current.isEmpty { segments.append(current) }
        if segments.count == 1 {
            return name + "*=" + String(decoding: segments[0], as: UTF8.self)
        }
        return segments.enumerated()
            .map { "\(name)*\($0.offset)*=" + String(decoding: $0.element, as: UTF8.self) }
            .joined(separator: "; ")
    }

    // MARK: - Reading

    /// Parameters with the RFC 2231 language tags kept apart (`title*=us-ascii'en'…` → "en").
    struct List {
        var parameters: [String: String] = [:]
        var languages: [String: String] = [:]
    }

    /// One `name*N*=value` piece of an RFC 2231 parameter.
    private struct Segment {
        var section: Int
        var order: Int
        var encoded: Bool
        var value: [UInt8]
    }

    /// Reads parameters from `index` to the end of `input`. Tolerates what real mail has: missing
    /// or doubled semicolons, comments, white space around "=", unquoted values with spaces,
    /// unterminated quotes, and junk without "=" (skipped).
    static func parseList(_ input: [UInt8], from index: inout Int) -> List {
        let end = input.count
        var plain: [String: [UInt8]] = [:]
        var extended: [String: [Segment]] = [:]
        var order = 0
        while true {
            // Separators: white space, semicolons, comments.
            while index < end {
                let byte = input[index]
                if byte == semicolon || isWhiteSpace(byte) {
                    index += 1
                } else if byte == openParen {
                    skipComment(input, &index)
                } else {
                    break
                }
            }
            guard index < end else { break }
            // The name, up to "="; white space, comments and quotes inside it are dropped.
            var name: [UInt8] = []
            while index < end {
                let byte = input[index]
                if byte == equalsSign || byte == semicolon { break }
                if byte == openParen {
                    skipComment(input, &index)
                    continue
                }
                if !isWhiteSpace(byte) && byte != quote { name.append(lowercased(byte)) }
                index += 1
            }
            guard index < end, input[index] == equalsSign else { continue }
            index += 1
            let value = readValue(input, &index)
            order += 1
            // RFC 2231: name*, name*N, name*N*. Stray stars before the name are dropped.
            var nameBytes = name[...]
            while nameBytes.first == star { nameBytes = nameBytes.dropFirst() }
            guard !nameBytes.isEmpty, !value.isEmpty else { continue }
            if let starAt = nameBytes.firstIndex(of: star) {
                let key = String(decoding: nameBytes[..<starAt], as: UTF8.self)
                let rest = nameBytes[(starAt + 1)...]
                let sectionEnd = rest.firstIndex(of: star) ?? rest.endIndex
                let segment = Segment(section: sectionNumber(rest[..<sectionEnd]), order: order,
                                      encoded: rest.isEmpty || sectionEnd < rest.endIndex, value: value)
                extended[key, default: []].append(segment)
            } else {
                let key = String(decoding: nameBytes, as: UTF8.self)
                if plain[key] == nil { plain[key] = value }
            }
        }
        var list = List()
        let rawCharset = plain["charset"].map { String(decoding: $0, as: UTF8.self) }
        for (key, value) in plain {
            list.parameters[key] = decodePlain(value, name: key, rawCharset: rawCharset)
        }
        for (key, segments) in extended {
            let (value, language) = join(segments, name: key)
            guard !value.isEmpty else { continue }
            list.parameters[key] = value
            if let language { list.languages[key] = language }
        }
        return list
    }

    /// A quoted string (backslash escapes, line breaks dropped, an unterminated one runs to the end)
    /// or an unquoted value: up to ";", a comment after white space, or white space followed by
    /// what looks like the next `name=` (a missing semicolon); inner spaces are kept.
    private static func readValue(_ input: [UInt8], _ index: inout Int) -> [UInt8] {
        let end = input.count
        while index < end {
            if isWhiteSpace(input[index]) {
                index += 1
            } else if input[index] == openParen {
                skipComment(input, &index)
            } else {
                break
            }
        }
        var value: [UInt8] = []
        guard index < end else { return value }
        if input[index] == quote {
            index += 1
            while index < end {
                let byte = input[index]
                index += 1
                if byte == backslash {
                    if index < end {
                        let escaped = input[index]
                        index += 1
                        if escaped != cr && escaped != lf { value.append(escaped) }
                    }
                } else if byte == quote {
                    break
                } else if byte != cr && byte != lf {
                    value.append(byte)
                }
            }
            return value
        }
        var contentEnd = 0
        while index < end {
            let byte = input[index]
            if byte == semicolon { break }
            if isWhiteSpace(byte) {
                var next = index + 1
                while next < end, isWhiteSpace(input[next]) { next += 1 }
                if next < end && (input[next] == openParen || startsParameter(input, at: next)) {
                    index = next
                    break
                }
                for blank in input[index..<next] where blank != cr && blank != lf { value.append(blank) }
                index = next
                continue
            }
            value.append(byte)
            contentEnd = value.count
            index += 1
        }
        value.removeLast(value.count - contentEnd)
        return value
    }

    /// Whether `name=` (a letter, then name characters, optional white space, "=") starts at `start`.
    private static func startsParameter(_ input: [UInt8], at start: Int) -> Bool {
        let end = input.count
        guard start < end, isLetter(input[start]) else { return false }
        var index = start + 1
        while index < end {
            let byte = input[index]
            if isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == star {
                index += 1
            } else {
                break
            }
        }
        while index < end, isWhiteSpace(input[index]) { index += 1 }
        return index < end && input[index] == equalsSign
    }

    /// "N" of `name*N*`; digits only, anything else (or an absurd number) counts as 0.
    private static func sectionNumber(_ digits: ArraySlice<UInt8>) -> Int {
        guard !digits.isEmpty, digits.count <= 9 else { return 0 }
        var number = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return 0 }
            number = number * 10 + Int(digit - 0x30)
        }
        return number
    }

    /// RFC 2231 segments in section order (the first of a repeated section wins): encoded ones
    /// percent-decoded after their `charset'language'` prefix, plain ones as they are; the joined
    /// bytes are converted from the first charset named.
    private static func join(_ segments: [Segment], name: String) -> (String, String?) {
        let sorted = segments.sorted { ($0.section, $0.order) < ($1.section, $1.order) }
        var bytes: [UInt8] = []
        var charset: String?
        var language: String?
        var anyEncoded = false
        var lastSection: Int?
        for segment in sorted {
            if segment.section == lastSection { continue }
            lastSection = segment.section
            guard segment.encoded else {
                bytes += segment.value
                continue
            }
            anyEncoded = true
            var data = segment.value[...]
            if let prefix = extendedPrefix(segment.value) {
                if charset == nil, !prefix.charset.isEmpty { charset = String(decoding: prefix.charset, as: UTF8.self) }
                if language == nil, let tag = prefix.language, !tag.isEmpty { language = String(decoding: tag, as: UTF8.self) }
                data = prefix.rest
            }
            percentDecode(data, into: &bytes)
        }
        guard anyEncoded else { return (decodePlain(bytes, name: name), nil) }
        if let charset { return (Charset.decode(bytes, charset: charset), language) }
        if bytes.allSatisfy({ $0 < 0x80 }) { return (String(decoding: bytes, as: UTF8.self), language) }
        return (Charset.decode(bytes, charset: nil), language)
    }

    /// `charset'language'` at the start of an encoded segment (each part may be empty; the
    /// language and its quote may be missing in later segments).
    private static func extendedPrefix(_ value: [UInt8])
        -> (charset: ArraySlice<UInt8>, language: ArraySlice<UInt8>?, rest: ArraySlice<UInt8>)? {
        guard let first = value.firstIndex(of: apostrophe), first <= 64,
              value[..<first].allSatisfy(isCharsetChar) else { return nil }
        let afterFirst = first + 1
        if let second = value[afterFirst...].firstIndex(of: apostrophe),
           value[afterFirst..<second].allSatisfy(isLanguageChar) {
            return (value[..<first], value[afterFirst..<second], value[(second + 1)...])
        }
        return (value[..<first], nil, value[afterFirst...])
    }

    /// %XX escapes decoded (either case); a "%" that starts no escape is kept.
    private static func percentDecode(_ data: ArraySlice<UInt8>, into bytes: inout [UInt8]) {
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            if byte == percent, data.endIndex - index >= 3,
               let high = HexDigit.value(data[index + 1]), let low = HexDigit.value(data[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
    }

    /// A plain (not RFC 2231) value as text: ASCII as it is; else `EncodedWord` decodes encoded-words
    /// (anywhere, even glued to text as in `=?utf-8?B?…?=.pdf`; adjacent ones joined) and reads raw
    /// 8-bit bytes as UTF-8, else in `rawCharset` (the header's own charset parameter), else
    /// windows-1252. A boundary is never decoded: its bytes must match the body's delimiter lines.
    static func decodePlain(_ bytes: [UInt8], name: String, rawCharset: String? = nil) -> String {
        if name == "boundary" { return String(decoding: bytes, as: UTF8.self) }
        var plain = true
        for (index, byte) in bytes.enumerated()
        where byte >= 0x80 || (byte == equalsSign && index + 1 < bytes.count && bytes[index + 1] == questionMark) {
            plain = false
            break
        }
        return plain ? String(decoding: bytes, as: UTF8.self) : EncodedWord.decodeText(bytes, rawCharset: rawCharset)
    }

    // MARK: - Characters

    private static let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, quote: UInt8 = 0x22, percent: UInt8 = 0x25,
                       apostrophe: UInt8 = 0x27, openParen: UInt8 = 0x28, closeParen: UInt8 = 0x29,
                       star: UInt8 = 0x2A, semicolon: UInt8 = 0x3B, equalsSign: UInt8 = 0x3D,
                       questionMark: UInt8 = 0x3F, backslash: UInt8 = 0x5C
    private static let segmentLength = 60
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    @inline(__always)
    static func isWhiteSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    private static func isCharsetChar(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E
            || byte == 0x3A || byte == 0x2B
    }

    private static func isLanguageChar(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
    }

    /// RFC 5987 attr-char: what an RFC 2231 value may carry without a %XX escape.
    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
             UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }


    /// Skips a comment starting at `index` ("(" … ")", nested, with backslash escapes); an
    /// unterminated one runs to the end.
    static func skipComment(_ input: [UInt8], _ index: inout Int) {
        var depth = 0
        while index < input.count {
            let byte = input[index]
            index += 1
            if byte == backslash {
                index += 1
            } else if byte == openParen {
                depth += 1
            } else if byte == closeParen {
                depth -= 1
                if depth == 0 { return }
            }
        }
        index = min(index, input.count)
    }
}

/// Percent-encoding and -decoding of URL paths, queries and form bodies.
public enum URLEncoding {
    /// Decodes %XX escapes (and "+" as a space when `plusAsSpace`); a malformed escape is kept as
    /// written, and bytes that are not UTF-8 become U+FFFD.
    public static func decode(_ text: some StringProtocol, plusAsSpace: Bool) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(text)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(plusAsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits "a=1&b=2&a=3" into decoded pairs, in order; a name without "=" has an empty value.
    public static func pairs(_ text: some StringProtocol) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = piece.firstIndex(of: "=") {
                result.append((decode(piece[..<equals], plusAsSpace: true),
                               decode(piece[piece.index(after: equals)...], plusAsSpace: true)))
            } else {
                result.append((decode(piece, plusAsSpace: true), ""))
            }
        }
        return result
    }

    /// Percent-encodes every byte of `text`'s UTF-8 that `keep` rejects, as `%XX` in upper-case hex.
    /// By default only RFC 3986 unreserved characters stay as they are, so the result is safe in a
    /// path segment, a query value or a form field ("+" becomes %2B and a space %20).
    public static func encode(_ text: String, keeping keep: (UInt8) -> Bool = isUnreserved) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if keep(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output.unicodeScalars.append("%")
                output.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte >> 4)]))
                output.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte & 0x0F)]))
            }
        }
        return output
    }

    /// `name=value&…` in the given order, names and values percent-encoded (a space is `%20`,
    /// which every form and query decoder reads).
    public static func form(_ fields: [(String, String)]) -> String {
        fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// A-Z a-z 0-9 - . _ ~ (RFC 3986 §2.3).
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

import MailFormat

/// base64url as Gmail writes it: the URL-safe alphabet, with "=" padding, on one line.
enum Base64URL {
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var encoded = Base64.encode(bytes, lineLength: nil)
        for index in encoded.indices {
            if encoded[index] == UInt8(ascii: "+") { encoded[index] = UInt8(ascii: "-") }
            else if encoded[index] == UInt8(ascii: "/") { encoded[index] = UInt8(ascii: "_") }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Decodes either alphabet, padded or not (white space ignored).
    static func decode(_ text: String) -> [UInt8] {
        Base64.decode(Array(text.utf8))
    }

    /// Whether `text` holds only base64 characters of one alphabet, padding and white space.
    static func isWellFormed(_ text: String) -> Bool {
        var sawStandard = false
        var sawURLSafe = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "="), 0x20, 0x09, 0x0D, 0x0A:
                continue
            case UInt8(ascii: "+"), UInt8(ascii: "/"): sawStandard = true
            case UInt8(ascii: "-"), UInt8(ascii: "_"): sawURLSafe = true
            default: return false
            }
        }
        return !(sawStandard && sawURLSafe)
    }
}

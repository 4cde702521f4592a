/// Base64 (RFC 4648 §4) as mail uses it.
public enum Base64 {
    /// Decodes base64, skipping white space and any junk character; stops at the end of data.
    /// Accepts the URL-safe alphabet too, with or without padding.
    ///
    /// The URL-safe alphabet ("-", "_") is used only when neither "+" nor "/" appears anywhere;
    /// otherwise "-" and "_" are junk like any other. Like mime4j: the first "=" ends the data (a
    /// complete final group is kept, a lone sextet is dropped) and whatever follows it is ignored. Unlike mime4j, two or three sextets left at the
    /// end without padding still give their one or two bytes, unless junk (anything but white space
    /// and the alphabet) was skipped: then the data is broken and mime4j's result is kept.
    ///
    /// `keepsUnpaddedTail` false reads a mail body as mime4j does: an unfinished last group without
    /// padding is a body cut short, and its bits are dropped. (API data such as Gmail's is often sent
    /// without padding, and keeps them.)
    public static func decode(_ bytes: some Collection<UInt8>, keepsUnpaddedTail: Bool = true) -> [UInt8] {
        if let decoded = bytes.withContiguousStorageIfAvailable({ decode(buffer: $0, keepsTail: keepsUnpaddedTail) }) {
            return decoded
        }
        return Array(bytes).withUnsafeBufferPointer { decode(buffer: $0, keepsTail: keepsUnpaddedTail) }
    }

    /// Whether `bytes` holds only the base64 alphabet, padding and white space (nothing a decoder
    /// would have to skip as junk).
    public static func isClean(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.allSatisfy { byte in
            standardSextets[Int(byte)] != skip || byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
        }
    }

    /// Encodes bytes as base64 in lines of 76 characters separated by CRLF (`lineLength` nil: one line).
    /// No line break follows the last line.
    public static func encode(_ bytes: some Collection<UInt8>, lineLength: Int? = 76) -> [UInt8] {
        if let encoded = bytes.withContiguousStorageIfAvailable({ encode(buffer: $0, lineLength: lineLength) }) {
            return encoded
        }
        return Array(bytes).withUnsafeBufferPointer { encode(buffer: $0, lineLength: lineLength) }
    }

    /// base64url (RFC 4648 §5) on one line: the URL-safe alphabet ("-" and "_" for "+" and "/"),
    /// with "=" padding unless `padded` is false (as PKCE and tokens want it). `decode` reads it back
    /// either way.
    public static func encodeURLSafe(_ bytes: some Collection<UInt8>, padded: Bool = true) -> String {
        var encoded = encode(bytes, lineLength: nil)
        if !padded {
            while encoded.last == UInt8(ascii: "=") { encoded.removeLast() }
        }
        for index in encoded.indices {
            switch encoded[index] {
            case UInt8(ascii: "+"): encoded[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): encoded[index] = UInt8(ascii: "_")
            default: break
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    // MARK: - Decoding

    /// 0...63 for the standard alphabet, `padding` for "=", `skip` for anything else.
    private static let standardSextets: [UInt8] = {
        var table = [UInt8](repeating: skip, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        table[Int(UInt8(ascii: "="))] = padding
        return table
    }()
    /// The URL-safe alphabet: "-" and "_" instead of "+" and "/".
    private static let urlSafeSextets: [UInt8] = {
        var table = standardSextets
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()
    private static let skip: UInt8 = 0xFF
    private static let padding: UInt8 = 0xFE

    private static func decode(buffer: UnsafeBufferPointer<UInt8>, keepsTail: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(buffer.count / 4 * 3 + 3)
        var group: UInt32 = 0
        var count = 0
        var sawJunk = false
        // URL-safe only when no "+" or "/" appears: in standard base64, "-" and "_" are junk (a
        // boundary line glued to the data, a signature), and must be skipped as mime4j does.
        let standard = buffer.contains { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "/") }
        (standard ? standardSextets : urlSafeSextets).withUnsafeBufferPointer { table in
            for byte in buffer {
                let value = table[Int(byte)]
                if value < 64 {
                    group = group << 6 | UInt32(value)
                    count += 1
                    if count == 4 {
                        output.append(UInt8(truncatingIfNeeded: group >> 16))
                        output.append(UInt8(truncatingIfNeeded: group >> 8))
                        output.append(UInt8(truncatingIfNeeded: group))
                        group = 0
                        count = 0
                    }
                } else if value == padding {
                    // "XY==" is one byte, "XYZ=" two; a lone sextet is dropped.
                    if count == 2 {
                        output.append(UInt8(truncatingIfNeeded: group >> 4))
                    } else if count == 3 {
                        output.append(UInt8(truncatingIfNeeded: group >> 10))
                        output.append(UInt8(truncatingIfNeeded: group >> 2))
                    }
                    count = 0
                    break
                } else if byte > 0x20 {
                    sawJunk = true
                }
            }
        }
        // Unpadded end: "XY" is one byte, "XYZ" two, when the data is clean. After junk (text glued
        // to the data), the unfinished group is dropped, as mime4j does.
        if !sawJunk && keepsTail {
            if count == 2 {
                output.append(UInt8(truncatingIfNeeded: group >> 4))
            } else if count == 3 {
                output.append(UInt8(truncatingIfNeeded: group >> 10))
                output.append(UInt8(truncatingIfNeeded: group >> 2))
            }
        }
        return output
    }

    // MARK: - Encoding

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static func encode(buffer: UnsafeBufferPointer<UInt8>, lineLength: Int?) -> [UInt8] {
        let characters = (buffer.count + 2) / 3 * 4
        guard characters > 0 else { return [] }
        let width = lineLength.map { max($0, 1) } ?? characters
        let breaks = (characters - 1) / width
        let total = characters + breaks * 2
        return [UInt8](unsafeUninitializedCapacity: total) { output, initialized in
            alphabet.withUnsafeBufferPointer { digits in
                var out = 0
                var column = 0
                @inline(__always) func put(_ byte: UInt8) {
                    if column == width {
                        output[out] = 0x0D
                        output[out + 1] = 0x0A
                        out += 2
                        column = 0
                    }
                    output[out] = byte
                    out += 1
                    column += 1
                }
                var index = 0
                let whole = buffer.count - buffer.count % 3
                while index < whole {
                    let group = UInt32(buffer[index]) << 16 | UInt32(buffer[index + 1]) << 8 | UInt32(buffer[index + 2])
                    if column + 4 <= width {
                        // The common case: the group fits on the line.
                        output[out] = digits[Int(group >> 18 & 63)]
                        output[out + 1] = digits[Int(group >> 12 & 63)]
                        output[out + 2] = digits[Int(group >> 6 & 63)]
                        output[out + 3] = digits[Int(group & 63)]
                        out += 4
                        column += 4
                    } else {
                        put(digits[Int(group >> 18 & 63)])
                        put(digits[Int(group >> 12 & 63)])
                        put(digits[Int(group >> 6 & 63)])
                        put(digits[Int(group & 63)])
                    }
                    index += 3
                }
                let rest = buffer.count - index
                if rest > 0 {
                    let second: UInt32 = rest == 2 ? UInt32(buffer[index + 1]) : 0
                    let group = UInt32(buffer[index]) << 16 | second << 8
                    put(digits[Int(group >> 18 & 63)])
                    put(digits[Int(group >> 12 & 63)])
                    put(rest == 2 ? digits[Int(group >> 6 & 63)] : UInt8(ascii: "="))
                    put(UInt8(ascii: "="))
                }
                initialized = out
            }
        }
    }
}

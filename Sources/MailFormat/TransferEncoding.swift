/// Content-Transfer-Encoding: how a body's bytes are carried.
public enum TransferEncoding: Sendable, Equatable {
    case sevenBit, eightBit, binary, quotedPrintable, base64
    /// x-uuencode and friends.
    case uuencode
    /// Anything else, carried as it is.
    case other(String)

    /// Reads a header value such as " Base64 " (case and white space ignored); nil or empty → 7bit.
    /// Comments, quotes and anything after the first word (`base64; junk`) are ignored too.
    public init(headerValue: String?) {
        guard let headerValue else {
            self = .sevenBit
            return
        }
        var name: [UInt8] = []
        var depth = 0
        scan: for byte in headerValue.utf8 {
            if depth > 0 {
                if byte == UInt8(ascii: "(") { depth += 1 } else if byte == UInt8(ascii: ")") { depth -= 1 }
                continue
            }
            switch byte {
            case UInt8(ascii: "("):
                depth = 1
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                continue
            case 0x00...0x20, UInt8(ascii: ";"), UInt8(ascii: ","):
                if !name.isEmpty { break scan }
            default:
                name.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
        }
        switch String(decoding: name, as: UTF8.self) {
        case "", "7bit", "7-bit", "7_bit", "us-ascii", "ascii": self = .sevenBit
        case "8bit", "8-bit", "8_bit": self = .eightBit
        case "binary": self = .binary
        case "quoted-printable", "quoted_printable", "quotedprintable", "qp": self = .quotedPrintable
        case "base64", "base-64", "x-base64": self = .base64
        case "x-uuencode", "uuencode", "x-uue", "uue", "x-uu": self = .uuencode
        case let other: self = .other(other)
        }
    }

    /// The body bytes with this transfer encoding undone. Tolerant: junk in base64 is skipped,
    /// malformed quoted-printable is kept literally. A uuencoded body gives its first block (the
    /// bytes as they are when it holds none); 7bit, 8bit, binary and unknown encodings are kept.
    public func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        switch self {
        case .base64: return Base64.decode(bytes, keepsUnpaddedTail: false)
        case .quotedPrintable: return QuotedPrintable.decode(bytes)
        case .uuencode: return UUDecoder.decode(bytes) ?? Array(bytes)
        case .sevenBit, .eightBit, .binary, .other: return Array(bytes)
        }
    }

    /// The header value for this encoding, e.g. "quoted-printable".
    public var headerValue: String {
        switch self {
        case .sevenBit: return "7bit"
        case .eightBit: return "8bit"
        case .binary: return "binary"
        case .quotedPrintable: return "quoted-printable"
        case .base64: return "base64"
        case .uuencode: return "x-uuencode"
        case .other(let name): return name
        }
    }
}

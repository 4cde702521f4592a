/// ASCII hexadecimal digits, as quoted-printable, RFC 2047 Q and RFC 2231 escapes write them.
enum HexDigit {
    /// The value of an ASCII hex digit (either case), or nil.
    @inline(__always)
    static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}

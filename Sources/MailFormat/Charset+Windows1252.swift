extension Charset {
    /// windows-1252, the superset of ISO-8859-1 that mail labelled "iso-8859-1" really uses
    /// (0x80–0x9F hold curly quotes, dashes and the euro sign instead of C1 controls).
    enum Windows1252 {
        /// Unicode scalars for 0x80–0x9F. The five bytes windows-1252 leaves undefined
        /// (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of the same value, as browsers do.
        static let high: [UInt16] = [
            0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
            0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
        ]

        /// The Unicode scalar value of one windows-1252 byte.
        @inline(__always)
        static func scalar(of byte: UInt8) -> UInt32 {
            if byte >= 0x80, byte < 0xA0 { return UInt32(high[Int(byte &- 0x80)]) }
            return UInt32(byte)
        }

        /// How many UTF-8 bytes one windows-1252 byte becomes.
        @inline(__always)
        static func utf8Length(of byte: UInt8) -> Int {
            let value = scalar(of: byte)
            return value < 0x80 ? 1 : (value < 0x800 ? 2 : 3)
        }

        /// Appends one windows-1252 byte to `out` as UTF-8.
        @inline(__always)
        static func appendUTF8(of byte: UInt8, to out: inout [UInt8]) {
            let value = scalar(of: byte)
            if value < 0x80 {
                out.append(UInt8(truncatingIfNeeded: value))
            } else if value < 0x800 {
                out.append(UInt8(truncatingIfNeeded: 0xC0 | (value >> 6)))
                out.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
            } else {
                out.append(UInt8(truncatingIfNeeded: 0xE0 | (value >> 12)))
                out.append(UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F)))
                out.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
            }
        }

        /// Decodes windows-1252 (and so ISO-8859-1) bytes: one pass to size, one to write.
        static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            var size = 0
            for byte in bytes { size += byte < 0x80 ? 1 : utf8Length(of: byte) }
            if size == 0 { return "" }
            return String(unsafeUninitializedCapacity: size) { buffer in
                var written = 0
                for byte in bytes {
                    guard written < buffer.count else { break }
                    if byte < 0x80 {
                        buffer[written] = byte
                        written += 1
                        continue
                    }
                    let value = scalar(of: byte)
                    if value < 0x800 {
                        guard written + 2 <= buffer.count else { break }
                        buffer[written] = UInt8(truncatingIfNeeded: 0xC0 | (value >> 6))
                        buffer[written + 1] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
                        written += 2
                    } else {
                        guard written + 3 <= buffer.count else { break }
                        buffer[written] = UInt8(truncatingIfNeeded: 0xE0 | (value >> 12))
                        buffer[written + 1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
                        buffer[written + 2] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
                        written += 3
                    }
                }
                return written
            }
        }
    }
}

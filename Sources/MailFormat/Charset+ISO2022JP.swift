extension Charset {
    /// ISO-2022-JP as Japanese mail really uses it (Microsoft's CP50220–CP50222): JIS X 0208 with
    /// the NEC and IBM extensions (①, ㈱, Ⅲ …), JIS X 0212, half-width katakana by ESC ( I, SO/SI
    /// or raw 8-bit bytes. glibc's ISO-2022-JP refuses the extensions, so the escapes are rewritten
    /// as EUC-JP and converted with glibc's EUC-JP-MS, which has them all. Text that uses other
    /// ISO-2022-JP-2 escapes (Chinese, Korean, Latin-1 sets) goes to glibc's ISO-2022-JP-2.
    enum ISO2022JP {
        private enum Mode { case ascii, jis0208, jis0212, katakana }

        /// A byte EUC-JP never uses: marks a bad sequence so that the converter yields U+FFFD.
        private static let invalid: UInt8 = 0xFF
        private static let escape: UInt8 = 0x1B

        /// Decodes bytes declared as ISO-2022-JP (or -1, -2, -3, CP5022x).
        static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            var hasEscape = false
            var hasShift = false
            var hasHigh = false
            var hasForeignEscape = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == escape {
                    hasEscape = true
                    let length = escapeLength(bytes, at: index)
                    if length == 0 { hasForeignEscape = true }
                    index += max(length, 1)
                    continue
                }
                if byte == 0x0E || byte == 0x0F { hasShift = true }
                if byte >= 0x80 { hasHigh = true }
                index += 1
            }
            if !hasEscape, !hasShift, !hasHigh { return String(decoding: bytes, as: UTF8.self) }
            if hasHigh {
                // 8-bit bytes do not belong in ISO-2022-JP: UTF-8, Shift_JIS or EUC-JP sent under its name.
                if LenientUTF8.isValid(bytes) { return LenientUTF8.string(validUTF8: bytes) }
                if !hasEscape {
                    return Charset.decode(bytes, as: .iconv(IconvTarget(names: ["CP932", "EUC-JP-MS"])))
                }
            }
            if hasForeignEscape {
                if let converted = Iconv.convert(bytes, from: "ISO-2022-JP-2") {
                    return String(decoding: converted.utf8, as: UTF8.self)
                }
            }
            let euc = eucJP(from: bytes)
            let converted = euc.withUnsafeBufferPointer { buffer in
                Iconv.convert(buffer, from: "EUC-JP-MS") ?? Iconv.convert(buffer, from: "EUC-JP")
            }
            guard let converted else { return LenientUTF8.decode(bytes) }
            return String(decoding: converted.utf8, as: UTF8.self)
        }

        /// The length of a designation this decoder handles at `index` (an ESC), or 0.
        private static func escapeLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
            mode(afterEscapeAt: bytes, index)?.length ?? 0
        }

        /// The mode a designation at `index` selects and its length; nil for anything else.
        /// `ESC & @` (a JIS X 0208-1990 prefix) selects nothing and is skipped.
        private static func mode(afterEscapeAt bytes: UnsafeBufferPointer<UInt8>, _ index: Int)
            -> (mode: Mode?, length: Int)?
        {
            guard index + 2 < bytes.count else { return nil }
            let first = bytes[index + 1]
            let second = bytes[index + 2]
            switch (first, second) {
            case (0x28, 0x42), (0x28, 0x4A), (0x28, 0x48): return (.ascii, 3)  // ( B, ( J, ( H
            case (0x28, 0x49): return (.katakana, 3)  // ( I
            case (0x24, 0x40), (0x24, 0x42): return (.jis0208, 3)  // $ @, $ B
            case (0x26, 0x40): return (nil, 3)  // & @
            case (0x24, 0x28):
                guard index + 3 < bytes.count else { return nil }
                switch bytes[index + 3] {
                case 0x44: return (.jis0212, 4)  // $ ( D
                case 0x40, 0x42: return (.jis0208, 4)  // $ ( @, $ ( B
                default: return nil
                }
            default:
                return nil
            }
        }

        /// Rewrites ISO-2022-JP as EUC-JP bytes (0xFF where a sequence is bad).
        private static func eucJP(from bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 2)
            var mode = Mode.ascii
            var shiftedOut = false
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte == escape {
                    if let designation = self.mode(afterEscapeAt: bytes, index) {
                        if let selected = designation.mode { mode = selected }
                        index += designation.length
                    } else {
                        out.append(invalid)
                        index += 1
                    }
                    continue
                }
                if byte == 0x0E { shiftedOut = true; index += 1; continue }
                if byte == 0x0F { shiftedOut = false; index += 1; continue }
                if byte >= 0x80 {
                    // Raw half-width katakana (JIS8); anything else is bad.
                    if byte >= 0xA1, byte <= 0xDF { out.append(0x8E); out.append(byte) } else { out.append(invalid) }
                    index += 1
                    continue
                }
                if byte < 0x21 || byte == 0x7F {
                    out.append(byte)  // controls and spaces pass in any mode
                    index += 1
                    continue
                }
                switch shiftedOut ? .katakana : mode {
                case .ascii:
                    out.append(byte)
                    index += 1
                case .katakana:
                    if byte <= 0x5F { out.append(0x8E); out.append(byte | 0x80) } else { out.append(invalid) }
                    index += 1
                case .jis0208, .jis0212:
                    guard index + 1 < count, bytes[index + 1] >= 0x21, bytes[index + 1] <= 0x7E else {
                        out.append(invalid)
                        index += 1
                        continue
                    }
                    if mode == .jis0212 { out.append(0x8F) }
                    out.append(byte | 0x80)
                    out.append(bytes[index + 1] | 0x80)
                    index += 2
                }
            }
            return out
        }
    }
}

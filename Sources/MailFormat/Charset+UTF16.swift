extension Charset {
    /// UTF-16 with or without a byte-order mark; unpaired surrogates and an odd last byte become U+FFFD.
    enum UTF16Text {
        /// The byte order a leading byte-order mark announces (true: big-endian), or nil.
        static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
            guard bytes.count >= 2 else { return nil }
            if bytes[0] == 0xFE, bytes[1] == 0xFF { return true }
            if bytes[0] == 0xFF, bytes[1] == 0xFE { return false }
            return nil
        }

        /// Decodes UTF-16. A byte-order mark wins over the declared order; without either the order
        /// is guessed from where the zero bytes are (big-endian when in doubt, as RFC 2781 says).
        /// Without a mark, bytes with no zero byte that are valid UTF-8 are read as UTF-8 (a
        /// mislabelled part).
        static func decode(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian declared: Bool?) -> String {
            var start = 0
            var bigEndian = declared
            if let marked = byteOrderMark(bytes) {
                bigEndian = marked
                start = 2
            } else {
                if looksMislabelled(bytes) { return LenientUTF8.string(validUTF8: bytes) }
                if bigEndian == nil { bigEndian = guessBigEndian(bytes) }
            }
            let isBig = bigEndian ?? true
            let unitCount = (bytes.count - start) / 2
            var units: [UInt16] = []
            units.reserveCapacity(unitCount)
            var index = start
            while index + 1 < bytes.count {
                let first = UInt16(bytes[index])
                let second = UInt16(bytes[index + 1])
                units.append(isBig ? first << 8 | second : second << 8 | first)
                index += 2
            }
            var text = String(decoding: units, as: UTF16.self)
            if (bytes.count - start) % 2 == 1 { text.append("\u{FFFD}") }
            return text
        }

        /// Whether BOM-less "UTF-16" is really UTF-8 or ASCII: no zero byte, valid UTF-8, and either
        /// some non-ASCII, an odd length, or a line break (ASCII-range UTF-16 such as hiragana has
        /// none of these).
        private static func looksMislabelled(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard !bytes.contains(0) else { return false }
            let profile = LenientUTF8.profile(bytes)
            guard profile.isValid else { return false }
            if !profile.isASCII || bytes.count % 2 == 1 { return true }
            return bytes.contains(0x0A) || bytes.contains(0x0D)
        }

        /// True when zero bytes sit more often at even offsets (high byte first).
        private static func guessBigEndian(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var evenZeros = 0
            var oddZeros = 0
            for (offset, byte) in bytes.enumerated() where byte == 0 {
                if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
            }
            return oddZeros <= evenZeros
        }
    }
}

extension EncodedWord {
    /// One encoded-word found in header text: its charset, its decoded bytes, and where it ends.
    struct Word {
        /// The charset name as written, without an RFC 2231 "*language" suffix.
        var charset: String
        /// The bytes the B or Q text stands for, still in `charset`.
        var bytes: [UInt8]
        /// Index just past the closing "?=".
        var end: Int
    }

    /// Decodes header text: a single left-to-right scan, linear in the input.
    enum TextDecoder {
        private static let space: UInt8 = 0x20
        private static let tab: UInt8 = 0x09
        private static let cr: UInt8 = 0x0D
        private static let lf: UInt8 = 0x0A
        private static let equals: UInt8 = 0x3D
        private static let question: UInt8 = 0x3F

        /// Decoded encoded-words waiting to be converted: adjacent ones in one charset are joined as
        /// bytes first, because a character may be split across two of them.
        private struct Pending {
            var decoding: Charset.Decoding
            var bytes: [UInt8]
        }

        static func decode(_ bytes: UnsafeBufferPointer<UInt8>, rawCharset: String?) -> String {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var pending: Pending?
            var lastCharset: (name: String, decoding: Charset.Decoding)?
            var literalStart = 0
            var index = 0
            let count = bytes.count
            while index + 1 < count {
                guard bytes[index] == equals, bytes[index + 1] == question,
                    let word = parseWord(bytes, at: index)
                else {
                    index += 1
                    continue
                }
                let between = UnsafeBufferPointer(rebasing: bytes[literalStart..<index])
                let decoding: Charset.Decoding
                if let last = lastCharset, last.name == word.charset {
                    decoding = last.decoding
                } else {
                    decoding = Charset.decoding(forName: word.charset)
                    lastCharset = (word.charset, decoding)
                }
                if let previousDecoding = pending?.decoding, isWhiteSpace(between) {
                    // White space between two encoded-words is dropped.
                    if previousDecoding == decoding {
                        pending?.bytes.append(contentsOf: word.bytes)  // in place: no copy per word
                    } else {
                        if let previous = pending { flush(previous, to: &out) }
                        pending = Pending(decoding: decoding, bytes: word.bytes)
                    }
                } else {
                    if let previous = pending { flush(previous, to: &out) }
                    appendLiteral(between, rawCharset: rawCharset, to: &out)
                    pending = Pending(decoding: decoding, bytes: word.bytes)
                }
                index = word.end
                literalStart = word.end
            }
            if let previous = pending { flush(previous, to: &out) }
            if literalStart < count {
                appendLiteral(UnsafeBufferPointer(rebasing: bytes[literalStart..<count]), rawCharset: rawCharset, to: &out)
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// Whether an encoded-word starts anywhere in `bytes` (the encoder keeps text plain only
        /// when decoding cannot change it).
        static func containsWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var index = 0
            while index + 1 < bytes.count {
                if bytes[index] == equals, bytes[index + 1] == question, parseWord(bytes, at: index) != nil {
                    return true
                }
                index += 1
            }
            return false
        }

        /// Parses `=?charset[*lang]?B|Q?text?=` at `start`. Lenient: the word may touch other text,
        /// its text may hold spaces and folds, and its charset may be missing. Nil when it is not a well-formed encoded-word
        /// (then the caller moves on by one byte; each scan stops at the next "?", so the total
        /// work stays linear).
        static func parseWord(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Word? {
            let count = bytes.count
            var index = start + 2
            let charsetStart = index
            while index < count, index - charsetStart <= 64 {
                let byte = bytes[index]
                if byte == question || byte == equals || byte <= space || byte >= 0x7F { break }
                index += 1
            }
            let charsetEnd = index  // may be empty: "=??Q?…?=" is real mail; read as undeclared
            guard index + 2 < count, bytes[index] == question,
                bytes[index + 2] == question
            else { return nil }
            let form = bytes[index + 1] | 0x20
            guard form == 0x62 || form == 0x71 else { return nil }  // b, q
            let textStart = index + 3
            index = textStart
            while index < count, bytes[index] != question { index += 1 }
            guard index + 1 < count, bytes[index + 1] == equals else { return nil }
            let text = UnsafeBufferPointer(rebasing: bytes[textStart..<index])
            guard let decoded = form == 0x62 ? decodeB(text) : decodeQ(text) else { return nil }

            var charsetBytes = UnsafeBufferPointer(rebasing: bytes[charsetStart..<charsetEnd])
            if let star = charsetBytes.firstIndex(of: 0x2A) {
                charsetBytes = UnsafeBufferPointer(rebasing: charsetBytes[0..<star])
            }
            return Word(charset: String(decoding: charsetBytes, as: UTF8.self), bytes: decoded, end: index + 2)
        }

        /// Q: "_" is a space, "=XX" a byte; a lone "=" stays; a line break and the white space after
        /// it are dropped (a fold inside the word); any other byte stands for itself.
        static func decodeQ(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
            var out: [UInt8] = []
            out.reserveCapacity(text.count)
            var index = 0
            let count = text.count
            while index < count {
                let byte = text[index]
                switch byte {
                case 0x5F:
                    out.append(space)
                    index += 1
                case equals:
                    if index + 2 < count, let high = HexDigit.value(text[index + 1]), let low = HexDigit.value(text[index + 2]) {
                        out.append(high << 4 | low)
                        index += 3
                    } else {
                        out.append(equals)
                        index += 1
                    }
                case cr, lf:
                    index += 1
                    while index < count, isWhiteSpace(text[index]) { index += 1 }
                default:
                    out.append(byte)
                    index += 1
                }
            }
            return out
        }

        /// B: base64; white space is skipped, missing padding tolerated, "=" ends a quantum (so two
        /// concatenated base64 runs still decode). Nil on a byte outside the alphabet.
        static func decodeB(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
            var out: [UInt8] = []
            out.reserveCapacity(text.count * 3 / 4 + 3)
            var accumulator: UInt32 = 0
            var bits = 0
            for byte in text {
                let value: UInt8
                switch byte {
                case 0x41...0x5A: value = byte - 0x41
                case 0x61...0x7A: value = byte - 0x61 + 26
                case 0x30...0x39: value = byte - 0x30 + 52
                case 0x2B: value = 62
                case 0x2F: value = 63
                case equals:
                    accumulator = 0
                    bits = 0
                    continue
                case space, tab, cr, lf:
                    continue
                default:
                    return nil
                }
                accumulator = (accumulator << 6 | UInt32(value)) & 0xFFFFFF
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                }
            }
            return out
        }


        @inline(__always)
        private static func isWhiteSpace(_ byte: UInt8) -> Bool {
            byte == space || byte == tab || byte == cr || byte == lf
        }

        private static func isWhiteSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            bytes.allSatisfy { isWhiteSpace($0) }
        }

        /// Converts joined encoded-word bytes from their charset and appends them.
        private static func flush(_ pending: Pending, to out: inout [UInt8]) {
            if pending.bytes.isEmpty { return }
            let isUTF8 = pending.decoding == .utf8 || pending.decoding == .undeclared
            if isUTF8, pending.bytes.withUnsafeBufferPointer({ Charset.LenientUTF8.isValid($0) }) {
                out.append(contentsOf: pending.bytes)  // as is: a leading U+FEFF is text here, not a mark
                return
            }
            let text = pending.bytes.withUnsafeBufferPointer { Charset.decode($0, as: pending.decoding) }
            out.append(contentsOf: text.utf8)
        }

        /// Appends text outside encoded-words: a line break with the white space around it becomes
        /// one space; 8-bit bytes are UTF-8 where valid, otherwise windows-1252 (or `rawCharset`).
        private static func appendLiteral(_ bytes: UnsafeBufferPointer<UInt8>, rawCharset: String?, to out: inout [UInt8]) {
            if bytes.isEmpty { return }
            var unfolded: [UInt8] = []
            unfolded.reserveCapacity(bytes.count)
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                guard isWhiteSpace(byte) else {
                    unfolded.append(byte)
                    index += 1
                    continue
                }
                let runStart = index
                var hasBreak = false
                while index < count, isWhiteSpace(bytes[index]) {
                    if bytes[index] == cr || bytes[index] == lf { hasBreak = true }
                    index += 1
                }
                if hasBreak {
                    unfolded.append(space)
                } else {
                    unfolded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
            }
            unfolded.withUnsafeBufferPointer { buffer in
                if let rawCharset, !Charset.LenientUTF8.isValid(buffer) {
                    out.append(contentsOf: Charset.decode(buffer, as: Charset.decoding(forName: rawCharset)).utf8)
                } else {
                    Charset.LenientUTF8.appendDecoded(buffer, to: &out)
                }
            }
        }
    }
}

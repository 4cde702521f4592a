extension EncodedWord {
    /// Writes text as UTF-8 encoded-words of at most 67 characters.
    enum Encoder {
        /// The two RFC 2047 encodings.
        enum Form {
            case q, b
        }

        /// The longest encoded-word written. RFC 2047 allows 75 characters in lines of at most 76; at
        /// 67 even the first word of a Subject fits on the line after "Subject: ", so a header never
        /// has to fold right after its colon (which leaves an empty first line that readers such as
        /// Python's `email` take as a leading space).
        static let maximumWordLength = 76 - "Subject: ".count
        private static let prefixQ = Array("=?UTF-8?Q?".utf8)
        private static let prefixB = Array("=?UTF-8?B?".utf8)
        private static let suffix = Array("?=".utf8)
        private static let hexDigits = Array("0123456789ABCDEF".utf8)
        private static let base64Digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

        /// Room for encoded text inside one word.
        private static var textBudget: Int { maximumWordLength - prefixQ.count - suffix.count }

        /// The longest run without a space left plain: a folder could not break a longer one to
        /// keep lines within RFC 5322's 998 characters, but it can break between encoded-words.
        static let longestPlainWord = 900

        /// Printable ASCII and spaces with nothing `decodeText` would decode: safe to write as is.
        static func isPlain(_ bytes: [UInt8]) -> Bool {
            var run = 0
            for byte in bytes {
                if byte < 0x20 || byte > 0x7E { return false }
                run = byte == 0x20 ? 0 : run + 1
                if run > longestPlainWord { return false }
            }
            return !bytes.withUnsafeBufferPointer { TextDecoder.containsWord($0) }
        }

        /// Whether Q may write `byte` as itself (RFC 2047 5(3), the strictest alphabet: valid in
        /// Subject, comments and display names alike).
        @inline(__always)
        private static func isQSafe(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x21, 0x2A, 0x2B, 0x2D, 0x2F: return true
            default: return false
            }
        }

        /// Encoded length of one scalar's bytes in `form` text (for Q exact; for B, its byte count).
        private static func cost(_ bytes: ArraySlice<UInt8>, form: Form) -> Int {
            switch form {
            case .q: return bytes.reduce(0) { $0 + (isQSafe($1) || $1 == 0x20 ? 1 : 3) }
            case .b: return bytes.count
            }
        }

        /// `text` as encoded-words in `form`, separated by single spaces, never splitting a scalar.
        static func words(for text: String, form: Form) -> String {
            // Byte budget per word: Q counts encoded characters, B counts raw bytes (3 → 4 chars).
            let budget = form == .q ? textBudget : textBudget / 4 * 3
            var out: [UInt8] = []
            var word: [UInt8] = []
            var used = 0
            var scalarBytes: [UInt8] = []
            for scalar in text.unicodeScalars {
                scalarBytes.removeAll(keepingCapacity: true)
                UTF8.encode(scalar) { scalarBytes.append($0) }
                let scalarCost = cost(scalarBytes[...], form: form)
                if used + scalarCost > budget, !word.isEmpty {
                    emit(word, form: form, to: &out)
                    word.removeAll(keepingCapacity: true)
                    used = 0
                }
                word.append(contentsOf: scalarBytes)
                used += scalarCost
            }
            if !word.isEmpty { emit(word, form: form, to: &out) }
            return String(decoding: out, as: UTF8.self)
        }

        /// Appends one encoded-word (after a space when it is not the first).
        private static func emit(_ bytes: [UInt8], form: Form, to out: inout [UInt8]) {
            if !out.isEmpty { out.append(0x20) }
            switch form {
            case .q:
                out.append(contentsOf: prefixQ)
                for byte in bytes {
                    if byte == 0x20 {
                        out.append(0x5F)
                    } else if isQSafe(byte) {
                        out.append(byte)
                    } else {
                        out.append(0x3D)
                        out.append(hexDigits[Int(byte >> 4)])
                        out.append(hexDigits[Int(byte & 0x0F)])
                    }
                }
            case .b:
                out.append(contentsOf: prefixB)
                var index = 0
                while index < bytes.count {
                    let first = UInt32(bytes[index])
                    let second = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
                    let third = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
                    let group = first << 16 | second << 8 | third
                    let available = min(bytes.count - index, 3)
                    for position in 0..<4 {
                        if position <= available {
                            out.append(base64Digits[Int((group >> UInt32(18 - 6 * position)) & 0x3F)])
                        } else {
                            out.append(0x3D)
                        }
                    }
                    index += 3
                }
            }
            out.append(contentsOf: suffix)
        }
    }
}

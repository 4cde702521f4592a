extension Charset {
    /// What one pass over some bytes learned about them as UTF-8.
    struct UTF8Profile: Equatable, Sendable {
        /// Every byte is below 0x80.
        var isASCII: Bool
        /// The bytes are well-formed UTF-8 (ASCII included).
        var isValid: Bool
        /// Continuation bytes (0x80–0xBF) inside well-formed multi-byte sequences.
        var continuationBytes: Int
    }

    /// UTF-8 checks and the lenient "UTF-8 where valid, windows-1252 for every other byte" reading
    /// used whenever a charset is missing, unknown or lying.
    enum LenientUTF8 {
        /// The length of the well-formed UTF-8 sequence that starts at `index`, or 0 when the bytes
        /// there are not one (overlong forms, surrogates and values past U+10FFFF are refused).
        @inline(__always)
        static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
            let count = bytes.count
            guard index >= 0, index < count else { return 0 }
            let lead = bytes[index]
            if lead < 0x80 { return 1 }
            if lead < 0xC2 { return 0 }
            if lead < 0xE0 {
                guard index + 1 < count else { return 0 }
                return bytes[index + 1] & 0xC0 == 0x80 ? 2 : 0
            }
            if lead < 0xF0 {
                guard index + 2 < count else { return 0 }
                let second = bytes[index + 1]
                guard bytes[index + 2] & 0xC0 == 0x80 else { return 0 }
                switch lead {
                case 0xE0: return second >= 0xA0 && second <= 0xBF ? 3 : 0
                case 0xED: return second >= 0x80 && second <= 0x9F ? 3 : 0
                default: return second & 0xC0 == 0x80 ? 3 : 0
                }
            }
            if lead < 0xF5 {
                guard index + 3 < count else { return 0 }
                let second = bytes[index + 1]
                guard bytes[index + 2] & 0xC0 == 0x80, bytes[index + 3] & 0xC0 == 0x80 else { return 0 }
                switch lead {
                case 0xF0: return second >= 0x90 && second <= 0xBF ? 4 : 0
                case 0xF4: return second >= 0x80 && second <= 0x8F ? 4 : 0
                default: return second & 0xC0 == 0x80 ? 4 : 0
                }
            }
            return 0
        }

        /// Index of the first byte at or after `start` that is 0x80 or above (or `bytes.count`).
        /// Skips eight ASCII bytes at a time.
        @inline(__always)
        static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            let count = bytes.count
            var index = max(0, start)
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    index += 8
                }
            }
            while index < count, bytes[index] < 0x80 { index += 1 }
            return index
        }

        /// One linear pass: ASCII-ness, validity, and how much multi-byte UTF-8 there is.
        static func profile(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Profile {
            var result = UTF8Profile(isASCII: true, isValid: true, continuationBytes: 0)
            var index = 0
            let count = bytes.count
            while index < count {
                index = firstNonASCII(bytes, from: index)
                guard index < count else { break }
                result.isASCII = false
                let length = sequenceLength(bytes, at: index)
                if length == 0 {
                    result.isValid = false
                    index += 1
                } else {
                    result.continuationBytes += length - 1
                    index += length
                }
            }
            return result
        }

        /// Whether the bytes are well-formed UTF-8.
        static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var index = 0
            let count = bytes.count
            while index < count {
                index = firstNonASCII(bytes, from: index)
                guard index < count else { return true }
                let length = sequenceLength(bytes, at: index)
                if length == 0 { return false }
                index += length
            }
            return true
        }

        /// Bytes known to be well-formed UTF-8 as a String, without a leading byte-order mark.
        static func string(validUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[3...]), as: UTF8.self)
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// UTF-8 where the bytes are well-formed UTF-8, and every other byte read as windows-1252.
        /// Handles the usual lies (latin-1 sent as UTF-8, one stray byte in UTF-8) in one pass.
        static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            if isValid(bytes) { return string(validUTF8: bytes) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 2 + 8)
            appendDecoded(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        }

        /// Appends the lenient reading of `bytes` (see `decode`) to `out` as UTF-8.
        static func appendDecoded(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
            var index = 0
            let count = bytes.count
            while index < count {
                let next = firstNonASCII(bytes, from: index)
                if next > index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<next])) }
                index = next
                guard index < count else { break }
                let length = sequenceLength(bytes, at: index)
                if length == 0 {
                    Windows1252.appendUTF8(of: bytes[index], to: &out)
                    index += 1
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                    index += length
                }
            }
        }
    }
}

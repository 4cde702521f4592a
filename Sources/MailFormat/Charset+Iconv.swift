#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Charset {
    /// UTF-8 bytes converted by iconv, and how many bad sequences were replaced by U+FFFD.
    struct IconvResult: Sendable {
        /// The converted text as UTF-8.
        var utf8: [UInt8]
        /// Bad or incomplete input sequences, each replaced by U+FFFD.
        var errors: Int
    }

    /// glibc iconv, one converter per call: an `iconv_t` is never shared, so any number of
    /// threads may convert at once.
    enum Iconv {
        private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

        /// Converts `bytes` from the iconv charset `name` to UTF-8, in chunks. A byte iconv refuses
        /// (EILSEQ), or an incomplete sequence at the end (EINVAL), becomes U+FFFD: the byte is
        /// skipped and conversion goes on with the next. Nil when iconv cannot open `name`.
        static func convert(_ bytes: UnsafeBufferPointer<UInt8>, from name: String) -> IconvResult? {
            guard let handle = iconv_open("UTF-8", name), Int(bitPattern: handle) != -1 else { return nil }
            defer { iconv_close(handle) }
            var result = IconvResult(utf8: [], errors: 0)
            guard let inputBase = bytes.baseAddress, !bytes.isEmpty else { return result }
            result.utf8.reserveCapacity(bytes.count + bytes.count / 2 + 16)

            let chunkSize = min(max(bytes.count * 3 + 16, 64), 32 * 1024)
            let chunk = UnsafeMutablePointer<CChar>.allocate(capacity: chunkSize)
            defer { chunk.deallocate() }

            var input: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inputBase)
                .assumingMemoryBound(to: CChar.self)
            var inputLeft = bytes.count
            var flushed = false

            while true {
                var output: UnsafeMutablePointer<CChar>? = chunk
                var outputLeft = chunkSize
                let inputBefore = inputLeft
                let status: Int
                if inputLeft > 0 {
                    status = iconv(handle, &input, &inputLeft, &output, &outputLeft)
                } else {
                    // End of input: let a stateful converter (ISO-2022-*, UTF-7) finish.
                    status = iconv(handle, nil, nil, &output, &outputLeft)
                    flushed = true
                }
                let failure = status == -1 ? errno : 0
                let produced = chunkSize - outputLeft
                if produced > 0 {
                    chunk.withMemoryRebound(to: UInt8.self, capacity: produced) { start in
                        result.utf8.append(contentsOf: UnsafeBufferPointer(start: start, count: produced))
                    }
                }
                if flushed { break }
                if status != -1 { continue }  // all input converted: flush next
                if failure == E2BIG, produced > 0 || inputLeft < inputBefore { continue }
                // EILSEQ, EINVAL, or no progress at all: replace one byte and go on.
                result.errors += 1
                result.utf8.append(contentsOf: replacement)
                guard inputLeft > 0, let current = input else { break }
                input = current + 1
                inputLeft -= 1
            }
            return result
        }
    }
}

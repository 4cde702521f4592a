/// Text in any charset mail uses, converted to Swift strings (UTF-8). Unknown or lying charsets
/// fall back sensibly and never fail.
///
/// Fast paths (no iconv): US-ASCII, UTF-8, ISO-8859-1/windows-1252 (one table), UTF-16, and any
/// ASCII-only text in an ASCII-compatible charset. Everything else goes through glibc iconv with a
/// converter opened per call, so every function here is safe to call from many threads at once.
/// Linear time in the input.
public enum Charset {
    /// Decodes `bytes` declared to be in `charset` (a MIME charset name such as "iso-8859-1",
    /// "windows-1252", "koi8-r", "iso-2022-jp", "gb2312", "big5", "euc-kr", "shift_jis"; nil when
    /// none was declared). Never fails: invalid sequences become U+FFFD or fall back to a guess.
    public static func decode(_ bytes: some Collection<UInt8>, charset: String?) -> String {
        let decoding = decoding(forName: charset)
        if let text = bytes.withContiguousStorageIfAvailable({ decode($0, as: decoding) }) {
            return text
        }
        return Array(bytes).withUnsafeBufferPointer { decode($0, as: decoding) }
    }

    /// Decodes contiguous bytes with a resolved decoding.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, as decoding: Decoding) -> String {
        if bytes.isEmpty { return "" }
        switch decoding {
        case .undeclared:
            if let bigEndian = UTF16Text.byteOrderMark(bytes), bytes.count % 2 == 0 {
                return UTF16Text.decode(bytes, bigEndian: bigEndian)
            }
            return LenientUTF8.decode(bytes)
        case .utf8:
            return LenientUTF8.decode(bytes)
        case .windows1252:
            // Valid UTF-8 under a latin-1 label is the commonest lie in mail; real latin-1 text
            // with accents is practically never valid UTF-8.
            if LenientUTF8.isValid(bytes) { return LenientUTF8.string(validUTF8: bytes) }
            return Windows1252.decode(bytes)
        case .utf16(let bigEndian):
            return UTF16Text.decode(bytes, bigEndian: bigEndian)
        case .iso2022JP:
            return ISO2022JP.decode(bytes)
        case .iconv(let target):
            return decodeWithIconv(bytes, target)
        }
    }

    /// iconv with the fallbacks: ASCII stays ASCII, convincing UTF-8 is taken as UTF-8, and when
    /// every converter meets bad bytes, valid UTF-8 wins over a reading full of U+FFFD.
    private static func decodeWithIconv(_ bytes: UnsafeBufferPointer<UInt8>, _ target: IconvTarget) -> String {
        if target.asciiCompatible {
            let profile = LenientUTF8.profile(bytes)
            if profile.isASCII { return String(decoding: bytes, as: UTF8.self) }
            if profile.isValid, target.latinScript || profile.continuationBytes >= 4 || hasUTF8Mark(bytes) {
                return LenientUTF8.string(validUTF8: bytes)
            }
        }
        var best: IconvResult?
        for name in target.names {
            guard let converted = Iconv.convert(bytes, from: name) else { continue }
            if best.map({ converted.errors < $0.errors }) ?? true { best = converted }
            if converted.errors == 0 { break }
        }
        guard let best else { return LenientUTF8.decode(bytes) }
        if best.errors > 0, LenientUTF8.isValid(bytes) { return LenientUTF8.string(validUTF8: bytes) }
        return String(decoding: best.utf8, as: UTF8.self)
    }

    /// Whether the bytes start with the UTF-8 byte-order mark.
    private static func hasUTF8Mark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }
}

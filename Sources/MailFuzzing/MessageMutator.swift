import DeterministicRandom

/// The ways mail gets mangled in transit and by broken software.
public enum MessageMutator {
    /// One to three manglings of `bytes`: truncation, byte flips, broken boundaries and headers,
    /// junk inserted, wrong transfer encodings, bytes cut out.
    public static func mutate(_ bytes: [UInt8], random: inout SeededRandom) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<(1 + random.below(3)) {
            switch random.below(9) {
            case 0: bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
            case 1:
                for _ in 0..<(1 + random.below(16)) where !bytes.isEmpty {
                    bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
                }
            case 2: bytes = replacing(bytes, "boundary=", with: random.below(2) == 0 ? "boundary=\"\"" : "bondary=")
            case 3: bytes = replacing(bytes, "\n--", with: random.below(2) == 0 ? "\n-" : "\n--\n--")
            case 4: bytes = replacing(bytes, ":", with: random.below(2) == 0 ? "" : "::=?utf-8?B?=?=")
            case 5:
                let at = random.below(bytes.count + 1)
                let junk: [UInt8] = random.below(2) == 0
                    ? Array(repeating: 0x20, count: random.below(5000)) + Array("\r\n\t".utf8)
                    : Array(String(repeating: "=?x?Q?=FF", count: random.below(200)).utf8)
                bytes.insert(contentsOf: junk, at: at)
            case 6: bytes = replacing(bytes, "Content-Type: ", with: "Content-Type: multipart/mixed; boundary=z\r\nX: ")
            case 7: bytes = replacing(bytes, "base64", with: random.below(2) == 0 ? "quoted-printable" : "x-uuencode")
            default:
                let start = random.below(bytes.count + 1)
                let length = random.below(max(1, min(4096, bytes.count - start + 1)))
                bytes.removeSubrange(start..<min(bytes.count, start + length))
            }
        }
        return bytes
    }

    /// Replaces the first occurrence of `pattern`.
    private static func replacing(_ bytes: [UInt8], _ pattern: String, with replacement: String) -> [UInt8] {
        let needle = Array(pattern.utf8)
        guard needle.count <= bytes.count else { return bytes }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return Array(bytes[..<start]) + Array(replacement.utf8) + Array(bytes[(start + needle.count)...])
        }
        return bytes
    }
}

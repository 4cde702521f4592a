import Foundation
import Testing
@testable import MailFormat

/// Mangled real mail (truncations, byte flips, broken boundaries and headers, fixed seed) never
/// crashes the parser, never takes a second, and never makes memory run away.
@Suite struct MutationFuzzTests {
    static let cases = 3_000

    @Test func mutatedCorpusMessagesParseQuicklyAndSafely() throws {
        guard MIMECorpus.isAvailable else { return MIMECorpus.skipNote() }
        let seeds = MIMECorpus.files(in: "", suffixes: [".eml", ".msg"]).map(MIMECorpus.bytes).filter { !$0.isEmpty }
        #expect(seeds.count > 100)
        var random = FuzzRandom(seed: 0x5EED_2026)
        let residentBefore = Self.residentMegabytes()
        var slowest = 0.0
        for index in 0..<Self.cases {
            let original = seeds[index % seeds.count]
            let mutated = MessageMutator.mutate(original, random: &random)
            let started = Date()
            let message = Message(bytes: mutated)
            _ = CorpusRobustnessTests.touchEverything(message)
            let elapsed = Date().timeIntervalSince(started)
            slowest = max(slowest, elapsed)
            #expect(elapsed < 1, "case \(index) took \(elapsed) s")
        }
        let growth = Self.residentMegabytes() - residentBefore
        print("fuzz: \(Self.cases) mutated messages, slowest \(String(format: "%.4f", slowest)) s, "
              + "resident memory grew \(growth) MB")
        #expect(growth < 200)
    }

    /// Resident memory of this process in MB (from /proc; 0 where there is none).
    static func residentMegabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}

/// SplitMix64, so every run mutates the same way.
struct FuzzRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
}

/// The ways mail gets mangled in transit and by broken software.
enum MessageMutator {
    static func mutate(_ bytes: [UInt8], random: inout FuzzRandom) -> [UInt8] {
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

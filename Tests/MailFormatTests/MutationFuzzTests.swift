import DeterministicRandom
import Foundation
import MailFuzzing
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
        var random = SeededRandom(seed: 0x5EED_2026)
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

import CRMCore
import DeterministicRandom
import Foundation
import MailFormat
import MailFuzzing

/// `rapport-bench fuzz`: many more mutated corpus messages than the test suite runs. A crash ends the
/// process (and the run); otherwise it reports the slowest case and how memory behaved.
struct FuzzBenchmark {
    let cases: Int
    let seed: UInt64

    init(arguments: [String]) throws(OptionError) {
        let flags = try BenchmarkFlags(arguments, known: ["--cases", "--seed"])
        cases = try flags.count("--cases", default: 100_000)
        seed = try flags.seed(default: 0x5EED_2026)
    }

    func run() throws {
        let root = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let corpus = ["../shared/corpus/mime", "../../shared/corpus/mime"].map {
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent($0).standardized
        }.first { FileManager.default.fileExists(atPath: $0.path) }
        guard let corpus else {
            throw CRMError("the MIME corpus is not at ../shared/corpus/mime from here (\(root.path)); run from the package folder")
        }
        var seeds: [[UInt8]] = []
        let enumerator = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let name = url.lastPathComponent
            if (name.hasSuffix(".eml") || name.hasSuffix(".msg")), let data = try? Data(contentsOf: url), !data.isEmpty {
                seeds.append([UInt8](data))
            }
        }
        var random = SeededRandom(seed: seed)
        var slowest = (seconds: 0.0, index: 0)
        let started = Date()
        var touched = 0
        for index in 0..<cases {
            let mutated = MessageMutator.mutate(seeds[index % seeds.count], random: &random)
            let caseStart = Date()
            let message = Message(bytes: mutated)
            touched &+= (message.subject?.count ?? 0) + message.from.count + (message.text?.count ?? 0)
                + (message.html.map(HTMLText.render)?.count ?? 0)
                + message.bodyStructure.attachments.reduce(0) { $0 + $1.decodedBody.count }
            let elapsed = Date().timeIntervalSince(caseStart)
            if elapsed > slowest.seconds { slowest = (elapsed, index) }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        var table = ReportTable("Mutation fuzzing of MailFormat", header: ["measure", "value"])
        table.add("corpus messages", Figure.count(seeds.count))
        table.add("mutated cases parsed", Figure.count(cases))
        table.add("crashes", "0")
        table.add("wall time (s)", Figure.decimal(Date().timeIntervalSince(started), 2))
        table.add("slowest case (ms)", Figure.decimal(slowest.seconds * 1000, 2) + " (case \(slowest.index))")
        table.add("peak RSS (MB)", Figure.decimal(Double(usage.ru_maxrss) / 1024, 1))
        table.add("target: no case over 1 s", slowest.seconds < 1 ? "met" : "MISSED")
        print(table.rendered + "(checksum \(touched))")
    }
}

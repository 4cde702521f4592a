import CRMCore
import Foundation

/// `rapport-bench ingest`: a realistic Maildir imported by the real binary, end to end (read, parse
/// on all cores, match contacts, insert, index), with its messages/s, MB/s and peak memory.
struct IngestBenchmark {
    let messages: Int
    let directory: String?
    let seed: UInt64

    init(arguments: [String]) throws(OptionError) {
        let flags = try BenchmarkFlags(arguments, known: ["--messages", "--dir", "--seed"])
        messages = try flags.count("--messages", default: 20_000)
        directory = flags.text("--dir")
        seed = try flags.seed(default: 2_500)
    }

    func run() throws {
        let bench = try BenchmarkFolder(directory, prefix: "rapport-ingest")
        defer { bench.removeIfTemporary() }
        let folder = bench.url
        let home = folder.appendingPathComponent("home")
        let maildir = folder.appendingPathComponent("Maildir")
        var corpus = MaildirCorpus(folder: maildir, seed: seed)
        let started = Date()
        let bytes = try corpus.write(count: messages)
        print("rapport-bench ingest: wrote \(Figure.count(messages)) messages (\(Figure.decimal(Double(bytes) / 1_048_576, 1)) MB) "
              + "in \(Figure.decimal(Date().timeIntervalSince(started), 1)) s to \(maildir.path)")

        let binary = BenchmarkHome.rapportBinary
        let (outcome, again) = try BenchmarkHome.with(home: home, in: folder, corpus: corpus) { environment in
            let outcome = try ChildProcess.run(binary, ["import", "maildir", maildir.path, "--json"], environment: environment)
            guard outcome.status == 0 else { throw CRMError("rapport import maildir failed (exit \(outcome.status))") }
            let again = try ChildProcess.run(binary, ["import", "maildir", maildir.path, "--json"], environment: environment)
            return (outcome, again)
        }
        let database = home.appendingPathComponent("rapport.db").path
        let size = ((try? FileManager.default.attributesOfItem(atPath: database)[.size] as? NSNumber)?.doubleValue ?? 0)

        var table = ReportTable("rapport import maildir, end to end", header: ["measure", "value"])
        table.add("messages", Figure.count(messages))
        table.add("maildir size (MB)", Figure.decimal(Double(bytes) / 1_048_576, 1))
        table.add("wall time (s)", Figure.decimal(outcome.seconds, 2))
        table.add("messages/s", Figure.count(Int(Double(messages) / outcome.seconds)))
        table.add("MB/s", Figure.decimal(Double(bytes) / 1_048_576 / outcome.seconds, 1))
        table.add("peak RSS (MB)", Figure.decimal(outcome.peakMegabytes, 1))
        table.add("database size (MB)", Figure.decimal(size / 1_048_576, 1))
        table.add("re-import, nothing new (s)", Figure.decimal(again.seconds, 2))
        table.add("target ≥ 2,500 messages/s", Double(messages) / outcome.seconds >= 2_500 ? "met" : "MISSED")
        table.add("target peak RSS < 250 MB", outcome.peakMegabytes < 250 ? "met" : "MISSED")
        print(table.rendered)
        print("import said: \(outcome.output.split(separator: "\n").joined(separator: " "))")
        print("re-import said: \(again.output.split(separator: "\n").joined(separator: " "))")
    }
}

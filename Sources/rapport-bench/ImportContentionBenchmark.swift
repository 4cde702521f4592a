import CRMCore
import Foundation
import Synchronization

/// `rapport-bench import-contention`: a large contact CSV imported by the real binary while a
/// teammate's `rapport activity add` runs every second beside it. Each note's whole command time is
/// an upper bound of how long it waited for the import's lock; the goal is none over a second, with
/// the import under 200 MB of memory.
struct ImportContentionBenchmark {
    let rows: Int
    let directory: String?

    init(arguments: [String]) throws(OptionError) {
        let flags = try BenchmarkFlags(arguments, known: ["--rows", "--dir"])
        rows = try flags.count("--rows", default: 1_000_000)
        directory = flags.text("--dir")
    }

    func run() throws {
        let bench = try BenchmarkFolder(directory, prefix: "rapport-contention")
        defer { bench.removeIfTemporary() }
        let csv = bench.url.appendingPathComponent("contacts.csv")
        let bytes = try Self.writeCSV(rows: rows, to: csv)
        print("rapport-bench import-contention: wrote \(Figure.count(rows)) rows "
              + "(\(Figure.decimal(Double(bytes) / 1_048_576, 1)) MB) to \(csv.path)")
        let binary = BenchmarkHome.rapportBinary
        var environment = ProcessInfo.processInfo.environment
        environment["RAPPORT_HOME"] = bench.url.appendingPathComponent("home").path
        environment["RAPPORT_USER"] = "maria"
        for step in [["init"], ["team", "add", "Sales"], ["user", "add", "maria", "--name", "Maria Keller", "--team", "Sales"],
                     ["contact", "add", "--name", "Ada Teammate", "--email", "ada@teammate.example"]] {
            let outcome = try ChildProcess.run(binary, step, environment: environment)
            guard outcome.status == 0 else { throw CRMError("rapport \(step.joined(separator: " ")) failed: \(outcome.output)") }
        }

        let result = Mutex<ChildProcess.Outcome?>(nil)
        let finished = DispatchSemaphore(value: 0)
        let importEnvironment = environment
        Thread.detachNewThread {
            let outcome = try? ChildProcess.run(binary, ["contact", "import", csv.path], environment: importEnvironment)
            result.withLock { $0 = outcome }
            finished.signal()
        }
        var notes: [Double] = []
        var failures: [String] = []
        while finished.wait(timeout: .now() + 1) == .timedOut {
            let outcome = try ChildProcess.run(binary, ["activity", "add", "--contact", "ada@teammate.example",
                                                        "--type", "note", "--summary", "called during the import"],
                                               environment: environment)
            notes.append(outcome.seconds * 1_000)
            if outcome.status != 0 { failures.append("exit \(outcome.status)") }
        }
        guard let imported = result.withLock({ $0 }) else { throw CRMError("the import could not be started") }
        let stats = LatencyStats(milliseconds: notes)
        var report = ReportTable("\(Figure.count(rows)) contacts imported beside an activity add every second",
                                 header: ["measure", "value"])
        report.add("import exit status", String(imported.status))
        report.add("import wall time (s)", Figure.decimal(imported.seconds, 1))
        report.add("import rows/s", Figure.count(Int(Double(rows) / max(imported.seconds, 0.001))))
        report.add("import peak RSS (MB)", Figure.decimal(imported.peakMegabytes, 1))
        report.add("activity adds run", Figure.count(notes.count))
        report.add("activity adds failed", Figure.count(failures.count))
        report.add("activity add p50 (ms, whole command)", Figure.decimal(stats.p50, 1))
        report.add("activity add p99 (ms, whole command)", Figure.decimal(stats.p99, 1))
        report.add("activity add max (ms, whole command)", Figure.decimal(stats.max, 1))
        report.add("activity adds over 1 s", Figure.count(notes.filter { $0 > 1_000 }.count))
        report.add("target none over 1 s", notes.allSatisfy { $0 <= 1_000 } && failures.isEmpty ? "met" : "MISSED")
        report.add("target import under 200 MB", imported.peakMegabytes < 200 ? "met" : "MISSED")
        print(bench.databaseLine)
        print(report.rendered)
        if imported.status != 0 { throw CRMError("rapport contact import failed (exit \(imported.status)): \(imported.output)") }
    }

    /// A Google-Contacts-like CSV of `rows` distinct people, about 150 bytes a row; returns its size.
    static func writeCSV(rows: Int, to url: URL) throws -> Int {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let file = try FileHandle(forWritingTo: url)
        defer { try? file.close() }
        var text = "Name,E-mail 1 - Value,Organization 1 - Name,Phone 1 - Value,Notes\n"
        var written = 0
        let filler = String(repeating: "met at the spring fair and wants a follow-up call ", count: 2).prefix(80)
        for row in 0..<rows {
            text += "Person \(row) Example,person\(row)@company\(row % 5_000).example,Company \(row % 20_000),"
                + "+1 555 \(String(format: "%07d", row)),\(filler)\n"
            if text.utf8.count > 1 << 20 || row == rows - 1 {
                file.write(Data(text.utf8))
                written += text.utf8.count
                text = ""
            }
        }
        return written
    }
}

import CRMCore
import Foundation

/// The search mix as whole processes, `rapport search` against `notmuch search`, on one Maildir the
/// benchmark writes: imported with `rapport import maildir` into a fresh home, indexed with `notmuch
/// new` under a configuration of its own. Each query runs five times each way; the table has medians.
struct NotmuchComparison {
    struct Query {
        let kind: String
        let rapport: String
        let notmuch: String
    }

    static let runs = 5

    let messages: Int
    let seed: UInt64

    /// `notmuch` on the PATH, or nil.
    static var notmuchBinary: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/notmuch" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The report, or a line saying why it was skipped.
    func run() throws -> String {
        guard messages > 0 else { return "whole processes against notmuch search: skipped (--maildir 0)\n" }
        guard let notmuch = Self.notmuchBinary else {
            return "whole processes against notmuch search: skipped, notmuch is not installed (apt-get install notmuch)\n"
        }
        let bench = try BenchmarkFolder(nil, prefix: "rapport-notmuch")
        defer { bench.removeIfTemporary() }
        let maildir = bench.url.appendingPathComponent("Maildir")
        var corpus = MaildirCorpus(folder: maildir, seed: seed)
        _ = try corpus.write(count: messages)
        let configuration = bench.url.appendingPathComponent("notmuch-config")
        try """
            [database]
            path=\(maildir.path)
            [user]
            name=Maria Keller
            primary_email=\(corpus.ownAddress)
            [new]
            tags=inbox;
            [search]
            exclude_tags=

            """.write(to: configuration, atomically: true, encoding: .utf8)
        var notmuchEnvironment = ProcessInfo.processInfo.environment
        notmuchEnvironment["NOTMUCH_CONFIG"] = configuration.path
        let indexed = try ChildProcess.run(notmuch, ["new", "--quiet"], environment: notmuchEnvironment)
        guard indexed.status == 0 else { throw CRMError("notmuch new failed (exit \(indexed.status))") }

        let home = bench.url.appendingPathComponent("home")
        let rapport = BenchmarkHome.rapportBinary
        return try BenchmarkHome.with(home: home, in: bench.url, corpus: corpus) { environment in
            let imported = try ChildProcess.run(rapport, ["import", "maildir", maildir.path], environment: environment)
            guard imported.status == 0 else { throw CRMError("rapport import maildir failed (exit \(imported.status))") }
            var table = ReportTable("""
                Whole processes on one Maildir of \(Figure.count(messages)) messages, median of \(Self.runs) \
                (rapport import \(Figure.decimal(imported.seconds, 1)) s, notmuch new \(Figure.decimal(indexed.seconds, 1)) s)
                """, header: ["kind", "rapport search Q --limit 20", "ms", "notmuch search --limit=20 Q", "ms", "ratio"])
            var slower = 0
            for query in Self.queries(corpus: corpus) {
                let ours = try median(rapport, ["search", query.rapport, "--limit", "20"], environment)
                let theirs = try median(notmuch, ["search", "--limit=20", query.notmuch], notmuchEnvironment)
                if ours > theirs { slower += 1 }
                table.add(query.kind, query.rapport, Figure.decimal(ours, 1), query.notmuch, Figure.decimal(theirs, 1),
                          Figure.decimal(ours / theirs, 2))
            }
            return table.rendered + """
                target rapport at or below notmuch for every query: \(slower == 0 ? "met" : "MISSED (\(slower) slower)")

                """
        }
    }

    /// The median wall time of `runs` runs, in milliseconds.
    private func median(_ binary: String, _ arguments: [String], _ environment: [String: String]) throws -> Double {
        var times: [Double] = []
        for _ in 0..<Self.runs {
            let outcome = try ChildProcess.run(binary, arguments, environment: environment)
            guard outcome.status == 0 else {
                throw CRMError("\((binary as NSString).lastPathComponent) \(arguments.joined(separator: " ")) failed (exit \(outcome.status))")
            }
            times.append(outcome.seconds * 1000)
        }
        return LatencyStats(milliseconds: times).p50
    }

    /// The mix of `SearchMix`, written both ways, for the Maildir corpus (its dates start 2023-11-14).
    private static func queries(corpus: MaildirCorpus) -> [Query] {
        let address = corpus.people[0].address
        return [
            Query(kind: "common word", rapport: "proposal", notmuch: "proposal"),
            Query(kind: "rare word", rapport: "retrospective", notmuch: "retrospective"),
            Query(kind: "two words", rapport: "pricing discount", notmuch: "pricing discount"),
            Query(kind: "phrase", rapport: "\"security audit\"", notmuch: "\"security audit\""),
            Query(kind: "from:", rapport: "from:" + address, notmuch: "from:" + address),
            Query(kind: "date range", rapport: "after:2024-03-01 before:2024-04-01",
                  notmuch: "date:2024-03-01..2024-03-31"),
            Query(kind: "has:attachment", rapport: "has:attachment", notmuch: "tag:attachment"),
            Query(kind: "negation", rapport: "proposal -pricing", notmuch: "proposal and not pricing"),
            Query(kind: "CJK", rapport: "見積", notmuch: "見積"),
            Query(kind: "no match", rapport: "zzyzx", notmuch: "zzyzx"),
        ]
    }
}

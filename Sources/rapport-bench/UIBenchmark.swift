import CRMCore
import CRMStore
import Foundation
import RapportApp
import TerminalUI

/// `rapport-bench ui` (issue 6): the full-screen app on a large store. Scripted keys through the real
/// AppController on a virtual terminal give keypress-to-frame latency; the real binary started on a
/// pseudo-terminal gives the time to its first frame and its peak memory.
struct UIBenchmark {
    let builder: UIStoreBuilder
    let directory: String?
    let keys: Int
    let clock = ContinuousClock()

    static let launches = 5
    static let launchSize = TerminalSize(columns: 80, rows: 24)
    static let sizes = [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40)]
    static let framePercentileTarget = 16.0
    static let firstFrameTarget = 300.0
    static let memoryTarget = 100.0

    init(arguments: [String]) throws(OptionError) {
        let flags = try BenchmarkFlags(arguments, known: UIStoreBuilder.flagNames.union(["--dir", "--keys"]))
        builder = try UIStoreBuilder(flags: flags, seed: 6)
        directory = flags.text("--dir")
        keys = try flags.count("--keys", default: 2_000)
    }

    func run() throws {
        let start = clock.now
        let binary = BenchmarkHome.rapportBinary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw CRMError("there is no rapport binary at \(binary); build it next to rapport-bench first "
                           + "(swift build -c release --product rapport)")
        }
        let bench = try BenchmarkFolder(directory, prefix: "rapport-ui")
        defer { bench.removeIfTemporary() }
        let folder = bench.url
        let path = bench.database
        print("rapport-bench ui: \(Figure.count(builder.contacts)) contacts, \(Figure.count(builder.messages)) messages, "
              + "\(Figure.count(keys)) keys per terminal size, seed \(builder.seed)")
        print(bench.databaseLine)

        let store = try Store(path: path)
        print("loading…")
        let built = try builder.build(into: store)
        let rows = try store.connection.first("SELECT (SELECT count(*) FROM incoming_emails), (SELECT count(*) FROM activities)")
        print("loaded \(Figure.count(builder.contacts)) contacts and \(Figure.count(try rows?.int(0) ?? 0)) messages "
              + "(\(Figure.count(try rows?.int(1) ?? 0)) timeline entries) in \(Figure.decimal(built.loadTime.seconds, 1)) s; "
              + "the app runs as \(built.user.login), whose mailbox holds \(Figure.count(built.mailboxMessages)); "
              + "busiest contact \(built.busiest.first.map { "\($0.name), \(Figure.count($0.messages)) messages" } ?? "none")\n")

        print("starting the real binary \(Self.launches) times…")
        let probe = FirstFrameProbe(binary: binary, environment: Self.environment(home: folder, login: built.user.login),
                                    columns: Self.launchSize.columns, rows: Self.launchSize.rows)
        let launches = try (0..<Self.launches).map { _ in try probe.run() }

        print("pressing keys in process…\n")
        let sessions = try MainActor.assumeIsolated {
            // The app's own connection, opened on the main thread that uses it, as `rapport` does.
            let appStore = try Store(path: path, create: false)
            return try Self.sizes.map { size in
                try KeySession(store: appStore, user: built.user, size: size, busiest: built.busiest,
                               ordinary: built.ordinary, seed: builder.seed).run(keys: keys)
            }
        }
        for session in sessions { print(Self.keyReport(session)) }
        if let busy = built.busiest.first, let plain = built.ordinary.first {
            print(try AppQueryTimings(store: try Store(path: path, create: false), user: built.user).table(busy: busy, plain: plain).rendered)
        }
        print(Self.launchReport(launches))

        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        var summary = ReportTable("Issue 6 figures", header: ["measure", "value"])
        for session in sessions {
            let keys = LatencyStats(milliseconds: session.keys.map(\.milliseconds))
            summary.add("keypress to frame p50 / p99, \(Self.name(session.size)) (ms)",
                        "\(Figure.decimal(keys.p50)) / \(Figure.decimal(keys.p99))")
        }
        for session in sessions {
            let pauses = LatencyStats(milliseconds: session.pauses.map(\.milliseconds))
            summary.add("search results after typing pauses p50 / max, \(Self.name(session.size)) (ms)",
                        "\(Figure.decimal(pauses.p50)) / \(Figure.decimal(pauses.max))")
        }
        let firstFrames = LatencyStats(milliseconds: launches.map(\.firstFrameMilliseconds))
        let peak = launches.map(\.peakMegabytes).max() ?? 0
        summary.add("rapport: time to first frame, median of \(Self.launches) (ms)", Figure.decimal(firstFrames.p50, 1))
        summary.add("rapport: peak RSS, largest of \(Self.launches) (MB)", Figure.decimal(peak, 1))
        summary.add("for information, not the goal: rapport-bench's own peak RSS, store load and in-process app (MB)",
                    Figure.decimal(Double(usage.ru_maxrss) / 1024, 1))
        summary.add("total wall time (s)", Figure.decimal((clock.now - start).seconds, 1))
        for session in sessions {
            let p99 = LatencyStats(milliseconds: session.keys.map(\.milliseconds)).p99
            summary.add("target keypress to frame p99 < 16 ms, \(Self.name(session.size))",
                        p99 < Self.framePercentileTarget ? "met" : "MISSED")
        }
        summary.add("target time to first frame < 300 ms (median)", firstFrames.p50 < Self.firstFrameTarget ? "met" : "MISSED")
        summary.add("target peak RSS < 100 MB (rapport)", peak < Self.memoryTarget ? "met" : "MISSED")
        print(summary.rendered, terminator: "")
    }

    /// What the real binary sees: the bench folder as its home, the user to act as, and no
    /// credentials (an empty folder), so its sync has no connections and nothing goes to the network.
    static func environment(home: URL, login: String) -> [String: String] {
        [
            "PATH": "/usr/bin:/bin",
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "HOME": home.path,
            "RAPPORT_HOME": home.path,
            "RAPPORT_USER": login,
            "RAPPORT_CREDENTIALS_DIR": home.appendingPathComponent("credentials").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "COLUMNS": String(launchSize.columns),
            "LINES": String(launchSize.rows),
        ]
    }

    // MARK: reports

    private static func keyReport(_ session: KeySession.Report) -> String {
        let size = name(session.size)
        var table = ReportTable("Keypress to frame, in process (AppController + VirtualTerminal \(size)): "
                                + "\(Figure.count(session.keys.count)) keys and \(session.pauses.count) pauses "
                                + "in \(session.rounds) rounds (search runs \(Int(AppController.typingPause * 1000)) ms "
                                + "after typing stops; a pause is timed from then to the results drawn)",
                                header: ["keys", "n", "p50 ms", "p90 ms", "p99 ms", "max ms"])
        func add(_ label: String, _ presses: [KeySession.Press]) {
            guard !presses.isEmpty else { return }
            let stats = LatencyStats(milliseconds: presses.map(\.milliseconds))
            table.add(label, Figure.count(stats.count), Figure.decimal(stats.p50), Figure.decimal(stats.percentile(90)),
                      Figure.decimal(stats.p99), Figure.decimal(stats.max))
        }
        for kind in KeySession.KeyKind.allCases { add(kind.rawValue, session.presses.filter { $0.kind == kind }) }
        add("all keys", session.keys)

        var slowest = ReportTable("Slowest keys, \(size)", header: ["ms", "key", "on", "kind", "with"])
        for press in session.keys.sorted(by: { $0.milliseconds > $1.milliseconds }).prefix(8) {
            slowest.add(Figure.decimal(press.milliseconds), press.key?.description ?? "pause", name(press.screen), press.kind.rawValue,
                        TextWidth.truncate(press.context, to: 36))
        }
        return table.rendered + "\n" + slowest.rendered
            + "start(), the first screen loaded and drawn: \(Figure.decimal(session.startMilliseconds)) ms\n"
    }

    private static func launchReport(_ launches: [FirstFrameProbe.Outcome]) -> String {
        var table = ReportTable("Real binary: rapport on a \(name(launchSize)) pseudo-terminal, started \(launches.count) times",
                                header: ["start", "first frame ms", "peak RSS MB", "q to exit ms"])
        for (index, launch) in launches.enumerated() {
            table.add("#\(index + 1)", Figure.decimal(launch.firstFrameMilliseconds, 1), Figure.decimal(launch.peakMegabytes, 1),
                      Figure.decimal(launch.quitMilliseconds, 1))
        }
        let frames = LatencyStats(milliseconds: launches.map(\.firstFrameMilliseconds))
        table.add("median", Figure.decimal(frames.p50, 1), "", "")
        table.add("max", Figure.decimal(frames.max, 1), Figure.decimal(launches.map(\.peakMegabytes).max() ?? 0, 1), "")
        return table.rendered + """
            First frame: from posix_spawn until the terminal has the header and the cursor is sent to the
            last row (ncurses draws top to bottom). Peak RSS is VmHWM just before q.

            """
    }

    static func name(_ size: TerminalSize) -> String { "\(size.columns)×\(size.rows)" }

    private static func name(_ screen: Screen) -> String {
        switch screen {
        case .mail: return "Mail"
        case .outbox: return "Outbox"
        case .contacts: return "Contacts"
        case .search: return "Search"
        case .followups: return "Follow-ups"
        case .timeline: return "timeline"
        case .message: return "message"
        case .conversation: return "conversation"
        case .composer: return "composer"
        case .deals: return "Deals"
        case .deal: return "deal"
        }
    }
}

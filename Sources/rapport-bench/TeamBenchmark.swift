import CRMCore
import CRMStore
import DeterministicRandom
import Foundation
import GmailSimulator
import Synchronization

/// `rapport-bench team`: N users of one team on one home, without OS accounts (each command runs the
/// real binary as root acting as the user through RAPPORT_USER, as an administrator may), against the
/// Gmail simulator on loopback. Each user has a `rapport sync` daemon and a loop of composes, notes,
/// timelines, searches and outbox listings, while mail is delivered to them, for a set time. It prints
/// failures by kind, reader and writer p50/p99 and the sync lag, and checks that every queued email was
/// sent exactly once and every delivered message was stored once.
struct TeamBenchmark {
    let users: Int
    let seconds: Int
    let interval: Int
    let directory: String?
    let seed: UInt64

    init(arguments: [String]) throws(OptionError) {
        let flags = try BenchmarkFlags(arguments, known: ["--users", "--seconds", "--interval", "--dir", "--seed"])
        users = try flags.count("--users", default: 20)
        seconds = try flags.count("--seconds", default: 300)
        interval = try flags.count("--interval", default: 5, minimum: 5)
        directory = flags.text("--dir")
        seed = try flags.seed(default: 2_020)
    }

    /// One command a user ran, timed.
    struct Sample: Sendable {
        let kind: String
        let writes: Bool
        let milliseconds: Double
        let status: Int32
    }

    /// What every thread records, under one lock.
    final class Tally: Sendable {
        struct State {
            var samples: [Sample] = []
            var composed: Set<String> = []
            var delivered: [String: (account: String, at: Date)] = [:]
            var seen: [String: Date] = [:]
        }
        let state = Mutex(State())
    }

    func run() throws {
        let bench = try BenchmarkFolder(directory, prefix: "rapport-team")
        defer { bench.removeIfTemporary() }
        let home = bench.url.appendingPathComponent("home")
        let simulator = try GmailSimulator(configuration: SimulatorConfiguration())
        let base = try simulator.start().absoluteString
        defer { simulator.stop() }
        let root = base.hasSuffix("/") ? base : base + "/"
        let configuration = SimulatorConfiguration()
        var environment = ProcessInfo.processInfo.environment
        environment["RAPPORT_HOME"] = home.path
        environment["RAPPORT_CREDENTIALS_DIR"] = bench.url.appendingPathComponent("credentials").path
        environment["RAPPORT_CLIENT_SECRET"] = configuration.clientSecret
        let binary = BenchmarkHome.rapportBinary
        func setUp(_ step: [String], as login: String? = nil) throws {
            var env = environment
            if let login { env["RAPPORT_USER"] = login }
            let outcome = try ChildProcess.run(binary, step, environment: env)
            guard outcome.status == 0 else { throw CRMError("rapport \(step.joined(separator: " ")) failed: \(outcome.output)") }
        }
        try setUp(["init"])
        try "[sync]\ninterval_seconds = \(interval)\n[sending]\nundo_seconds = 0\n"
            .write(to: home.appendingPathComponent("config.ini"), atomically: true, encoding: .utf8)
        try setUp(["team", "add", "Sales"])
        let logins = (0..<users).map { "seller\($0)" }
        let address: @Sendable (String) -> String = { login in "\(login)@team.example" }
        for login in logins {
            try setUp(["user", "add", login, "--name", "Seller \(login.dropFirst(6))", "--team", "Sales"])
            simulator.addAccount(email: address(login))
            let token = bench.url.appendingPathComponent("\(login).token")
            try simulator.issueRefreshToken(for: address(login)).write(to: token, atomically: true, encoding: .utf8)
            chmod(token.path, 0o600)
            try setUp(["account", "add", address(login), "--api-base", root, "--auth-url", root + "o/oauth2/v2/auth",
                       "--token-url", root + "token", "--client-id", configuration.clientID,
                       "--refresh-token-file", token.path], as: login)
        }
        let customers = (0..<40).map { "customer\($0)@client.example" }
        for (index, customer) in customers.enumerated() {
            try setUp(["contact", "add", "--name", "Customer \(index)", "--email", customer], as: logins[0])
        }
        print("rapport-bench team: \(users) users on \(home.path), sync every \(interval) s, for \(seconds) s …")

        var daemons: [pid_t] = []
        for login in logins {
            var env = environment
            env["RAPPORT_USER"] = login
            daemons.append(try ChildProcess.start(binary, ["sync"], environment: env,
                                                  output: bench.url.appendingPathComponent("sync-\(login).log").path,
                                                  errorsToo: true))
        }
        let tally = Tally()
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        let database = home.appendingPathComponent("rapport.db").path
        let done = DispatchGroup()
        for (index, login) in logins.enumerated() {
            var env = environment
            env["RAPPORT_USER"] = login
            let userEnvironment = env
            let userSeed = seed &+ UInt64(index)
            done.enter()
            Thread.detachNewThread {
                Self.workLoop(login: login, binary: binary, environment: userEnvironment, customers: customers,
                              seed: userSeed, until: deadline, tally: tally)
                done.leave()
            }
        }
        done.enter()
        let deliverSeed = seed
        let accounts = logins.map(address)
        Thread.detachNewThread {
            Self.deliverLoop(simulator: simulator, accounts: accounts, customers: customers, seed: deliverSeed,
                             until: deadline, tally: tally)
            done.leave()
        }
        let watching = Mutex(true)
        let watcher = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            Self.watch(database: database, tally: tally, while: { watching.withLock { $0 } })
            watcher.signal()
        }
        done.wait()
        print("rapport-bench team: load done; waiting up to 120 s for the outbox to drain and the last mail to arrive …")
        let reader = try Connection(path: database, create: false)
        let settled = Date().addingTimeInterval(120)
        while Date() < settled {
            let unsent = try reader.first("SELECT count(*) FROM outgoing_emails WHERE status IN ('queued', 'sending')")?
                .int(0) ?? 0
            let unseen = tally.state.withLock { state in state.delivered.keys.filter { state.seen[$0] == nil }.count }
            if unsent == 0 && unseen == 0 { break }
            Thread.sleep(forTimeInterval: 1)
        }
        watching.withLock { $0 = false }
        watcher.wait()
        let daemonStatuses = daemons.map { ChildProcess.stop($0) }
        try report(tally: tally, reader: reader, simulator: simulator, accounts: logins.map(address),
                   daemonStatuses: daemonStatuses, logs: logins.map { bench.url.appendingPathComponent("sync-\($0).log") })
        print("database: \(database)" + (bench.isTemporary ? " (temporary, removed at exit)" : ""))
    }

    /// One user's commands until `deadline`, with a pause of 0.2–0.8 s between them (people read).
    private static func workLoop(login: String, binary: String, environment: [String: String], customers: [String],
                                 seed: UInt64, until deadline: Date, tally: Tally) {
        var random = SeededRandom(seed: seed)
        var count = 0
        while Date() < deadline {
            count += 1
            let customer = customers[Int(random.next() % UInt64(customers.count))]
            let roll = random.next() % 100
            let kind: String
            let arguments: [String]
            var subject: String?
            switch roll {
            case 0..<15:
                subject = "team bench \(login) \(count)"
                kind = "compose"
                arguments = ["compose", "--to", customer, "--subject", subject!, "--body", "Following up on our call.",
                             "--queue"]
            case 15..<35:
                kind = "note"
                arguments = ["activity", "add", "--contact", customer, "--type", "note", "--summary", "spoke about pricing"]
            case 35..<60:
                kind = "timeline"
                arguments = ["timeline", customer]
            case 60..<80:
                kind = "search"
                arguments = ["search", ["pricing", "delivered", "follow", "customer"][Int(random.next() % 4)]]
            default:
                kind = "outbox"
                arguments = ["outbox"]
            }
            let outcome = try? ChildProcess.run(binary, arguments, environment: environment)
            let sample = Sample(kind: kind, writes: kind == "compose" || kind == "note",
                                milliseconds: (outcome?.seconds ?? 0) * 1_000, status: outcome?.status ?? -1)
            tally.state.withLock { state in
                state.samples.append(sample)
                if let subject, sample.status == 0 { state.composed.insert(subject) }
            }
            Thread.sleep(forTimeInterval: 0.2 + Double(random.next() % 600) / 1_000)
        }
    }

    /// Delivers a message from a customer to a random user about twice a second until `deadline`.
    private static func deliverLoop(simulator: GmailSimulator, accounts: [String], customers: [String], seed: UInt64,
                                    until deadline: Date, tally: Tally) {
        var random = SeededRandom(seed: seed ^ 0xDE11)
        var count = 0
        while Date() < deadline {
            count += 1
            let account = accounts[Int(random.next() % UInt64(accounts.count))]
            let customer = customers[Int(random.next() % UInt64(customers.count))]
            let raw = "From: Customer <\(customer)>\r\nTo: <\(account)>\r\nSubject: delivered \(count)\r\n"
                + "Message-ID: <delivered-\(count)@client.example>\r\nDate: \(Self.mailDate())\r\n\r\n"
                + "Thanks for the call, here is what we discussed (\(count)).\r\n"
            let id = simulator.deliver(raw: Array(raw.utf8), to: account)
            tally.state.withLock { $0.delivered[account + " " + id] = (account, Date()) }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }

    private static func mailDate() -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return format.string(from: Date())
    }

    /// Notes when each delivered message first shows in the database (every 200 ms), for the lag.
    private static func watch(database: String, tally: Tally, while running: () -> Bool) {
        guard let connection = try? Connection(path: database, create: false) else { return }
        var last: Int64 = 0
        while running() {
            let rows = (try? connection.query("""
                SELECT i.id, m.email, i.gmail_id FROM incoming_emails i JOIN mailboxes m ON m.id = i.mailbox_id
                WHERE i.id > ? ORDER BY i.id
                """, last)) ?? []
            let now = Date()
            tally.state.withLock { state in
                for row in rows {
                    guard let id = try? row.int64(0), let account = try? row.string(1), let gmail = try? row.string(2)
                    else { continue }
                    last = max(last, id)
                    let key = account + " " + gmail
                    if state.seen[key] == nil { state.seen[key] = now }
                }
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    private func report(tally: Tally, reader: Connection, simulator: GmailSimulator, accounts: [String],
                        daemonStatuses: [Int32], logs: [URL]) throws {
        let state = tally.state.withLock { $0 }
        let failures = Dictionary(grouping: state.samples.filter { $0.status != 0 }, by: \.kind).mapValues(\.count)
        let reads = LatencyStats(milliseconds: state.samples.filter { !$0.writes }.map(\.milliseconds))
        let writes = LatencyStats(milliseconds: state.samples.filter(\.writes).map(\.milliseconds))
        let lags = state.delivered.compactMap { key, value in state.seen[key].map { $0.timeIntervalSince(value.at) * 1_000 } }
        let lag = LatencyStats(milliseconds: lags)
        // Sends: every email composed went to Gmail once, and its row says sent once.
        var sentSubjects: [String: Int] = [:]
        for account in accounts {
            for raw in simulator.sentMessages(for: account) {
                let text = String(decoding: raw, as: UTF8.self)
                guard let line = text.split(separator: "\r\n").first(where: { $0.hasPrefix("Subject: ") }) else { continue }
                sentSubjects[String(line.dropFirst(9)), default: 0] += 1
            }
        }
        var rows: [String: (count: Int, sent: Int)] = [:]
        for row in try reader.query("SELECT subject, status FROM outgoing_emails") {
            let subject = try row.string(0)
            rows[subject, default: (0, 0)].count += 1
            if try row.string(1) == "sent" { rows[subject, default: (0, 0)].sent += 1 }
        }
        let sendProblems = state.composed.filter { sentSubjects[$0] != 1 || rows[$0]?.count != 1 || rows[$0]?.sent != 1 }.count
            + sentSubjects.filter { !state.composed.contains($0.key) && $0.value > 0 }.count
        // Delivered mail: every message stored once in its mailbox.
        var stored: [String: Int] = [:]
        for row in try reader.query("""
            SELECT m.email, i.gmail_id, count(*) FROM incoming_emails i JOIN mailboxes m ON m.id = i.mailbox_id
            GROUP BY m.email, i.gmail_id
            """) {
            stored[try row.string(0) + " " + row.string(1)] = try row.int(2)
        }
        let missing = state.delivered.keys.filter { stored[$0] == nil }.count
        let doubled = stored.values.filter { $0 > 1 }.count
        let syncProblems = logs.reduce(0) { total, log in
            total + ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n")
                .filter { $0.hasPrefix("rapport:") }.count
        }

        var table = ReportTable("\(users) users, \(seconds) s, sync every \(interval) s", header: ["measure", "value"])
        table.add("commands run", Figure.count(state.samples.count))
        for kind in ["compose", "note", "timeline", "search", "outbox"] {
            let runs = state.samples.filter { $0.kind == kind }
            table.add("  \(kind): run / failed", "\(runs.count) / \(failures[kind] ?? 0)")
        }
        table.add("reader p50 / p99 (ms)", "\(Figure.decimal(reads.p50, 0)) / \(Figure.decimal(reads.p99, 0))")
        table.add("writer p50 / p99 (ms)", "\(Figure.decimal(writes.p50, 0)) / \(Figure.decimal(writes.p99, 0))")
        table.add("messages delivered / stored late or never", "\(state.delivered.count) / \(missing)")
        table.add("messages stored twice", Figure.count(doubled))
        table.add("sync lag median / p99 (s)", "\(Figure.decimal(lag.p50 / 1_000, 1)) / \(Figure.decimal(lag.p99 / 1_000, 1))")
        table.add("emails composed / sent by Gmail", "\(state.composed.count) / \(sentSubjects.values.reduce(0, +))")
        table.add("emails not sent exactly once", Figure.count(sendProblems))
        table.add("sync daemons' problem lines", Figure.count(syncProblems))
        table.add("sync daemons' exit statuses", Set(daemonStatuses).sorted().map(String.init).joined(separator: ","))
        let failed = failures.values.reduce(0, +)
        table.add("target 0 failures, nothing lost or doubled",
                  failed == 0 && missing == 0 && doubled == 0 && sendProblems == 0 ? "met" : "MISSED")
        table.add("target reader p99 < 250 ms", reads.p99 < 250 ? "met" : "MISSED")
        table.add("target writer p99 < 500 ms", writes.p99 < 500 ? "met" : "MISSED")
        table.add("target median lag < interval + 5 s", lag.p50 / 1_000 < Double(interval + 5) ? "met" : "MISSED")
        print(table.rendered)
    }
}

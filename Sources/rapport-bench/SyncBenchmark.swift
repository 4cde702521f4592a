import CRMCore
import CRMStore
import DeterministicRandom
import Foundation
import GmailAPI
import GmailSimulator
import MailFormat
import MailSync

/// `rapport-bench sync`: a full sync of one mailbox from the simulator over loopback, with Google's
/// latency and per-user quota, for each cost table. It shows whether sync runs at the quota (units
/// Google charged per second ÷ the quota) and how often it ran into it (429s).
struct SyncBenchmark {
    /// One measured run.
    struct Run {
        let table: String
        let quota: Double
        let seconds: Double
        let chargedUnits: Int
        let throttled: Int
        let requests: Int
        let batchParts: Int
        let stored: Int
        let outcome: SyncOutcome?

        var ratio: Double { Double(chargedUnits) / seconds / quota }
    }

    let messages: Int
    let latency: TimeInterval
    let tables: [String]
    let seed: UInt64

    init(arguments: [String]) throws(OptionError) {
        let flags = try BenchmarkFlags(arguments, known: ["--messages", "--latency-ms", "--tables", "--seed"])
        messages = try flags.count("--messages", default: 3_000)
        latency = Double(try flags.count("--latency-ms", default: 30, minimum: 0)) / 1_000
        let tables = (flags.text("--tables") ?? "legacy,2026").split(separator: ",").map(String.init)
        guard !tables.isEmpty, tables.allSatisfy({ $0 == "legacy" || $0 == "2026" }) else {
            throw OptionError("--tables takes legacy, 2026 or legacy,2026")
        }
        self.tables = tables
        seed = try flags.seed(default: 3_000)
    }

    func run() throws {
        var report = ReportTable("full sync of \(Figure.count(messages)) messages, \(Int(latency * 1_000)) ms latency",
                                 header: ["measure"] + tables)
        var runs: [Run] = []
        for table in tables {
            print("rapport-bench sync: \(table) cost table …")
            runs.append(try measure(table: table))
        }
        report.add(["quota (units/s per user)"] + runs.map { Figure.count(Int($0.quota)) })
        report.add(["wall time (s)"] + runs.map { Figure.decimal($0.seconds, 1) })
        report.add(["units charged"] + runs.map { Figure.count($0.chargedUnits) })
        report.add(["achieved units/s ÷ quota"] + runs.map { Figure.decimal($0.ratio, 3) })
        report.add(["429s and rate 403s"] + runs.map { Figure.count($0.throttled) })
        report.add(["HTTP requests (batch = 1)"] + runs.map { Figure.count($0.requests) })
        report.add(["messages fetched"] + runs.map { Figure.count($0.batchParts) })
        report.add(["messages stored"] + runs.map { Figure.count($0.stored) })
        report.add(["outcome"] + runs.map { $0.outcome.map { "\($0)" } ?? "none" })
        report.add(["target ratio ≥ 0.9"] + runs.map { $0.ratio >= 0.9 ? "met" : "MISSED" })
        report.add(["target almost no 429s (≤ 1%)"]
                   + runs.map { $0.throttled * 100 <= max(1, $0.requests) ? "met" : "MISSED" })
        print(report.rendered)
    }

    /// A fresh store and simulator, `messages` in the mailbox, one full sync until caught up.
    private func measure(table: String) throws -> Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let costs: QuotaCostTable = table == "2026" ? .y2026 : .legacy
        let quota = Double(costs.userUnitsPerMinute) / 60
        var configuration = SimulatorConfiguration()
        configuration.costTable = table == "2026" ? .y2026 : .legacy
        configuration.unitsPerSecond = quota
        configuration.burstUnits = quota
        configuration.latency = latency
        configuration.seed = seed
        let simulator = try GmailSimulator(configuration: configuration)
        let base = try simulator.start()
        defer { simulator.stop() }

        let account = "maria@rapport-bench.example"
        simulator.addAccount(email: account)
        let store = try Store(path: folder.appendingPathComponent("rapport.db").path)
        try store.addTeam(name: "Sales")
        let maria = try store.addUser(login: "maria", name: "Maria Keller", teamName: "Sales", isAdmin: false)
        let mailbox = try store.addMailbox(email: EmailAddress(account)!, for: maria)
        try fill(simulator, account: account, store: store, user: maria)

        var settings = SyncSettings()
        settings.costs = costs
        settings.undoWindow = UndoWindow(seconds: 0)
        let transport = CurlTransport()
        let credentials = Credentials(email: account, clientID: configuration.clientID,
                                      clientSecret: configuration.clientSecret,
                                      refreshToken: simulator.issueRefreshToken(for: account),
                                      tokenURL: base.appendingPathComponent("token"), apiBase: base)
        // The connection `rapport sync` makes.
        let connection = SyncService.Connection.paced(mailbox: mailbox, credentials: credentials, tokenStore: nil,
                                                      baseURL: base, sealingKey: .benchmark, settings: settings,
                                                      transport: transport)
        let service = try SyncService(store: store, connections: [connection],
                                      settings: settings) { _ in }

        simulator.clearRequestLog()
        let started = Date()
        let outcome = service.runUntilCaughtUp().values.first
        let seconds = Date().timeIntervalSince(started)
        let log = simulator.requestLog.filter { $0.account == account }
        let stored = try store.connection.query("SELECT count(*) FROM incoming_emails WHERE mailbox_id = ?1",
                                                arguments: [mailbox.id]).first?.int(0) ?? 0
        return Run(table: table, quota: quota, seconds: seconds, chargedUnits: log.reduce(0) { $0 + $1.quotaUnits },
                   throttled: log.filter { $0.status == 429 || $0.status == 403 }.count,
                   requests: log.filter { !$0.inBatch }.count,
                   batchParts: log.filter { $0.inBatch && $0.method == .messagesGet }.count,
                   stored: stored, outcome: outcome)
    }

    /// Delivers `messages` over the last 80 days, a third of them from 200 known contacts.
    private func fill(_ simulator: GmailSimulator, account: String, store: Store, user: User) throws {
        var random = SeededRandom(seed: seed)
        let contacts = (0..<200).map { "client\($0)@customer\($0 % 40).example" }
        for (index, address) in contacts.enumerated() {
            try store.addContact(name: "Client \(index)", emails: [EmailAddress(address)!], by: user)
        }
        let now = Date()
        for index in 0..<messages {
            let known = random.next() % 3 == 0
            let sender = known ? contacts[Int(random.next() % UInt64(contacts.count))] : "someone\(index)@elsewhere.example"
            let date = now.addingTimeInterval(-Double(random.next() % (80 * 86_400)))
            let message = OutgoingMessage(from: MailAddress(name: nil, address: sender),
                                          to: [MailAddress(name: "Maria Keller", address: account)],
                                          subject: "Proposal \(index)", body: "Message \(index) about the proposal.",
                                          date: date, messageID: "bench-\(index)@rapport-bench.example")
            simulator.deliver(raw: MessageWriter.write(message), to: account, internalDate: date)
        }
    }
}

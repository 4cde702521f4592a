import CRMCore
import CRMStore
import Foundation
import GmailAPI
import GmailSimulator
import MailFormat
import Synchronization
@testable import MailSync

/// Real time, but every wait shortened a hundredfold: backoff and throttling behave as in
/// production without making the tests slow.
struct HurriedClock: SyncClock {
    func now() -> Date { Date() }
    func sleep(seconds: TimeInterval) { usleep(useconds_t(max(0, min(seconds * 0.01, 1)) * 1_000_000)) }
}

/// A store with team Alpha (ann, al) and a running simulator holding their Gmail accounts.
final class SyncFixture {
    let folder: URL
    let store: Store
    let simulator: GmailSimulator
    let base: URL
    let ann: User
    let al: User
    var settings = SyncSettings()
    let events = EventLog()
    private var mailboxes: [String: Mailbox] = [:]

    init(configure: (inout SimulatorConfiguration) -> Void = { _ in }) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appendingPathComponent("rapport.db").path)
        try store.addTeam(name: "Alpha")
        ann = try store.addUser(login: "ann", name: "Ann Lee", teamName: "Alpha", isAdmin: false)
        al = try store.addUser(login: "al", name: "Al Ames", teamName: "Alpha", isAdmin: false)
        var configuration = SimulatorConfiguration()
        configuration.unitsPerSecond = nil
        configure(&configuration)
        simulator = try GmailSimulator(configuration: configuration)
        base = try simulator.start()
        settings.unitsPerSecond = 5_000
        settings.burstUnits = 5_000
        settings.undoWindow = UndoWindow(seconds: 0)
        try connect("ann@alpha.example", for: ann)
    }

    deinit {
        simulator.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    @discardableResult
    func connect(_ email: String, for user: User) throws -> Mailbox {
        simulator.addAccount(email: email)
        let mailbox = try store.addMailbox(email: EmailAddress(email)!, for: user)
        mailboxes[email] = mailbox
        return mailbox
    }

    func mailbox(_ email: String = "ann@alpha.example") -> Mailbox { mailboxes[email]! }

    /// A service over the given mailboxes with its own database connection (as a separate process has).
    func service(_ emails: [String] = ["ann@alpha.example"], store: Store? = nil) throws -> SyncService {
        let transport = URLSessionTransport()
        let connections = try emails.map { email -> SyncService.Connection in
            let credentials = Credentials(email: email, clientID: simulator.configuration.clientID,
                                          clientSecret: simulator.configuration.clientSecret,
                                          refreshToken: simulator.issueRefreshToken(for: email),
                                          tokenURL: base.appendingPathComponent("token"), apiBase: base)
            let bucket = QuotaBucket(unitsPerSecond: settings.effectiveUnitsPerSecond,
                                     capacity: settings.burstUnits ?? 1_000, clock: HurriedClock())
            let client = GmailClient(baseURL: base, transport: transport,
                                     tokens: TokenManager(credentials: credentials, store: nil, transport: transport),
                                     costs: settings.costs, onCall: { _, units in bucket.acquire(units) })
            guard let mailbox = mailboxes[email] else { throw CRMError("no mailbox \(email)") }
            return SyncService.Connection(mailbox: mailbox, client: client, bucket: bucket)
        }
        return try SyncService(store: store ?? self.store, connections: connections, settings: settings,
                               clock: HurriedClock()) { [events] event in events.append(event) }
    }

    /// Runs cycles until `emails` are all caught up (or `limit` cycles pass); returns the last outcomes.
    @discardableResult
    func syncUntilCaughtUp(_ emails: [String] = ["ann@alpha.example"], limit: Int = 6) throws -> [String: SyncOutcome] {
        let service = try service(emails)
        var outcomes: [String: SyncOutcome] = [:]
        for _ in 0..<limit {
            outcomes = service.runOnce()
            if outcomes.values.allSatisfy({ $0 == .caughtUp }) { break }
        }
        return outcomes
    }

    /// A message written by MailFormat and delivered to a simulated mailbox.
    @discardableResult
    func deliver(to email: String = "ann@alpha.example", from: String = "carol@client.example", subject: String,
                 messageID: String = UUID().uuidString + "@client.example", at date: Date = Date(),
                 labels: [String] = ["INBOX", "UNREAD"]) -> String {
        let message = OutgoingMessage(from: MailAddress(name: "Carol Client", address: from),
                                      to: [MailAddress(name: nil, address: email)], subject: subject,
                                      body: "About \(subject).", date: date, messageID: messageID)
        return simulator.deliver(raw: MessageWriter.write(message), to: email, labelIds: labels, internalDate: date)
    }

    func count(_ sql: String, _ arguments: any SQLConvertible...) throws -> Int {
        try store.connection.query(sql, arguments: arguments).first?.int(0) ?? 0
    }
}

/// The events a service emitted, from any thread.
final class EventLog: Sendable {
    private let events = Mutex<[SyncEvent]>([])

    func append(_ event: SyncEvent) { events.withLock { $0.append(event) } }

    var all: [SyncEvent] { events.withLock { $0 } }
}

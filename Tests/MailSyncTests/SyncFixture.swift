import CRMCore
import CRMStore
import Foundation
import GmailAPI
import GmailSimulator
import MailFormat
import RapportTestSupport
import Synchronization
import Testing
@testable import MailSync

/// Real time, but every wait shortened a hundredfold: backoff and throttling behave as in
/// production without making the tests slow.
struct HurriedClock: SyncClock {
    func now() -> Date { Date() }
    func sleep(seconds: TimeInterval) { usleep(useconds_t(max(0, min(seconds * 0.01, 1)) * 1_000_000)) }
}

/// A store with team Alpha (ann, al) and a running simulator holding their Gmail accounts; every
/// mailbox's sender checks seals with `SealingKey.test`.
final class SyncFixture {
    private let database: TestDatabase
    private let running: RunningSimulator
    let store: Store
    let ann: User
    let al: User
    var settings = SyncSettings()
    let events = EventLog()
    private var mailboxes: [String: Mailbox] = [:]

    init(configure: (inout SimulatorConfiguration) -> Void = { _ in }) throws {
        database = try TestDatabase("rapport-sync")
        store = database.store
        try store.addTeam(name: "Alpha")
        ann = try store.addUser(login: "ann", name: "Ann Lee", teamName: "Alpha", isAdmin: false)
        al = try store.addUser(login: "al", name: "Al Ames", teamName: "Alpha", isAdmin: false)
        running = try RunningSimulator(configure: configure)
        settings.unitsPerSecond = 5_000
        settings.burstUnits = 5_000
        settings.undoWindow = UndoWindow(seconds: 0)
        try connect("ann@alpha.example", for: ann)
    }

    var folder: URL { database.folder }
    var simulator: GmailSimulator { running.simulator }
    var base: URL { running.base }

    @discardableResult
    func connect(_ email: String, for user: User) throws -> Mailbox {
        simulator.addAccount(email: email)
        let mailbox = try store.addMailbox(email: EmailAddress(email)!, for: user)
        mailboxes[email] = mailbox
        return mailbox
    }

    func mailbox(_ email: String = "ann@alpha.example") -> Mailbox { mailboxes[email]! }

    /// A service over the given mailboxes with its own database connection (as a separate process has),
    /// driven through `control`.
    func service(_ emails: [String] = ["ann@alpha.example"], store: Store? = nil,
                 control: ControlFlags = ControlFlags()) throws -> SyncService {
        try SyncService(store: store ?? self.store, connections: connections(emails), settings: settings,
                        clock: HurriedClock(), control: control) { [events] event in events.append(event) }
    }

    /// What it takes to reach the simulated Gmail of each of `emails`.
    func connections(_ emails: [String]) throws -> [SyncService.Connection] {
        let transport = CurlTransport()
        return try emails.map { email -> SyncService.Connection in
            let bucket = QuotaBucket(unitsPerSecond: settings.effectiveUnitsPerSecond,
                                     capacity: settings.burstUnits ?? 1_000, clock: HurriedClock())
            let client = running.client(for: email, transport: transport, costs: settings.costs,
                                        onCall: { _, units in bucket.acquire(units) })
            guard let mailbox = mailboxes[email] else { throw CRMError("no mailbox \(email)") }
            return SyncService.Connection(mailbox: mailbox, client: client, bucket: bucket, sealingKey: .test)
        }
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

    /// The threading a reply from `from` to the email of timeline entry `activityID` gets, as every
    /// place that writes a reply works it out (`Store.replyParent`, then `ReplyPlan`).
    func threading(replyingTo activityID: Int64, from: String = "ann@alpha.example", by user: User? = nil) throws
        -> Threading {
        let user = user ?? ann
        let activity = try #require(try store.activity(id: activityID, in: user.scope))
        let sender = EmailAddress(from)!
        let parent = try #require(try store.replyParent(activity.source, for: user, preferring: sender))
        return ReplyPlan(.reply, to: parent, from: sender, ownAddresses: [sender]).threading
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
}

/// The events a service emitted, from any thread.
final class EventLog: Sendable {
    private let events = Mutex<[SyncEvent]>([])

    func append(_ event: SyncEvent) { events.withLock { $0.append(event) } }

    var all: [SyncEvent] { events.withLock { $0 } }
}

import CRMCore
import CRMStore
import Foundation
import GmailSimulator
import RapportTestSupport
import Testing
@testable import MailSync

/// What the app asks of a running service: one mailbox's sends alone, ahead of any pull, and one
/// mailbox's sync without the others'.
@Suite struct SyncRequestTests {
    private static let ann = "ann@alpha.example"
    private static let al = "al@alpha.example"

    /// Ann's and Al's mailboxes, synced once by a service driven through `control` that cycles again
    /// only when asked (the interval is an hour); the request log starts empty.
    private func running(_ control: ControlFlags) throws -> (SyncFixture, SyncService) {
        let fixture = try SyncFixture()
        fixture.settings.interval = 3_600
        try fixture.connect(Self.al, for: fixture.al)
        let service = try fixture.service([Self.ann, Self.al], control: control)
        service.turn()
        #expect(fixture.events.all.filter { if case .caughtUp = $0 { true } else { false } }.count == 2)
        fixture.simulator.clearRequestLog()
        return (fixture, service)
    }

    private func queue(_ fixture: SyncFixture, from address: String = ann, by user: User? = nil) throws -> OutgoingEmail {
        var request = ComposeRequest(from: EmailAddress(address)!, to: [EmailAddress("carol@client.example")!],
                                     subject: "Proposal", bodyText: "The plan.")
        request.queue = true
        return try fixture.store.compose(request, by: user ?? fixture.ann, sealingKey: .test)
    }

    private func status(_ fixture: SyncFixture, _ email: OutgoingEmail) throws -> OutboxStatus? {
        try fixture.store.outgoingEmail(id: email.id, in: .everyone)?.status
    }

    private func stored(_ fixture: SyncFixture, _ gmailID: String) throws -> Bool {
        try fixture.store.count("SELECT count(*) FROM incoming_emails WHERE gmail_id = ?", gmailID) == 1
    }

    @Test func aSendRequestSendsThatMailboxsDueMailWithoutPulling() throws {
        let control = ControlFlags()
        let (fixture, service) = try running(control)
        let arrived = fixture.deliver(subject: "Arrived meanwhile")
        let email = try queue(fixture)
        control.requestSend(account: Self.ann)
        service.turn()
        #expect(try status(fixture, email) == .sent)
        #expect(fixture.simulator.requestLog.map(\.method) == [.messagesList, .messagesSend],
                "no history or fetch: only the look in Sent for its Message-ID, and the send")
        #expect(try !stored(fixture, arrived), "nothing was pulled")
    }

    @Test func aSendAskedForWithASyncGoesBeforeThePull() throws {
        let control = ControlFlags()
        let (fixture, service) = try running(control)
        let arrived = fixture.deliver(subject: "Arrived meanwhile")
        let email = try queue(fixture)
        control.requestSync(account: nil)
        control.requestSend(account: Self.ann)
        service.turn()
        #expect(try status(fixture, email) == .sent)
        let methods = fixture.simulator.requestLog.map(\.method)
        #expect(Array(methods.prefix(2)) == [.messagesList, .messagesSend], "the look in Sent, then the send")
        #expect(methods.contains(.historyList), "the sync asked for still runs, after the send")
        #expect(try stored(fixture, arrived))
    }

    @Test func aSyncRequestForOneMailboxLeavesTheOthersAlone() throws {
        let control = ControlFlags()
        let (fixture, service) = try running(control)
        let forAnn = fixture.deliver(to: Self.ann, subject: "For Ann")
        let forAl = fixture.deliver(to: Self.al, subject: "For Al")
        let alsMail = try queue(fixture, from: Self.al, by: fixture.al)
        control.requestSync(account: "Ann@Alpha.example")
        service.turn()
        #expect(try stored(fixture, forAnn))
        #expect(try !stored(fixture, forAl))
        let log = fixture.simulator.requestLog
        #expect(log.contains { $0.method == .historyList && $0.account == Self.ann })
        #expect(!log.contains { $0.method == .historyList && $0.account == Self.al })
        // Al's due mail still goes out: between syncs every mailbox's sender runs.
        #expect(try status(fixture, alsMail) == .sent)

        control.requestSync(account: nil)
        service.turn()
        #expect(try stored(fixture, forAl), "nil asks every mailbox")
    }

    @Test func backgroundSyncPassesTheAccountOn() throws {
        let fixture = try SyncFixture()
        fixture.settings.interval = 3_600
        try fixture.connect(Self.al, for: fixture.al)
        let events = fixture.events
        let sync = BackgroundSync(databasePath: fixture.folder.appendingPathComponent("rapport.db").path,
                                  connections: try fixture.connections([Self.ann, Self.al]), settings: fixture.settings,
                                  sink: { events.append($0) })
        func caughtUp(_ account: String) -> Int { events.all.filter { $0 == .caughtUp(account: account) }.count }
        try waitUntil("both mailboxes are synced") { caughtUp(Self.ann) == 1 && caughtUp(Self.al) == 1 }
        let arrived = fixture.deliver(to: Self.ann, subject: "For Ann")
        let forAl = fixture.deliver(to: Self.al, subject: "For Al")
        let email = try queue(fixture)
        fixture.simulator.clearRequestLog()

        sync.requestSend(account: Self.ann)
        try waitUntil("the email is sent") { events.all.contains(.outboxChanged(id: email.id, status: .sent)) }
        #expect(fixture.simulator.requestLog.map(\.method) == [.messagesList, .messagesSend])
        sync.requestSync(account: Self.ann)
        try waitUntil("Ann's mailbox synced again") { caughtUp(Self.ann) == 2 }
        #expect(sync.stopAndWait())
        #expect(try stored(fixture, arrived))
        #expect(try !stored(fixture, forAl))
        #expect(!fixture.simulator.requestLog.contains { $0.account == Self.al })
    }

    private func waitUntil(_ what: String, seconds: TimeInterval = 30, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            guard Date() < deadline else { throw CRMError("waited \(Int(seconds)) s, and still not: \(what)") }
            usleep(20_000)
        }
    }
}

import CRMCore
import CRMStore
import Foundation
import GmailSimulator
import MailFormat
import MailSync
import RapportTestSupport
import Testing
@testable import RapportDemo

/// `rapport demo` started again on the same home: the simulated Gmail is new, but what it hands out
/// must never reuse an id the home already holds.
@Suite(.serialized) struct DemoRestartTests {
    /// A seeded demo home whose sending waits for nothing.
    final class Home {
        let database: TestDatabase
        let user: User
        let config = Config(text: "[sending]\nundo_seconds = 0\n")

        init() throws {
            database = try TestDatabase("rapport-demo")
            var seed = DemoSeed(store: database.store, ownLogin: "ann", sealingKey: .test)
            _ = try seed.run()
            user = try #require(try database.store.user(login: "ann"))
        }

        var store: Store { database.store }

        /// One run of the demo: start, sync, then `during` (given the session), sync again, stop.
        func run(_ during: (DemoSession) throws -> Void) throws {
            let session = try DemoSession(store: store, user: user, config: config, sealingKey: .test)
            defer { session.stop() }
            let service = try SyncService(store: store, connections: session.connections, settings: session.settings) { _ in }
            service.runUntilCaughtUp()
            try during(session)
            service.runUntilCaughtUp()
            service.runUntilCaughtUp()
        }

        /// Queues an email from Ann to the first contact.
        func send(_ subject: String) throws -> Int64 {
            let mailbox = try #require(try store.mailboxes(in: .everyone).first { $0.userID == user.id })
            let contact = try #require(try store.contacts(in: .team(user.teamID)).first)
            var request = ComposeRequest(from: mailbox.email, to: [contact.emails[0]], subject: subject, bodyText: "Hello")
            request.queue = true
            return try store.compose(request, by: user, sealingKey: .test).id
        }

        func gmailIDs() throws -> Set<String> {
            Set(try store.connection.query("SELECT gmail_id FROM incoming_emails").map { try $0.string("gmail_id") })
        }
    }

    @Test func mailSentAfterARestartGetsNewIdsAndShowsInMail() throws {
        let home = try Home()
        var first: Int64 = 0
        try home.run { session in
            first = try home.send("Before the restart")
            // Answers arrive while the demo runs, as DemoReplies delivers them.
            for index in 0..<4 {
                let answer = OutgoingMessage(from: MailAddress(name: "Contact", address: "someone@acme-logistics.example"),
                                             to: [MailAddress(name: nil, address: "ann@northwind.example")],
                                             subject: "Answer \(index)", body: "Thanks", date: Date(),
                                             messageID: "answer-\(index)@acme-logistics.example")
                session.gmail.simulator.deliver(raw: MessageWriter.write(answer), to: "ann@northwind.example")
            }
        }
        let sentBefore = try #require(try home.store.outgoingEmail(id: first, in: .everyone))
        let heldBefore = try home.gmailIDs()
        #expect(sentBefore.status == .sent)
        #expect(heldBefore.contains(try #require(sentBefore.gmailID)))
        let highest = try #require(heldBefore.compactMap { UInt64($0, radix: 16) }.max())
        let highestHistory = try #require(try home.store.connection.first(
            "SELECT max(history_id) AS h FROM incoming_emails")?.int64("h"))

        var second: Int64 = 0
        try home.run { session in
            second = try home.send("After the restart")
            let answer = OutgoingMessage(from: MailAddress(name: "Contact", address: "someone@acme-logistics.example"),
                                         to: [MailAddress(name: nil, address: "ann@northwind.example")],
                                         subject: "A new answer", body: "Thanks", date: Date(),
                                         messageID: "answer-new@acme-logistics.example")
            let id = session.gmail.simulator.deliver(raw: MessageWriter.write(answer), to: "ann@northwind.example")
            #expect(try #require(UInt64(id, radix: 16)) > highest)
            let history = session.gmail.simulator.message(id: id, in: "ann@northwind.example")?.historyId
            #expect(try #require(history.flatMap { Int64($0) }) > highestHistory)
        }
        let sentAfter = try #require(try home.store.outgoingEmail(id: second, in: .everyone))
        #expect(sentAfter.status == .sent)
        let gmailID = try #require(sentAfter.gmailID)
        #expect(try #require(UInt64(gmailID, radix: 16)) > highest)
        #expect(!heldBefore.contains(gmailID))
        #expect(sentAfter.threadID != sentBefore.threadID)
        // Gmail's copy of the new mail is in Mail, under its own id, and so is the new answer.
        let copies = try home.store.connection.query(
            "SELECT gmail_id FROM incoming_emails WHERE message_id = ?", try #require(sentAfter.messageID))
        #expect(try copies.map { try $0.string("gmail_id") } == [gmailID])
        #expect(try home.store.connection.first(
            "SELECT count(*) AS n FROM incoming_emails WHERE message_id = 'answer-new@acme-logistics.example'")?.int("n") == 1)
    }
}

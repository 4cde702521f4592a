import CRMCore
import CRMStore
import Foundation
import GmailSimulator
import MailFormat
import MailSync
import RapportTestSupport
import Testing
@testable import RapportApp

/// Replies, replies to all and forwards written in the app (keys through the real controller and
/// store), sent by the real sender to the simulated Gmail: each lands in its parent's thread with
/// In-Reply-To and References, goes to whom it should with their names, and a forward keeps the
/// parent's attachments.
@MainActor @Suite struct ReplySendTests {
    static let ann = "ann@northwind.example"

    /// The app on a store synced with a simulated Gmail holding Carol's question to Ann and Dan,
    /// copied to Eve, which answers an earlier message.
    @MainActor final class Setup {
        let app: AppFixture
        let running: RunningSimulator
        let parentGmailID: String

        init() throws {
            app = try AppFixture(seed: false)
            app.store.now = { Date() }
            running = try RunningSimulator(accounts: [ReplySendTests.ann])
            parentGmailID = running.simulator.deliver(raw: TestMail.question(to: ReplySendTests.ann), to: ReplySendTests.ann)
            try sync()
        }

        /// Runs the sync service on the app's store until it is caught up: pulls mail (keeping attachments of
        /// at most `keeping` bytes), sends what is due.
        func sync(keeping: Int = IncomingEmail.defaultKeptAttachmentBytes) throws {
            let bucket = QuotaBucket(unitsPerSecond: 10_000, capacity: 10_000)
            let connection = SyncService.Connection(mailbox: app.mailbox, client: running.client(for: ReplySendTests.ann),
                                                    bucket: bucket, sealingKey: .test)
            var settings = SyncSettings()
            settings.undoWindow = UndoWindow(seconds: 0)
            settings.keepAttachmentBytes = keeping
            let service = try SyncService(store: app.store, connections: [connection], settings: settings) { _ in }
            for _ in 0..<6 where !service.runOnce().values.allSatisfy({ $0 == .caughtUp }) {}
        }

        var sent: [[UInt8]] { running.simulator.sentMessages(for: ReplySendTests.ann) }

        func threadID(ofGmail id: String) -> String? { running.simulator.message(id: id, in: ReplySendTests.ann)?.threadId }

        /// The Gmail thread the simulator put the sent message with Message-ID `messageID` in.
        func threadID(ofSent messageID: String?) throws -> String? {
            let id = try #require(try app.store.connection.first(
                "SELECT gmail_id FROM outgoing_emails WHERE message_id = ?", messageID)?.optionalString(0))
            return threadID(ofGmail: id)
        }
    }

    private func lastSent(_ setup: Setup) throws -> (email: OutgoingEmail, raw: Message) {
        let email = try #require(try setup.app.store.outbox(in: .everyone, status: .sent).first)
        let raw = try #require(setup.sent.last)
        let message = Message(bytes: raw)
        #expect(message.messageID == email.messageID)
        return (email, message)
    }

    private func names(_ list: [MailAddress]) -> [String] { list.map { "\($0.name ?? "") <\($0.address ?? "")>" } }

    @Test func aForwardOfReceivedMailCarriesWhatIsKeptAndSaysWhatItGoesWithout() throws {
        let setup = try Setup()
        var offer = OutgoingMessage(from: MailAddress(name: "Carol Client", address: "carol@client.example"),
                                    to: [MailAddress(name: "Ann Lee", address: Self.ann)], subject: "Offer",
                                    body: "Both files.", date: Date(), messageID: "offer@client.example")
        let small = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        offer.attachments = [.init(filename: "terms.pdf", contentType: "application/pdf", data: small),
                             .init(filename: "catalogue.zip", contentType: "application/zip",
                                   data: [UInt8](repeating: 9, count: 20_000))]
        _ = setup.running.simulator.deliver(raw: MessageWriter.write(offer), to: Self.ann)
        try setup.sync(keeping: 10_000)
        setup.app.start()
        setup.app.type("Tab f")
        #expect(setup.app.controller.state.currentComposer?.answering == .forward)
        #expect(setup.app.text.contains("The forward goes without “catalogue.zip”"), "\(setup.app.text)")
        setup.app.typeText("eve@client.example")
        setup.app.type("C-s")
        try setup.sync(keeping: 10_000)
        let (email, message) = try lastSent(setup)
        #expect(email.subject == "Fwd: Offer")
        #expect(message.bodyStructure.attachments.map(\.filename) == ["terms.pdf"])
        #expect(message.bodyStructure.attachments.first.map(\.decodedBody) == small)
    }

    @Test func aReplyFromMailLandsInItsParentsThread() throws {
        let setup = try Setup()
        setup.app.start()
        setup.app.type(#"Tab r "Yes, 10% it is." C-s"#)
        try setup.sync()
        let (email, message) = try lastSent(setup)
        #expect(email.subject == "Re: Pricing")
        #expect(message.inReplyTo == ["p1@client.example"])
        #expect(message.references == ["p0@client.example", "p1@client.example"])
        #expect(names(message.to) == ["Carol Client <carol@client.example>"])
        #expect(message.text?.hasPrefix("Yes, 10% it is.\r\n\r\nOn ") == true)
        #expect(message.text?.contains("Carol Client <carol@client.example> wrote:\r\n> Can you do 10% off?") == true)
        #expect(try setup.threadID(ofSent: email.messageID) == setup.threadID(ofGmail: setup.parentGmailID))
    }

    @Test func aReplyToAllFromTheMessageViewGoesToEveryoneButUs() throws {
        let setup = try Setup()
        setup.app.start()
        setup.app.type(#"Tab Enter a "Deal." C-s"#)
        try setup.sync()
        let (email, message) = try lastSent(setup)
        #expect(names(message.to) == ["Carol Client <carol@client.example>", "Dan Deals <dan@client.example>"])
        #expect(names(message.cc) == ["Eve Early <eve@client.example>"])
        #expect(message.inReplyTo == ["p1@client.example"])
        #expect(try setup.threadID(ofSent: email.messageID) == setup.threadID(ofGmail: setup.parentGmailID))
    }

    @Test func aForwardFromATimelineKeepsTheAttachmentsAndTheThread() throws {
        let setup = try Setup()
        let carol = try setup.app.store.addContact(name: "Carol Client", emails: [EmailAddress("carol@client.example")!],
                                                   by: setup.app.ann)
        // Ann sent Carol a quote from Rapport, with a file.
        var quote = ComposeRequest(from: setup.app.mailbox.email, to: [EmailAddress("carol@client.example")!],
                                   subject: "Quote", bodyText: "The quote, attached.")
        let pdf = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        quote.attachments = [NewAttachment(filename: "Angebot für Müller.pdf", contentType: "application/pdf", data: pdf)]
        quote.queue = true
        let first = try setup.app.store.compose(quote, by: setup.app.ann, sealingKey: .test)
        try setup.sync()
        setup.app.start()
        setup.app.type("3 Enter")
        let entries = try #require(setup.app.controller.state.timeline?.activities)
        let index = try #require(entries.firstIndex { $0.source == .outgoingEmail(first.id) })
        setup.app.type(Array(repeating: "j", count: index).joined(separator: " "))
        setup.app.type("f")
        setup.app.typeText(#""Q, Eve" <eve@client.example>"#)
        setup.app.type("C-s")
        #expect(setup.app.controller.state.currentComposer == nil, "\(setup.app.text)")
        try setup.sync()
        let (email, message) = try lastSent(setup)
        #expect(email.subject == "Fwd: Quote" && email.link == .contact(carol.id))
        #expect(names(message.to) == ["Q, Eve <eve@client.example>"])
        let attachments = message.bodyStructure.attachments
        #expect(attachments.map(\.filename) == ["Angebot für Müller.pdf"])
        #expect(attachments.first.map { Data($0.decodedBody) } == pdf)
        #expect(message.inReplyTo == [first.messageID!])
        #expect(message.text?.contains("---------- Forwarded message ---------\r\nFrom: Ann Lee <ann@northwind.example>") == true)
        #expect(try setup.threadID(ofSent: email.messageID) == setup.threadID(ofSent: first.messageID))
        guard PythonEmail.python != nil else {
            print("python3 not found: skipping the check of the forward with Python's email package")
            return
        }
        let raw = try #require(setup.sent.last)
        let reading = try #require(try PythonEmail.read([raw]).first)
        #expect(reading["defects"] as? [String] == [])
        #expect(reading["to"] as? [[String]] == [["Q, Eve", "eve@client.example"]])
        #expect((reading["attachments"] as? [[Any]])?.first?.first as? String == "Angebot für Müller.pdf")
    }
}

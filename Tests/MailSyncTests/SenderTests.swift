import CRMCore
import CRMStore
import Foundation
import GmailSimulator
import MailFormat
import RapportTestSupport
import Testing
@testable import MailSync

/// The outbox sender against the simulator: exactly once, threaded replies, waits and limits.
@Suite struct SenderTests {
    private func queue(_ fixture: SyncFixture, subject: String = "Proposal", to: String = "carol@client.example",
                       replyTo: Int64? = nil, sendAt: Date? = nil) throws -> OutgoingEmail {
        var request = ComposeRequest(from: EmailAddress("ann@alpha.example")!, to: [EmailAddress(to)!], subject: subject,
                                     bodyText: "Please find **the plan** below.")
        request.replyToActivityID = replyTo
        if let replyTo { request.threading = try fixture.threading(replyingTo: replyTo) }
        request.queue = true
        request.sendAt = sendAt
        return try fixture.store.compose(request, by: fixture.ann, sealingKey: .test)
    }

    private func status(_ fixture: SyncFixture, _ id: Int64) throws -> OutgoingEmail {
        try #require(try fixture.store.outgoingEmail(id: id, in: .everyone))
    }

    @Test func queuedMailIsSentOnceAndRecorded() throws {
        let fixture = try SyncFixture()
        let carol = try fixture.store.addContact(name: "Carol Client", emails: [EmailAddress("carol@client.example")!],
                                                 by: fixture.ann)
        let email = try queue(fixture)
        try fixture.syncUntilCaughtUp()
        let sent = try status(fixture, email.id)
        #expect(sent.status == .sent && sent.gmailID != nil && sent.threadID != nil)
        let raw = try #require(fixture.simulator.sentMessages(for: "ann@alpha.example").first)
        #expect(fixture.simulator.sentMessages(for: "ann@alpha.example").count == 1)
        let parsed = MailFormat.Message(bytes: raw)
        #expect(parsed.messageID == email.messageID)
        #expect(parsed.to.first?.name == "Carol Client")
        #expect(parsed.from.first?.name == "Ann Lee")
        #expect(parsed.html?.contains("<strong>the plan</strong>") == true)
        let entry = try #require(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        #expect(entry.direction == .outgoing && entry.source == .outgoingEmail(email.id))
        // Sync then stores Gmail's own copy of the sent mail, which stays one timeline entry.
        try fixture.syncUntilCaughtUp()
        #expect(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).count == 1)
        #expect(fixture.simulator.sentMessages(for: "ann@alpha.example").count == 1)
    }

    @Test func aReplyThreadsWithItsParent() throws {
        let fixture = try SyncFixture()
        let carol = try fixture.store.addContact(name: "Carol", emails: [EmailAddress("carol@client.example")!], by: fixture.ann)
        let parentGmailID = fixture.deliver(subject: "Pricing question", messageID: "parent@client.example")
        try fixture.syncUntilCaughtUp()
        let parent = try #require(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        let reply = try queue(fixture, subject: "Re: Pricing question", replyTo: parent.id)
        try fixture.syncUntilCaughtUp()
        let sent = try status(fixture, reply.id)
        #expect(sent.status == .sent)
        #expect(sent.threadID == fixture.simulator.message(id: parentGmailID, in: "ann@alpha.example")?.threadId)
        let parsed = MailFormat.Message(bytes: try #require(fixture.simulator.sentMessages(for: "ann@alpha.example").last))
        #expect(parsed.inReplyTo == ["parent@client.example"])
        #expect(parsed.references == ["parent@client.example"])
    }

    @Test func namesTypedWithRecipientsReachGmailAndReadBackInPython() throws {
        let fixture = try SyncFixture()
        try fixture.store.addContact(name: "Carol Client", emails: [EmailAddress("carol@client.example")!], by: fixture.ann)
        try fixture.store.addContact(name: "Dan Deals", emails: [EmailAddress("dan@client.example")!], by: fixture.ann)
        let typed = Composition(to: #""Müller, Jörg" <joerg@acme.example>, "Carol (Procurement)" <carol@client.example>"#,
                                cc: "dan@client.example, 山田 太郎 <yamada@sakura.example>")
        var request = ComposeRequest(from: EmailAddress("ann@alpha.example")!, to: typed.addresses(.to),
                                     subject: "Angebot", bodyText: "Anbei.")
        request.cc = typed.addresses(.cc)
        request.displayNames = typed.displayNames
        request.queue = true
        let email = try fixture.store.compose(request, by: fixture.ann, sealingKey: .test)
        try fixture.syncUntilCaughtUp()
        #expect(try status(fixture, email.id).status == .sent)
        let raw = try #require(fixture.simulator.sentMessages(for: "ann@alpha.example").last)
        let expectedTo = [["Müller, Jörg", "joerg@acme.example"], ["Carol (Procurement)", "carol@client.example"]]
        let expectedCc = [["Dan Deals", "dan@client.example"], ["山田 太郎", "yamada@sakura.example"]]
        let parsed = MailFormat.Message(bytes: raw)
        #expect(parsed.to.map { [$0.name ?? "", $0.address ?? ""] } == expectedTo, "the typed name wins over the contact's")
        #expect(parsed.cc.map { [$0.name ?? "", $0.address ?? ""] } == expectedCc, "the contact's name where none was typed")
        guard PythonEmail.python != nil else {
            print("python3 not found: skipping the check of sent mail with Python's email package")
            return
        }
        let reading = try #require(try PythonEmail.read([raw]).first)
        #expect(reading["defects"] as? [String] == [])
        #expect(reading["to"] as? [[String]] == expectedTo)
        #expect(reading["cc"] as? [[String]] == expectedCc)
    }

    @Test func theUndoWindowAndScheduledTimesAreHonoured() throws {
        let fixture = try SyncFixture()
        fixture.settings.undoWindow = UndoWindow(seconds: 30)
        let justQueued = try queue(fixture, subject: "Oops")
        let later = try queue(fixture, subject: "Tomorrow", sendAt: Date().addingTimeInterval(86_400))
        try fixture.syncUntilCaughtUp()
        #expect(try status(fixture, justQueued.id).status == .queued)
        #expect(try status(fixture, later.id).status == .queued)
        // Pulled back within the window: it never goes out.
        try fixture.store.apply(.cancel, to: justQueued.id, by: fixture.ann)
        fixture.settings.undoWindow = UndoWindow(seconds: 0)
        try fixture.syncUntilCaughtUp()
        #expect(try status(fixture, justQueued.id).status == .draft)
        #expect(fixture.simulator.sentMessages(for: "ann@alpha.example").isEmpty)
    }

    @Test func anAnswerLostAfterGmailTookTheMailIsReconciledNotResent() throws {
        let fixture = try SyncFixture()
        let email = try queue(fixture)
        var lost = ScriptedFault.backendError
        lost.afterApplying = true
        fixture.simulator.failNext(.messagesSend, with: lost)
        _ = try fixture.service().runOnce()
        #expect(try status(fixture, email.id).status == .sending, "left for reconciliation")
        #expect(fixture.simulator.sentMessages(for: "ann@alpha.example").count == 1)
        try fixture.syncUntilCaughtUp()
        let done = try status(fixture, email.id)
        #expect(done.status == .sent && done.gmailID != nil)
        #expect(fixture.simulator.sentMessages(for: "ann@alpha.example").count == 1, "never sent twice")
        #expect(fixture.simulator.requestLog.contains { $0.method == .messagesList && $0.path.contains("messages") })
    }

    @Test func anInterruptedSendThatNeverReachedGmailIsSentAgain() throws {
        let fixture = try SyncFixture()
        let email = try queue(fixture)
        // As if the process died right after claiming it.
        try fixture.store.apply(.claim, to: email.id, by: fixture.ann)
        try fixture.syncUntilCaughtUp()
        #expect(try status(fixture, email.id).status == .sent)
        #expect(fixture.simulator.sentMessages(for: "ann@alpha.example").count == 1)
        let moves = try fixture.store.statusHistory(of: email.id, in: .everyone).map { "\($0.from?.rawValue ?? "new")>\($0.to.rawValue)" }
        #expect(moves == ["new>draft", "draft>queued", "queued>sending", "sending>queued", "queued>sending", "sending>sent"])
    }

    @Test func throttledSendsWaitAndRefusedOnesFailWithTheReason() throws {
        let fixture = try SyncFixture()
        let throttled = try queue(fixture, subject: "Later please")
        fixture.simulator.failNext(.messagesSend, with: .userRateLimit(retryAfter: 3600))
        _ = try fixture.service().runOnce()
        let waiting = try status(fixture, throttled.id)
        #expect(waiting.status == .queued && waiting.nextAttemptAt.map { $0 > Date().addingTimeInterval(3000) } == true)
        #expect(waiting.lastError?.contains("slow down") == true)

        let refused = try queue(fixture, subject: "Bad", to: "dora@prospect.example")
        fixture.simulator.failNext(.messagesSend, with: ScriptedFault(status: 400, reason: "invalidArgument",
                                                                       message: "Invalid To header"))
        _ = try fixture.service().runOnce()
        let failed = try status(fixture, refused.id)
        #expect(failed.status == .failed && failed.lastError?.contains("Invalid To header") == true)
    }

    @Test func theDailyRecipientLimitRefusesBeforeGmailWould() throws {
        let fixture = try SyncFixture()
        fixture.settings.sendLimits = SendLimits(maximumRecipientsPerMessage: 100, dailyRecipientLimit: 3, safetyMargin: 0)
        let emails = try (0..<4).map { try queue(fixture, subject: "Note \($0)") }
        try fixture.syncUntilCaughtUp()
        let statuses = try emails.map { try status(fixture, $0.id).status }
        #expect(statuses == [.sent, .sent, .sent, .failed])
        #expect(try status(fixture, emails[3].id).lastError?.contains("24 hours") == true)
        #expect(fixture.simulator.sentMessages(for: "ann@alpha.example").count == 3)
    }
}

import CRMCore
import Foundation
import RapportTestSupport
import Testing
@testable import CRMStore

/// What the outbox sender reads: due mail, mail left sending, reply threading, recipients sent.
@Suite struct StoreSenderSyncTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A fixture whose clock reads `clock` (settable).
    private final class Clock {
        var now: Date
        init(_ now: Date) { self.now = now }
    }

    private func setUp() throws -> (StoreFixture, Clock) {
        let fixture = try StoreFixture()
        let clock = Clock(t0)
        fixture.store.now = { clock.now }
        return (fixture, clock)
    }

    private func queued(_ fixture: StoreFixture, subject: String, sendAt: Date? = nil) throws -> Int64 {
        let draft = try fixture.draft(by: fixture.ann, subject: subject)
        return try fixture.store.apply(.queue, to: draft.id, by: fixture.ann,
                                       Store.OutboxUpdate(sendAt: sendAt, sealingKey: .test)).id
    }

    @Test func dueMailWaitsForTheUndoWindowSendAtAndRetryTime() throws {
        let (fixture, clock) = try setUp()
        let store = fixture.store
        let box = fixture.annMailbox.id
        let now = try queued(fixture, subject: "now")
        clock.now = t0 + 1
        let later = try queued(fixture, subject: "later", sendAt: t0 + 300)
        clock.now = t0 + 2
        let retried = try queued(fixture, subject: "retried")
        _ = try fixture.draft(by: fixture.ann, subject: "draft")
        _ = try fixture.draft(by: fixture.al, subject: "al's")
        let undo = UndoWindow(seconds: 10)

        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 9, undoWindow: undo).isEmpty)
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 10, undoWindow: undo) == [now])
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 12, undoWindow: undo) == [now, retried])
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 12, undoWindow: UndoWindow(seconds: 0)) == [now, retried])

        // A temporary error: retried no earlier than next_attempt_at; the undo window does not restart.
        clock.now = t0 + 20
        try store.apply(.claim, to: retried, by: fixture.ann)
        try store.apply(.requeue, to: retried, by: fixture.ann,
                        Store.OutboxUpdate(error: "503", nextAttemptAt: t0 + 80))
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 79, undoWindow: undo) == [now])
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 80, undoWindow: undo) == [now, retried])
        try store.apply(.claim, to: retried, by: fixture.ann)
        try store.apply(.requeue, to: retried, by: fixture.ann,
                        Store.OutboxUpdate(error: "503", nextAttemptAt: t0 + 25))
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 25, undoWindow: undo) == [now, retried])
        #expect(try store.connection.first("SELECT queued_at FROM outgoing_emails WHERE id = ?", retried)?
            .optionalDate(0) == t0 + 2)
        #expect(try store.sendingOutgoing(mailbox: box).isEmpty)

        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 299, undoWindow: undo) == [now, retried])
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 300, undoWindow: undo) == [now, later, retried])
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 300, undoWindow: undo, limit: 1) == [now])
        #expect(try store.dueOutgoing(mailbox: fixture.alMailbox.id, now: t0 + 300, undoWindow: undo).isEmpty)

        // Cancelling and queueing again starts a new undo window.
        clock.now = t0 + 400
        try store.apply(.cancel, to: now, by: fixture.ann)
        try store.apply(.queue, to: now, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 405, undoWindow: undo) == [later, retried])
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 410, undoWindow: undo) == [later, retried, now])

        // Claimed mail is no longer due, and is found after a crash.
        try store.apply(.claim, to: later, by: fixture.ann)
        #expect(try store.dueOutgoing(mailbox: box, now: t0 + 410, undoWindow: undo) == [retried, now])
        #expect(try store.sendingOutgoing(mailbox: box) == [later])
    }

    @Test func retryingFailedMailStartsANewUndoWindow() throws {
        let (fixture, clock) = try setUp()
        let store = fixture.store
        let id = try queued(fixture, subject: "s")
        clock.now = t0 + 100
        try store.apply(.claim, to: id, by: fixture.ann)
        try store.apply(.markFail, to: id, by: fixture.ann, Store.OutboxUpdate(error: "400"))
        clock.now = t0 + 200
        let retried = try store.apply(.retry, to: id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        #expect(retried.queuedAt == t0 + 200, "the email says when its window started")
        let undo = UndoWindow(seconds: 10)
        #expect(try store.dueOutgoing(mailbox: fixture.annMailbox.id, now: t0 + 205, undoWindow: undo).isEmpty)
        #expect(try store.dueOutgoing(mailbox: fixture.annMailbox.id, now: t0 + 210, undoWindow: undo) == [id])
        #expect(try store.outgoingEmail(id: id, in: .everyone)?.queuedAt == t0 + 200)
    }

    @Test func recipientsSentCountsToCcAndBccOfMailSentInTheWindow() throws {
        let (fixture, clock) = try setUp()
        let store = fixture.store
        func send(_ to: Int, cc: Int = 0, bcc: Int = 0, at: Date, by user: User? = nil, fail: Bool = false) throws {
            let user = user ?? fixture.ann
            let mailbox = try store.mailboxes(in: .team(user.teamID), owner: user.id)[0]
            func addresses(_ n: Int, _ tag: String) -> [EmailAddress] {
                (0..<n).map { StoreFixture.address("\(tag)\($0)@client.example") }
            }
            var request = ComposeRequest(from: mailbox.email, to: addresses(to, "to"), subject: "s", bodyText: "b")
            request.cc = addresses(cc, "cc")
            request.bcc = addresses(bcc, "bcc")
            clock.now = at
            let id = try store.compose(request, by: user).id
            for action in [OutboxAction.queue, .claim, fail ? .markFail : .markSent] {
                try store.apply(action, to: id, by: user, Store.OutboxUpdate(sealingKey: .test))
            }
        }
        try send(1, cc: 2, bcc: 3, at: t0)
        try send(4, at: t0 + 3600)
        try send(5, at: t0 + 7200, fail: true)
        try send(7, at: t0 + 7200, by: fixture.al)
        let box = fixture.annMailbox.id
        #expect(try store.recipientsSent(mailbox: box, since: t0 - 1) == 10)
        #expect(try store.recipientsSent(mailbox: box, since: t0) == 10)
        #expect(try store.recipientsSent(mailbox: box, since: t0 + 1) == 4)
        #expect(try store.recipientsSent(mailbox: box, since: t0 + 3601) == 0)
        #expect(try store.recipientsSent(mailbox: fixture.alMailbox.id, since: t0) == 7)
    }

    @Test func aReplyCarriesItsParentsIDsAndTheSendingMailboxesThread() throws {
        let (fixture, _) = try setUp()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        var parent = fixture.message(in: fixture.annMailbox, id: "g1", from: "carol@client.example",
                                     to: ["ann@alpha.example", "al@alpha.example"], subject: "Plan",
                                     messageID: "c2@client.example")
        parent.references = ["a1@alpha.example"]
        try store.recordIncoming(parent)
        let activity = try #require(try store.timeline(contact: carol.id, in: fixture.ann.scope).first)

        func reply(by user: User) throws -> Int64 {
            let mailbox = try store.mailboxes(in: .team(user.teamID), owner: user.id)[0]
            var request = ComposeRequest(from: mailbox.email, to: [StoreFixture.address("carol@client.example")],
                                         subject: "Re: Plan", bodyText: "Yes")
            request.replyToActivityID = activity.id
            return try store.compose(request, by: user).id
        }
        let annsReply = try reply(by: fixture.ann)
        let context = try #require(try store.replyContext(outgoing: annsReply))
        #expect(context.messageID == "c2@client.example")
        #expect(context.references == ["a1@alpha.example"])
        #expect(context.threadID == "thread-g1")

        // Al replies from his mailbox: Ann's thread id means nothing there…
        let alsReply = try reply(by: fixture.al)
        let alsContext = try #require(try store.replyContext(outgoing: alsReply))
        #expect(alsContext.messageID == "c2@client.example" && alsContext.threadID == nil)
        #expect(alsContext.references == ["a1@alpha.example"])
        // …until his own copy is stored.
        var alsCopy = parent
        alsCopy.mailboxID = fixture.alMailbox.id
        alsCopy.gmailID = "al-9"
        alsCopy.threadID = "al-thread"
        try store.recordIncoming(alsCopy)
        #expect(try store.replyContext(outgoing: alsReply)?.threadID == "al-thread")
        #expect(try store.replyContext(outgoing: annsReply)?.threadID == "thread-g1")

        // Not a reply.
        let fresh = try fixture.draft(by: fixture.ann)
        #expect(try store.replyContext(outgoing: fresh.id) == nil)
        #expect(try store.replyContext(outgoing: 9999) == nil)
    }

    @Test func aFollowUpToOurOwnMailCarriesTheWholeChain() throws {
        let (fixture, _) = try setUp()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "g1", from: "carol@client.example",
                                                 to: ["ann@alpha.example"], subject: "Plan", messageID: "c1@client.example"))
        let incoming = try #require(try store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        var request = ComposeRequest(from: fixture.annMailbox.email, to: [StoreFixture.address("carol@client.example")],
                                     subject: "Re: Plan", bodyText: "Here it is")
        request.replyToActivityID = incoming.id
        var first = try store.compose(request, by: fixture.ann)
        for action in [OutboxAction.queue, .claim] {
            first = try store.apply(action, to: first.id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        }
        first = try store.apply(.markSent, to: first.id, by: fixture.ann, Store.OutboxUpdate(gmailID: "s1", threadID: "thread-g1"))
        let sentEntry = try #require(try store.timeline(contact: carol.id, in: fixture.ann.scope)
            .first { $0.source == .outgoingEmail(first.id) })

        request.replyToActivityID = sentEntry.id
        request.subject = "Re: Plan (bump)"
        let followUp = try store.compose(request, by: fixture.ann)
        let context = try #require(try store.replyContext(outgoing: followUp.id))
        #expect(context.messageID == first.messageID)
        #expect(context.references == ["c1@client.example"])
        #expect(context.threadID == "thread-g1")
    }
}

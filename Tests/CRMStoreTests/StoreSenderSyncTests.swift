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
        var parent = fixture.message(in: fixture.annMailbox, id: "g1", from: "carol@client.example",
                                     to: ["ann@alpha.example", "al@alpha.example"], subject: "Plan",
                                     messageID: "c2@client.example")
        parent.references = ["a1@alpha.example"]
        parent.fromName = "Carol"
        parent.displayNames = [StoreFixture.address("al@alpha.example"): "Al B"]
        let stored = try store.recordIncoming(parent).id

        func reply(by user: User) throws -> OutgoingEmail {
            let mailbox = try store.mailboxes(in: .team(user.teamID), owner: user.id)[0]
            let read = try #require(try store.replyParent(.incomingEmail(stored), for: user, preferring: mailbox.email))
            let plan = ReplyPlan(.reply, to: read, from: mailbox.email, ownAddresses: [mailbox.email])
            return try store.compose(plan.request(), by: user)
        }
        let annsReply = try reply(by: fixture.ann)
        #expect(annsReply.inReplyTo == "c2@client.example")
        #expect(annsReply.references == ["a1@alpha.example", "c2@client.example"])
        #expect(annsReply.threadID == "thread-g1")
        #expect(annsReply.to.map(\.value) == ["carol@client.example"] && annsReply.displayNames.values.sorted() == ["Carol"])
        #expect(try store.outgoingEmail(id: annsReply.id, in: fixture.ann.scope) == annsReply, "kept as composed")

        // Al replies from his mailbox: Ann's thread id means nothing there…
        let alsReply = try reply(by: fixture.al)
        #expect(alsReply.inReplyTo == "c2@client.example" && alsReply.threadID == nil)
        #expect(alsReply.references == ["a1@alpha.example", "c2@client.example"])
        // …until his own copy is stored; then his reply is written from it.
        var alsCopy = parent
        alsCopy.mailboxID = fixture.alMailbox.id
        alsCopy.gmailID = "al-9"
        alsCopy.threadID = "al-thread"
        try store.recordIncoming(alsCopy)
        #expect(try reply(by: fixture.al).threadID == "al-thread")
        #expect(try reply(by: fixture.ann).threadID == "thread-g1")
        #expect(try store.replyParent(.incomingEmail(stored), for: fixture.al)?.mailbox == fixture.alMailbox.email)

        // Mail of another team, and outgoing mail not sent, are nothing to answer.
        #expect(try store.replyParent(.incomingEmail(stored), for: fixture.bob) == nil)
        let fresh = try fixture.draft(by: fixture.ann)
        #expect(try store.replyParent(.outgoingEmail(fresh.id), for: fixture.ann) == nil)
        #expect(try store.replyParent(.incomingEmail(9999), for: fixture.ann) == nil)
    }

    @Test func aFollowUpToOurOwnMailCarriesTheWholeChain() throws {
        let (fixture, _) = try setUp()
        let store = fixture.store
        let stored = try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "g1", from: "carol@client.example",
                                                              to: ["ann@alpha.example"], subject: "Plan",
                                                              messageID: "c1@client.example")).id
        let own: Set = [fixture.annMailbox.email]
        let parent = try #require(try store.replyParent(.incomingEmail(stored), for: fixture.ann))
        var request = ReplyPlan(.reply, to: parent, from: fixture.annMailbox.email, ownAddresses: own, text: "Here it is")
            .request()
        request.attachments = [NewAttachment(filename: "plan.pdf", contentType: "application/pdf", data: Data([9, 9]))]
        var first = try store.compose(request, by: fixture.ann)
        for action in [OutboxAction.queue, .claim] {
            first = try store.apply(action, to: first.id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        }
        first = try store.apply(.markSent, to: first.id, by: fixture.ann, Store.OutboxUpdate(gmailID: "s1", threadID: "thread-g1"))

        // Not synced back yet: our own row says what it answered.
        #expect(try store.replyParent(.outgoingEmail(first.id), for: fixture.ann)?.attachments.isEmpty == true,
                "a reply leaves the files' bytes unread")
        let sent = try #require(try store.replyParent(.outgoingEmail(first.id), for: fixture.ann, attachments: true))
        #expect(sent.isOwn && sent.messageID == first.messageID && sent.threadID == "thread-g1")
        #expect(sent.references == ["c1@client.example"])
        #expect(sent.to.map(\.address.value) == ["carol@client.example"])
        #expect(sent.attachments.map(\.filename) == ["plan.pdf"])
        let followUp = ReplyPlan(.reply, to: sent, from: fixture.annMailbox.email, ownAddresses: own)
        #expect(followUp.threading.references == ["c1@client.example", first.messageID!])
        #expect(followUp.threading.threadID == "thread-g1")
        #expect(followUp.to.map(\.address.value) == ["carol@client.example"], "a follow-up goes to whom we wrote")
        #expect(ReplyPlan(.forward, to: sent, from: fixture.annMailbox.email, ownAddresses: own).attachments
                    .map(\.data) == [Data([9, 9])], "a forward of our own mail keeps its attachments")
    }

    @Test func unsentRepliesFromBeforeKeepTheirThreadThroughTheMigration() throws {
        let folder = try StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rapport.db").path
        let before = Migrations.all.firstIndex { $0.name == Migrations.replyHeaders.name }!
        do {
            let db = try Connection(path: path)
            try Migrator.migrate(db, upTo: before)
            try db.executeScript("""
                INSERT INTO teams (id, name, created_at) VALUES (1, 'Alpha', 0);
                INSERT INTO users (id, login, name, team_id, created_at) VALUES (1, 'ann', 'Ann', 1, 0), (2, 'al', 'Al', 1, 0);
                INSERT INTO mailboxes (id, user_id, email, created_at) VALUES (1, 1, 'ann@alpha.example', 0),
                    (2, 2, 'al@alpha.example', 0);
                INSERT INTO contacts (id, team_id, name, created_at, updated_at) VALUES (1, 1, 'Carol', 0, 0);
                INSERT INTO incoming_emails (id, mailbox_id, team_id, gmail_id, thread_id, message_id, subject,
                    internal_date, direction, created_at, references_ids)
                VALUES (1, 2, 1, 'al-1', 'al-thread', 'c2@client.example', 'Plan', 0, 'in', 0, '["a1@alpha.example"]'),
                       (2, 1, 1, 'g1', 'ann-thread', 'c2@client.example', 'Plan', 0, 'in', 0, '["a1@alpha.example"]');
                INSERT INTO activities (id, team_id, contact_id, type, direction, occurred_at, source_type, source_id,
                    message_key, created_at, updated_at)
                VALUES (1, 1, 1, 'email', 'in', 0, 'incoming_email', 1, 'c2@client.example', 0, 0);
                INSERT INTO outgoing_emails (id, team_id, mailbox_id, author_id, subject, reply_to_activity_id, status,
                    message_id, created_at, updated_at)
                VALUES (1, 1, 1, 1, 'Re: Plan', 1, 'queued', 'r1@alpha.example', 0, 0),
                       (2, 1, 1, 1, 'Re: Re: Plan', NULL, 'draft', 'r2@alpha.example', 0, 0),
                       (3, 1, 2, 2, 'Re: Plan', 1, 'sent', 'r3@alpha.example', 0, 0);
                UPDATE outgoing_emails SET reply_to_activity_id = 2 WHERE id = 2;
                INSERT INTO activities (id, team_id, contact_id, type, direction, occurred_at, source_type, source_id,
                    message_key, created_at, updated_at)
                VALUES (2, 1, 1, 'email', 'out', 0, 'outgoing_email', 3, 'r3@alpha.example', 0, 0);
                """)
        }
        let store = try Store(path: path)
        let reply = try #require(try store.outgoingEmail(id: 1, in: .everyone))
        #expect(reply.inReplyTo == "c2@client.example")
        #expect(reply.references == ["a1@alpha.example", "c2@client.example"])
        #expect(reply.threadID == "ann-thread", "the sending mailbox's copy, not the one the timeline names")
        let followUp = try #require(try store.outgoingEmail(id: 2, in: .everyone))
        #expect(followUp.inReplyTo == "r3@alpha.example" && followUp.references == ["r3@alpha.example"])
        #expect(followUp.threadID == nil, "the parent went out from another mailbox")
        let sent = try #require(try store.outgoingEmail(id: 3, in: .everyone))
        #expect(sent.inReplyTo == nil && sent.references.isEmpty, "sent mail is left as it went")
    }
}

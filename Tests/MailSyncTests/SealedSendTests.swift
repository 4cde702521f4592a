import CRMCore
import CRMStore
import Foundation
import GmailSimulator
import MailFormat
import RapportTestSupport
import Testing
@testable import MailSync

/// A teammate who can write the shared database cannot send as someone else: the sender sends only
/// what the mailbox owner's key sealed, exactly as sealed, and never the same Message-ID twice.
@Suite struct SealedSendTests {
    static let ann = "ann@alpha.example"

    private func queue(_ fixture: SyncFixture, subject: String = "Proposal", replyTo: Int64? = nil,
                       attachment: Data? = nil, key: SealingKey = .test) throws -> OutgoingEmail {
        var request = ComposeRequest(from: EmailAddress(Self.ann)!, to: [EmailAddress("carol@client.example")!],
                                     subject: subject, bodyText: "The plan, as agreed.")
        request.replyToActivityID = replyTo
        if let replyTo { request.threading = try fixture.threading(replyingTo: replyTo) }
        request.attachments = attachment.map { [NewAttachment(filename: "plan.pdf", contentType: "application/pdf", data: $0)] }
            ?? []
        request.queue = true
        return try fixture.store.compose(request, by: fixture.ann, sealingKey: key)
    }

    private func email(_ fixture: SyncFixture, _ id: Int64) throws -> OutgoingEmail {
        try #require(try fixture.store.outgoingEmail(id: id, in: .everyone))
    }

    private func sent(_ fixture: SyncFixture) -> [[UInt8]] { fixture.simulator.sentMessages(for: Self.ann) }

    /// Whether the sync said, for people, that email `id` was not sent and why.
    private func toldRefused(_ fixture: SyncFixture, _ id: Int64, _ problem: OutboxSeal.Problem) -> Bool {
        fixture.events.all.contains(.outboxChanged(id: id, status: .failed)) && fixture.events.all.contains {
            guard case .failed(let failure) = $0 else { return false }
            return failure.kind == .sendRefused && failure.account == Self.ann
                && failure.message == "outgoing email \(id) was not sent: \(problem.message)"
        }
    }

    @Test func mailItsAuthorSealedIsSentAsSealed() throws {
        let fixture = try SyncFixture()
        let queued = try queue(fixture, attachment: Data([1, 2, 3]))
        try fixture.syncUntilCaughtUp()
        #expect(try email(fixture, queued.id).status == .sent)
        let message = MailFormat.Message(bytes: try #require(sent(fixture).first))
        #expect(message.subject == "Proposal" && message.to.map(\.address) == ["carol@client.example"])
        #expect(message.messageID == queued.messageID)
    }

    @Test func aRowWrittenIntoTheOutboxWithSQLIsNotSent() throws {
        let fixture = try SyncFixture()
        // Al opens the shared database and queues "an email from Ann".
        try fixture.store.connection.execute("""
            INSERT INTO outgoing_emails (team_id, mailbox_id, author_id, to_addrs, subject, body_text, status, message_id,
                created_at, updated_at)
            VALUES (?, ?, ?, '["carol@client.example"]', 'Contract', 'We are cancelling the contract.', 'queued',
                'rapport.forged@alpha.example', 0, 0)
            """, fixture.ann.teamID, fixture.mailbox().id, fixture.ann.id)
        let id = fixture.store.connection.lastInsertRowID
        try fixture.syncUntilCaughtUp()
        let failed = try email(fixture, id)
        #expect(failed.status == .failed)
        #expect(failed.lastError == OutboxSeal.Problem.missing.message)
        #expect(sent(fixture).isEmpty)
        #expect(!fixture.simulator.requestLog.contains { $0.method == .messagesSend })
        #expect(toldRefused(fixture, id, .missing))
    }

    @Test func aRowSealedWithSomeoneElsesKeyIsNotSent() throws {
        let fixture = try SyncFixture()
        let forged = try queue(fixture, key: .teammate)
        try fixture.syncUntilCaughtUp()
        #expect(try email(fixture, forged.id).status == .failed)
        #expect(try email(fixture, forged.id).lastError == OutboxSeal.Problem.mismatch.message)
        #expect(sent(fixture).isEmpty)
        #expect(toldRefused(fixture, forged.id, .mismatch))
    }

    /// Changes a teammate could make with SQL to Ann's queued email (`?1` is its id).
    static let edits: [String] = [
        "UPDATE outgoing_emails SET body_text = 'We are cancelling the contract.' WHERE id = ?1",
        "UPDATE outgoing_emails SET to_addrs = '[\"eve@rival.example\"]' WHERE id = ?1",
        "UPDATE outgoing_emails SET bcc_addrs = '[\"eve@rival.example\"]' WHERE id = ?1",
        "UPDATE outgoing_emails SET subject = 'Contract' WHERE id = ?1",
        "UPDATE outgoing_attachments SET data = x'00' WHERE outgoing_email_id = ?1",
        "INSERT INTO outgoing_attachments (outgoing_email_id, filename, content_type, size, data) VALUES (?1, 'x.exe', 'application/x', 1, x'00')",
        "UPDATE outgoing_emails SET message_id = 'other@alpha.example' WHERE id = ?1",
        "UPDATE outgoing_emails SET queued_at = queued_at - 3600 WHERE id = ?1",
        "UPDATE users SET name = 'The CEO' WHERE login = 'ann' AND ?1 > 0",
        "UPDATE outgoing_emails SET recipient_names = '{\"carol@client.example\":\"Your bank\"}' WHERE id = ?1",
        "UPDATE outgoing_emails SET in_reply_to = 'other@client.example' WHERE id = ?1",
        "UPDATE outgoing_emails SET references_ids = '[\"other@client.example\"]' WHERE id = ?1",
        "UPDATE outgoing_emails SET thread_id = '18f00000000000aa' WHERE id = ?1",
    ]

    @Test(arguments: edits)
    func queuedMailChangedWithSQLIsNotSent(edit: String) throws {
        let fixture = try SyncFixture()
        let queued = try queue(fixture, attachment: Data([1, 2, 3]))
        try fixture.store.connection.execute(edit, queued.id)
        try fixture.syncUntilCaughtUp()
        #expect(try email(fixture, queued.id).status == .failed)
        #expect(try email(fixture, queued.id).lastError == OutboxSeal.Problem.mismatch.message)
        #expect(sent(fixture).isEmpty)
    }

    @Test func sentMailSetBackToQueuedIsNotSentTwice() throws {
        let fixture = try SyncFixture()
        let queued = try queue(fixture)
        // Al copies the seal while it waits to go…
        let seal = try #require(try fixture.store.outgoingSeal(id: queued.id))
        try fixture.syncUntilCaughtUp()
        #expect(sent(fixture).count == 1)
        // …and once it is sent, puts everything back as it was while queued, history too.
        try fixture.store.connection.execute("""
            UPDATE outgoing_emails SET status = 'queued', seal = ?2, gmail_id = NULL, thread_id = NULL WHERE id = ?1;
            """, queued.id, SQLValue.blob(seal))
        try fixture.store.connection.execute(
            "DELETE FROM outgoing_email_status_history WHERE outgoing_email_id = ? AND to_status IN ('sending', 'sent')",
            queued.id)
        fixture.simulator.clearRequestLog()
        try fixture.syncUntilCaughtUp()
        #expect(sent(fixture).count == 1, "Gmail's Sent mail has it: it is not sent again")
        let again = try email(fixture, queued.id)
        #expect(again.status == .sent && again.gmailID != nil)
        #expect(!fixture.simulator.requestLog.contains { $0.method == .messagesSend })
    }

    @Test func failedMailSetBackToQueuedIsNotSent() throws {
        let fixture = try SyncFixture()
        fixture.settings.sendLimits = SendLimits(maximumRecipientsPerMessage: 100, dailyRecipientLimit: 0, safetyMargin: 0)
        let queued = try queue(fixture)
        try fixture.syncUntilCaughtUp()
        #expect(try email(fixture, queued.id).status == .failed)
        fixture.settings.sendLimits = SendLimits()
        try fixture.store.connection.execute("UPDATE outgoing_emails SET status = 'queued' WHERE id = ?", queued.id)
        try fixture.syncUntilCaughtUp()
        #expect(try email(fixture, queued.id).lastError == OutboxSeal.Problem.missing.message)
        #expect(sent(fixture).isEmpty)
        // Its author retries it, and then it goes.
        try fixture.store.apply(.retry, to: queued.id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        try fixture.syncUntilCaughtUp()
        #expect(try email(fixture, queued.id).status == .sent)
        #expect(sent(fixture).count == 1)
    }

    @Test func aRowOfSomeoneElseInTheMailboxFailsWithoutStoppingTheOthers() throws {
        let fixture = try SyncFixture()
        let mine = try queue(fixture, subject: "Mine")
        // sqlite3 leaves foreign keys unchecked unless asked.
        try fixture.store.connection.execute("PRAGMA foreign_keys = OFF")
        try fixture.store.connection.execute("""
            INSERT INTO outgoing_emails (team_id, mailbox_id, author_id, to_addrs, subject, body_text, status, message_id,
                created_at, updated_at)
            VALUES (999, ?, ?, '["eve@rival.example"]', 'x', 'y', 'queued', 'x@alpha.example', 0, 0)
            """, fixture.mailbox().id, fixture.al.id)
        let forged = fixture.store.connection.lastInsertRowID
        try fixture.store.connection.execute("PRAGMA foreign_keys = ON")
        try fixture.syncUntilCaughtUp()
        #expect(try email(fixture, mine.id).status == .sent)
        #expect(try email(fixture, forged).status == .failed)
        #expect(sent(fixture).count == 1)
    }

    @Test func aParentsMessageIDCannotCarryAHeaderIntoAReply() throws {
        let fixture = try SyncFixture()
        let carol = try fixture.store.addContact(name: "Carol", emails: [EmailAddress("carol@client.example")!],
                                                 by: fixture.ann)
        fixture.deliver(subject: "Pricing", messageID: "parent@client.example")
        try fixture.syncUntilCaughtUp()
        let parent = try #require(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        try fixture.store.connection.execute(
            "UPDATE incoming_emails SET message_id = ? WHERE message_id = 'parent@client.example'",
            "parent@client.example>\r\nBcc: spy@rival.example\r\nX-Note: <x")
        let reply = try queue(fixture, subject: "Re: Pricing", replyTo: parent.id)
        try fixture.syncUntilCaughtUp()
        #expect(try email(fixture, reply.id).status == .sent)
        let raw = try #require(sent(fixture).first)
        #expect(!String(decoding: raw, as: UTF8.self).contains("spy@rival.example"))
        #expect(MailFormat.Message(bytes: raw).inReplyTo.isEmpty)
    }

    /// A seal made before names and threading were sealed (version 1): mail queued then still goes,
    /// threaded from what migration 013 took from its parent; with a typed name it cannot be vouched for.
    @Test func mailSealedBeforeVersion2StillGoesThreaded() throws {
        let fixture = try SyncFixture()
        let carol = try fixture.store.addContact(name: "Carol", emails: [EmailAddress("carol@client.example")!],
                                                 by: fixture.ann)
        let parentGmailID = fixture.deliver(subject: "Pricing", messageID: "parent@client.example")
        try fixture.syncUntilCaughtUp()
        let parent = try #require(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        fixture.settings.undoWindow = UndoWindow(seconds: 3600)
        let reply = try queue(fixture, subject: "Re: Pricing", replyTo: parent.id)
        let named = try queue(fixture, subject: "Named")
        try fixture.store.connection.execute(
            "UPDATE outgoing_emails SET recipient_names = '{\"carol@client.example\":\"Carol C\"}' WHERE id = ?", named.id)
        let keyBytes = (0..<UInt8(SealingKey.length)).map { $0 &* 7 &+ 1 }
        #expect(SealingKey(bytes: keyBytes)!.seal(OutboxSeal(try email(fixture, reply.id), attachments: [],
                                                              from: EmailAddress(Self.ann)!, fromName: "Ann Lee"))
                == (try fixture.store.outgoingSeal(id: reply.id)), "the test key is the one that sealed it")
        for id in [reply.id, named.id] {
            let content = OutboxSeal(try email(fixture, id), attachments: [], from: EmailAddress(Self.ann)!, fromName: "Ann Lee")
            var withoutNames = content
            withoutNames.displayNames = [:]
            let version1 = HMAC.sha256(key: keyBytes, message: try #require(withoutNames.encodedVersion1))
            try fixture.store.connection.execute("UPDATE outgoing_emails SET seal = ? WHERE id = ?", SQLValue.blob(version1), id)
        }
        fixture.settings.undoWindow = UndoWindow(seconds: 0)
        try fixture.syncUntilCaughtUp()
        #expect(try email(fixture, reply.id).status == .sent)
        #expect(try email(fixture, named.id).status == .failed, "version 1 never covered a typed name")
        let raw = try #require(sent(fixture).first)
        #expect(MailFormat.Message(bytes: raw).inReplyTo == ["parent@client.example"])
        #expect(try email(fixture, reply.id).threadID
                == fixture.simulator.message(id: parentGmailID, in: Self.ann)?.threadId)
    }
}

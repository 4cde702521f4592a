@testable import CRMCore
import Foundation
import RapportTestSupport
import Testing
@testable import CRMStore

/// The author's seal as the store keeps it: made over the row as stored when its author queues or
/// retries it, with the key they bring; gone when the email leaves the queue.
@Suite struct SealedSendStoreTests {
    /// The seal the sender would expect on `id`: the row, its attachments and the owner's name, as stored.
    private func expectedSeal(_ fixture: StoreFixture, _ id: Int64, key: SealingKey = .test) throws -> [UInt8] {
        let email = try #require(try fixture.store.outgoingEmail(id: id, in: .everyone))
        let owner = try #require(try fixture.store.user(id: fixture.store.mailboxes(in: .everyone)
            .first { $0.id == email.mailboxID }!.userID))
        return key.seal(OutboxSeal(email, attachments: try fixture.store.attachmentData(of: id, in: .everyone),
                                   from: email.from, fromName: owner.name))
    }

    private func stored(_ fixture: StoreFixture, _ id: Int64) throws -> [UInt8]? {
        try fixture.store.outgoingSeal(id: id)
    }

    @Test func queueingSealsWhatTheStoreHoldsWithTheAuthorsKey() throws {
        let fixture = try StoreFixture()
        var request = ComposeRequest(from: fixture.annMailbox.email, to: [StoreFixture.address("carol@client.example")],
                                     subject: "Proposal", bodyText: "Attached.")
        request.attachments = [NewAttachment(filename: "quote.pdf", contentType: "application/pdf", data: Data([9, 8, 7]))]
        let draft = try fixture.store.compose(request, by: fixture.ann)
        #expect(try stored(fixture, draft.id) == nil, "a draft carries no seal")
        let at = Date().addingTimeInterval(3_600)
        try fixture.store.apply(.queue, to: draft.id, by: fixture.ann, Store.OutboxUpdate(sendAt: at, sealingKey: .test))
        let seal = try #require(try stored(fixture, draft.id))
        #expect(seal == (try expectedSeal(fixture, draft.id)))
        #expect(seal != (try expectedSeal(fixture, draft.id, key: .teammate)))
        // The key itself is nowhere in the row.
        let row = try #require(try fixture.store.connection.first("""
            SELECT hex(seal) || hex(message_id) || hex(subject) || hex(body_text) FROM outgoing_emails WHERE id = ?
            """, draft.id)?.optionalString(0))
        let key = SealingKey.test.bytes.map { String(format: "%02X", $0) }.joined()
        #expect(!row.contains(key) && row.count > 64)
    }

    @Test func composingWithQueueSealsToo() throws {
        let fixture = try StoreFixture()
        var request = ComposeRequest(from: fixture.annMailbox.email, to: [StoreFixture.address("carol@client.example")],
                                     subject: "S", bodyText: "B")
        request.queue = true
        let email = try fixture.store.compose(request, by: fixture.ann, sealingKey: .test)
        #expect(email.status == .queued)
        #expect(try stored(fixture, email.id) == (try expectedSeal(fixture, email.id)))
    }

    @Test func theSealStaysWhileTheSenderWorksAndGoesWhenTheEmailLeavesTheQueue() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let id = try fixture.draft(by: fixture.ann).id
        try store.apply(.queue, to: id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        let seal = try #require(try stored(fixture, id))
        try store.apply(.claim, to: id, by: fixture.ann)
        try store.apply(.requeue, to: id, by: fixture.ann, Store.OutboxUpdate(error: "503", nextAttemptAt: Date()))
        #expect(try stored(fixture, id) == seal, "the sender's own moves keep it")
        try store.apply(.cancel, to: id, by: fixture.ann)
        #expect(try stored(fixture, id) == nil, "back to drafts: no seal")

        try store.apply(.queue, to: id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        try store.apply(.claim, to: id, by: fixture.ann)
        try store.apply(.markFail, to: id, by: fixture.ann, Store.OutboxUpdate(error: "400"))
        #expect(try stored(fixture, id) == nil, "failed: no seal")
        let later = Date().addingTimeInterval(100)
        store.now = { later }
        try store.apply(.retry, to: id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        let resealed = try #require(try stored(fixture, id))
        #expect(resealed == (try expectedSeal(fixture, id)))
        #expect(resealed != seal, "retrying seals the new queue time")
        try store.apply(.claim, to: id, by: fixture.ann)
        try store.apply(.markFail, to: id, by: fixture.ann, Store.OutboxUpdate(error: "400"))
        try store.apply(.edit, to: id, by: fixture.ann)
        #expect(try stored(fixture, id) == nil, "reopened for editing: no seal")

        try store.apply(.queue, to: id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        try store.apply(.claim, to: id, by: fixture.ann)
        try store.apply(.markSent, to: id, by: fixture.ann)
        #expect(try stored(fixture, id) == nil, "sent: no seal")
    }

    @Test func editingADraftDropsAnySeal() throws {
        let fixture = try StoreFixture()
        let id = try fixture.draft(by: fixture.ann).id
        // A seal someone left on a draft (by hand) does not survive an edit.
        try fixture.store.connection.execute("UPDATE outgoing_emails SET seal = x'00' WHERE id = ?", id)
        let request = ComposeRequest(from: fixture.annMailbox.email, to: [StoreFixture.address("dan@client.example")],
                                     subject: "Changed", bodyText: "B")
        try fixture.store.updateDraft(id: id, with: request, by: fixture.ann)
        #expect(try stored(fixture, id) == nil)
    }

    @Test func anEmailWithoutAMessageIDGetsOneWhenQueued() throws {
        let fixture = try StoreFixture()
        let id = try fixture.draft(by: fixture.ann).id
        try fixture.store.connection.execute("UPDATE outgoing_emails SET message_id = NULL WHERE id = ?", id)
        let queued = try fixture.store.apply(.queue, to: id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        let messageID = try #require(queued.messageID)
        #expect(messageID.hasSuffix("@alpha.example"))
        #expect(try fixture.store.outgoingEmail(id: id, in: .everyone)?.messageID == messageID)
        #expect(try stored(fixture, id) == (try expectedSeal(fixture, id)))
    }

    @Test func theSenderActsOnItsMailboxsMailWhoeverWroteTheRow() throws {
        let fixture = try StoreFixture()
        // A row al wrote by hand into ann's mailbox, as himself and in another team's name.
        try fixture.store.connection.execute("""
            INSERT INTO outgoing_emails (team_id, mailbox_id, author_id, to_addrs, subject, body_text, status, message_id,
                created_at, updated_at)
            VALUES (?, ?, ?, '["eve@rival.example"]', 'x', 'y', 'queued', 'forged@alpha.example', 0, 0)
            """, fixture.bob.teamID, fixture.annMailbox.id, fixture.al.id)
        let id = fixture.store.connection.lastInsertRowID
        // Ann's sender may take it (to fail it); al, its "author", is not the sender of ann's mailbox…
        try fixture.store.apply(.claim, to: id, by: fixture.ann)
        try fixture.store.apply(.markFail, to: id, by: fixture.ann, Store.OutboxUpdate(error: "not sealed"))
        #expect(try fixture.store.outgoingEmail(id: id, in: .everyone)?.status == .failed)
        // …and people's own moves still follow the team wall and authorship.
        #expect(throws: Refusal.notFound(.outgoingEmail, id: id)) {
            try fixture.store.apply(.retry, to: id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        }
    }
}

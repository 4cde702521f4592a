import CRMCore
import Foundation
import RapportTestSupport
import Testing
@testable import CRMStore

@Suite struct OutboxStoreTests {
    /// Brings a fresh draft to `status` through allowed moves only.
    private func email(in status: OutboxStatus, _ fixture: StoreFixture) throws -> OutgoingEmail {
        let store = fixture.store
        let draft = try fixture.draft(by: fixture.ann)
        let path: [OutboxAction]
        switch status {
        case .draft: path = []
        case .queued: path = [.queue]
        case .sending: path = [.queue, .claim]
        case .sent: path = [.queue, .claim, .markSent]
        case .failed: path = [.queue, .claim, .markFail]
        }
        var current = draft
        for action in path {
            current = try store.apply(action, to: draft.id, by: fixture.ann,
                                      Store.OutboxUpdate(error: action == .markFail ? "Gmail said no" : nil,
                                                         sealingKey: .test))
        }
        #expect(current.status == status)
        return current
    }

    @Test func aNewEmailIsADraftWithOneHistoryRow() throws {
        let fixture = try StoreFixture()
        let draft = try fixture.draft(by: fixture.ann)
        #expect(draft.status == .draft)
        #expect(try fixture.store.outgoingEmail(id: draft.id, in: fixture.ann.scope) == draft)
        #expect(draft.messageID?.hasSuffix("@alpha.example") == true)
        let history = try fixture.store.statusHistory(of: draft.id, in: fixture.ann.scope)
        #expect(history.map(\.from) == [nil])
        #expect(history.map(\.to) == [.draft])
        #expect(history.map(\.by) == ["ann"])
    }

    @Test(arguments: OutboxAction.allCases)
    func everyActionMovesOnlyFromItsSourceAndIsRecorded(action: OutboxAction) throws {
        for status in OutboxStatus.allCases {
            let fixture = try StoreFixture()
            let before = try email(in: status, fixture)
            let historyBefore = try fixture.store.statusHistory(of: before.id, in: fixture.ann.scope)
            let update = Store.OutboxUpdate(error: "temporary: 503", nextAttemptAt: Date().addingTimeInterval(60),
                                            gmailID: "g-1", threadID: "t-1", sealingKey: .test)
            if status == action.source {
                let after = try fixture.store.apply(action, to: before.id, by: fixture.ann, update)
                #expect(after.status == action.target)
                // What apply returns is what the store now holds.
                #expect(try fixture.store.outgoingEmail(id: before.id, in: fixture.ann.scope) == after)
                let history = try fixture.store.statusHistory(of: before.id, in: fixture.ann.scope)
                #expect(history.count == historyBefore.count + 1)
                let last = try #require(history.last)
                #expect(last.from == status && last.to == action.target && last.by == "ann")
                #expect(last.error == "temporary: 503")
            } else {
                #expect(throws: Refusal.outbox(id: before.id, OutboxRefusal(action: action, current: status))) {
                    try fixture.store.apply(action, to: before.id, by: fixture.ann, update)
                }
                let after = try #require(try fixture.store.outgoingEmail(id: before.id, in: fixture.ann.scope))
                #expect(after.status == status)
                #expect(try fixture.store.statusHistory(of: before.id, in: fixture.ann.scope) == historyBefore)
            }
        }
    }

    /// The store says what was refused, as data; the command line and the app word it.
    @Test func refusalsSayWhatWasRefused() throws {
        let fixture = try StoreFixture()
        let sent = try email(in: .sent, fixture)
        #expect(throws: Refusal.outbox(id: sent.id, OutboxRefusal(action: .cancel, current: .sent))) {
            try fixture.store.apply(.cancel, to: sent.id, by: fixture.ann)
        }
        let failed = try email(in: .failed, fixture)
        #expect(throws: Refusal.outbox(id: failed.id, OutboxRefusal(action: .queue, current: .failed))) {
            try fixture.store.apply(.queue, to: failed.id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        }
        #expect(throws: Refusal.notFound(.outgoingEmail, id: 999)) {
            try fixture.store.apply(.queue, to: 999, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        }
    }

    @Test func onlyDraftsChange() throws {
        let fixture = try StoreFixture()
        let request = ComposeRequest(from: fixture.annMailbox.email, to: [StoreFixture.address("x@y.example")],
                                     subject: "S", bodyText: "B")
        for status in OutboxStatus.allCases {
            let email = try email(in: status, fixture)
            if status.isEditable {
                #expect(try fixture.store.updateDraft(id: email.id, with: request, by: fixture.ann).subject == "S")
            } else {
                #expect(throws: Refusal.notEditable(id: email.id, status: status)) {
                    try fixture.store.updateDraft(id: email.id, with: request, by: fixture.ann)
                }
            }
        }
    }

    @Test func queueingChecksTheCompositionAgain() throws {
        let fixture = try StoreFixture()
        let draft = try fixture.draft(by: fixture.ann)
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        #expect(throws: Refusal.composition([.sendTimeInPast(past)], emailID: draft.id)) {
            try fixture.store.apply(.queue, to: draft.id, by: fixture.ann,
                                    Store.OutboxUpdate(sendAt: past, sealingKey: .test))
        }
        #expect(try fixture.store.outgoingEmail(id: draft.id, in: fixture.ann.scope)?.status == .draft)
        var request = ComposeRequest(from: fixture.annMailbox.email, to: [StoreFixture.address("x@y.example")],
                                     subject: "S", bodyText: "B")
        request.sendAt = past
        #expect(throws: Refusal.composition([.sendTimeInPast(past)], emailID: nil)) {
            try fixture.store.compose(request, by: fixture.ann)
        }
    }

    @Test func sideEffectsOfEachMove() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let draft = try fixture.draft(by: fixture.ann)
        let at = Date().addingTimeInterval(3600)
        var email = try store.apply(.queue, to: draft.id, by: fixture.ann,
                                    Store.OutboxUpdate(sendAt: at, sealingKey: .test))
        #expect(email.sendAt.map { Int($0.timeIntervalSince1970) } == Int(at.timeIntervalSince1970))
        email = try store.apply(.claim, to: draft.id, by: fixture.ann)
        #expect(email.attempts == 1)
        email = try store.apply(.requeue, to: draft.id, by: fixture.ann,
                                Store.OutboxUpdate(error: "Gmail is busy (429)", nextAttemptAt: at))
        #expect(email.lastError == "Gmail is busy (429)" && email.nextAttemptAt != nil)
        email = try store.apply(.claim, to: draft.id, by: fixture.ann)
        #expect(email.attempts == 2)
        email = try store.apply(.markSent, to: draft.id, by: fixture.ann,
                                Store.OutboxUpdate(gmailID: "18f-gmail", threadID: "18f-thread"))
        #expect(email.status == .sent && email.lastError == nil)
        #expect(email.gmailID == "18f-gmail" && email.threadID == "18f-thread")
        let moves = try store.statusHistory(of: draft.id, in: fixture.ann.scope).map { "\($0.from?.rawValue ?? "new")>\($0.to.rawValue)" }
        #expect(moves == ["new>draft", "draft>queued", "queued>sending", "sending>queued", "queued>sending", "sending>sent"])
    }

    @Test func composeWithQueueRecordsDraftThenQueued() throws {
        let fixture = try StoreFixture()
        var request = ComposeRequest(from: fixture.annMailbox.email, to: [StoreFixture.address("x@y.example")],
                                     subject: "S", bodyText: "B")
        request.sendAt = Date().addingTimeInterval(86400)
        let email = try fixture.store.compose(request, by: fixture.ann, sealingKey: .test)
        #expect(email.status == .queued)
        #expect(try fixture.store.statusHistory(of: email.id, in: fixture.ann.scope).map(\.to) == [.draft, .queued])
    }

    @Test func sentMailBecomesAnOutActivityOnTheLinkedContactAndKnownRecipients() throws {
        let fixture = try StoreFixture()
        let linked = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let cc = try fixture.contact("Dan", "dan@client.example", by: fixture.ann)
        var request = ComposeRequest(from: fixture.annMailbox.email, to: [StoreFixture.address("carol@client.example")],
                                     subject: "Proposal", bodyText: "Here it is")
        request.cc = [StoreFixture.address("dan@client.example"), StoreFixture.address("nobody@else.example")]
        request.link = .contact(linked.id)
        request.queue = true
        let email = try fixture.store.compose(request, by: fixture.ann, sealingKey: .test)
        #expect(try fixture.store.timeline(contact: linked.id, in: fixture.ann.scope).isEmpty)
        try fixture.store.apply(.claim, to: email.id, by: fixture.ann)
        #expect(try fixture.store.timeline(contact: linked.id, in: fixture.ann.scope).isEmpty)
        try fixture.store.apply(.markSent, to: email.id, by: fixture.ann)
        for contact in [linked, cc] {
            let entries = try fixture.store.timeline(contact: contact.id, in: fixture.ann.scope)
            #expect(entries.count == 1)
            #expect(entries.first?.direction == .outgoing && entries.first?.type == .email)
            #expect(entries.first?.source == .outgoingEmail(email.id))
            #expect(entries.first?.userLogin == "ann")
        }
    }

    @Test func onlyDraftsAndFailedMailCanBeDeleted() throws {
        for status in OutboxStatus.allCases {
            let fixture = try StoreFixture()
            let email = try email(in: status, fixture)
            if status.isDeletable {
                try fixture.store.deleteOutgoingEmail(id: email.id, by: fixture.ann)
                #expect(try fixture.store.outgoingEmail(id: email.id, in: fixture.ann.scope) == nil)
                #expect(try fixture.store.connection.first(
                    "SELECT count(*) FROM outgoing_email_status_history WHERE outgoing_email_id = ?", email.id)?.int(0) == 0)
            } else {
                #expect(throws: Refusal.notDeletable(id: email.id, status: status)) {
                    try fixture.store.deleteOutgoingEmail(id: email.id, by: fixture.ann)
                }
                #expect(try fixture.store.outgoingEmail(id: email.id, in: fixture.ann.scope)?.status == status)
            }
        }
    }

    @Test func onlyTheAuthorOrAnAdminActsOnAnEmailAndOnlyTheAuthorSendsIt() throws {
        let fixture = try StoreFixture()
        let draft = try fixture.draft(by: fixture.ann)
        #expect(throws: Refusal.notYours(.outgoingEmail, id: draft.id, owner: "ann", change: .outbox(.queue))) {
            try fixture.store.apply(.queue, to: draft.id, by: fixture.al, Store.OutboxUpdate(sealingKey: .test))
        }
        #expect(throws: Refusal.notYours(.outgoingEmail, id: draft.id, owner: "ann", change: .delete)) {
            try fixture.store.deleteOutgoingEmail(id: draft.id, by: fixture.al)
        }
        #expect(throws: Refusal.notFound(.outgoingEmail, id: draft.id)) {
            try fixture.store.apply(.queue, to: draft.id, by: fixture.bob, Store.OutboxUpdate(sealingKey: .test))
        }
        // An admin pulls mail back and deletes it, but sends none of it: the key that seals it is the author's.
        #expect(throws: Refusal.notYours(.outgoingEmail, id: draft.id, owner: "ann", change: .outbox(.queue))) {
            try fixture.store.apply(.queue, to: draft.id, by: fixture.ada, Store.OutboxUpdate(sealingKey: .teammate))
        }
        #expect(try fixture.store.outgoingEmail(id: draft.id, in: fixture.ann.scope)?.status == .draft)
        try fixture.store.apply(.queue, to: draft.id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        #expect(try fixture.store.apply(.cancel, to: draft.id, by: fixture.ada).status == .draft)
        #expect(try fixture.store.statusHistory(of: draft.id, in: fixture.ann.scope).last?.by == "ada")
        let failed = try email(in: .failed, fixture)
        #expect(throws: Refusal.notYours(.outgoingEmail, id: failed.id, owner: "ann", change: .outbox(.retry))) {
            try fixture.store.apply(.retry, to: failed.id, by: fixture.ada, Store.OutboxUpdate(sealingKey: .teammate))
        }
        try fixture.store.deleteOutgoingEmail(id: failed.id, by: fixture.ada)
        #expect(try fixture.store.outgoingEmail(id: failed.id, in: fixture.ann.scope) == nil)
    }

    @Test func composeRefusesAMailboxThatIsNotYours() throws {
        let fixture = try StoreFixture()
        let request = ComposeRequest(from: fixture.alMailbox.email, to: [StoreFixture.address("x@y.example")],
                                     subject: "S", bodyText: "B")
        #expect(throws: Refusal.notYourMailbox) { try fixture.store.compose(request, by: fixture.ann) }
        #expect(try fixture.store.outbox(in: .everyone).isEmpty)
    }

    @Test func queueingWithoutRecipientsIsRefused() throws {
        let fixture = try StoreFixture()
        let request = ComposeRequest(from: fixture.annMailbox.email, to: [], subject: "S", bodyText: "B")
        let draft = try fixture.store.compose(request, by: fixture.ann)
        #expect(throws: Refusal.composition([.noRecipients], emailID: draft.id)) {
            try fixture.store.apply(.queue, to: draft.id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        }
    }

    @Test func attachmentsAreKeptWithTheirBytes() throws {
        let fixture = try StoreFixture()
        var request = ComposeRequest(from: fixture.annMailbox.email, to: [StoreFixture.address("x@y.example")],
                                     subject: "S", bodyText: "B")
        let bytes = Data((0..<5000).map { UInt8($0 % 251) })
        request.attachments = [NewAttachment(filename: "quote.pdf", contentType: "application/pdf", data: bytes)]
        let email = try fixture.store.compose(request, by: fixture.ann)
        #expect(email.attachments == [AttachmentInfo(filename: "quote.pdf", contentType: "application/pdf", size: 5000)])
        #expect(try fixture.store.outgoingEmail(id: email.id, in: fixture.ann.scope) == email)
        #expect(try fixture.store.attachmentData(of: email.id, in: fixture.ann.scope).first?.data == bytes)
        #expect(try fixture.store.attachmentData(of: email.id, in: fixture.bob.scope).isEmpty)
    }

    @Test func updatingADraftDropsTheAttachmentsAskedForByPlaceAndAddsTheNewOnes() throws {
        let fixture = try StoreFixture()
        var request = ComposeRequest(from: fixture.annMailbox.email, to: [StoreFixture.address("x@y.example")],
                                     subject: "S", bodyText: "B")
        func file(_ name: String) -> NewAttachment {
            NewAttachment(filename: name, contentType: "application/pdf", data: Data(name.utf8))
        }
        request.attachments = ["a.pdf", "b.pdf", "c.pdf"].map(file)
        let draft = try fixture.store.compose(request, by: fixture.ann)
        request.attachments = [file("d.pdf")]
        request.droppedAttachments = [0, 2, 2, 7] // a place twice, and one that is not there
        let updated = try fixture.store.updateDraft(id: draft.id, with: request, by: fixture.ann)
        #expect(updated.attachments.map(\.filename) == ["b.pdf", "d.pdf"])
        #expect(try fixture.store.attachmentData(of: draft.id, in: fixture.ann.scope).map(\.data) == [Data("b.pdf".utf8),
                                                                                                     Data("d.pdf".utf8)])
    }
}

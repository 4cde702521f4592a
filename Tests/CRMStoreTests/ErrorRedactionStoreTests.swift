import CRMCore
import Foundation
import RapportTestSupport
import Testing
@testable import CRMStore

/// Error texts teammates can read in the shared database hold no secret, whoever wrote them.
@Suite struct ErrorRedactionStoreTests {
    static let echoed = "invalid_grant: Token 1//0gSECRET refused; request refresh_token=1%2F%2F0gSECRET&client_secret=GOCSPX-x"
    static let stored = "invalid_grant: Token [redacted] refused; request refresh_token=[redacted]&client_secret=[redacted]"

    @Test func aMailboxsLastErrorIsRedactedOnTheWayIn() throws {
        let fixture = try StoreFixture()
        try fixture.store.updateMailbox(id: fixture.annMailbox.id, state: .needsLogin, lastError: Self.echoed)
        let mailbox = try #require(try fixture.store.mailboxes(in: .everyone).first { $0.id == fixture.annMailbox.id })
        #expect(mailbox.lastError == Self.stored)
        try fixture.store.updateMailbox(id: fixture.annMailbox.id, state: .idle, lastError: nil)
        #expect(try fixture.store.mailboxes(in: .everyone).first { $0.id == fixture.annMailbox.id }?.lastError == nil)
    }

    @Test func anOutgoingEmailsErrorAndItsHistoryAreRedacted() throws {
        let fixture = try StoreFixture()
        let id = try fixture.draft(by: fixture.ann).id
        try fixture.store.apply(.queue, to: id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        try fixture.store.apply(.claim, to: id, by: fixture.ann)
        let failed = try fixture.store.apply(.markFail, to: id, by: fixture.ann, Store.OutboxUpdate(error: Self.echoed))
        #expect(failed.lastError == Self.stored)
        #expect(try fixture.store.outgoingEmail(id: id, in: .everyone)?.lastError == Self.stored)
        #expect(try fixture.store.statusHistory(of: id, in: .everyone).last?.error == Self.stored)
    }
}

import Testing
@testable import CRMCore

@Suite("Mailbox")
struct MailboxTests {
    @Test func stateRawValuesAreStored() {
        #expect(Mailbox.State.allCases.map(\.rawValue) == ["idle", "syncing", "error", "needs_login"])
        #expect(Mailbox.State(rawValue: "needs_login") == .needsLogin)
    }
}

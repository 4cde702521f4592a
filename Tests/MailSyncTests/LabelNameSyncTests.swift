import CRMCore
import CRMStore
import Foundation
import GmailSimulator
import Testing
@testable import MailSync

/// The names of a mailbox's labels: listed from Gmail once, again when old or when mail carries a new one.
@Suite struct LabelNameSyncTests {
    private func labelLists(_ fixture: SyncFixture) -> Int {
        fixture.simulator.requestLog.filter { $0.method == .labelsList && $0.status == 200 }.count
    }

    private func threads(_ fixture: SyncFixture, labelled name: String) throws -> [String] {
        try fixture.store.conversations(mailboxes: [fixture.mailbox().id], folder: .label(name), in: fixture.ann.scope,
                                        limit: 50).map(\.subject)
    }

    @Test func userLabelsReadByTheirGmailNames() throws {
        let fixture = try SyncFixture()
        fixture.settings.labelListMinimumAge = 0
        let customers = fixture.simulator.addLabel(name: "Customers", to: "ann@alpha.example")
        fixture.deliver(subject: "Renewal", labels: ["INBOX", customers])
        let other = fixture.deliver(subject: "Lunch", labels: ["INBOX"])
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(labelLists(fixture) == 1)
        #expect(try threads(fixture, labelled: "Customers") == ["Renewal"])
        let renewal = try #require(try fixture.store.conversations(mailboxes: [fixture.mailbox().id], folder: .inbox,
                                                                  in: fixture.ann.scope, limit: 50)
                                      .first { $0.subject == "Renewal" })
        #expect(renewal.labels.contains("Customers") && !renewal.labels.contains(customers))

        // Nothing new: the list is not asked for again.
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(labelLists(fixture) == 1)

        // A label made in Gmail and put on a message: history brings the id, the next listing its name.
        let partners = fixture.simulator.addLabel(name: "Partners", to: "ann@alpha.example")
        #expect(fixture.simulator.modifyLabels(id: other, in: "ann@alpha.example", add: [partners]))
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(labelLists(fixture) == 2)
        #expect(try threads(fixture, labelled: "partners") == ["Lunch"])
    }

    @Test func anOldListIsListedAgain() throws {
        let fixture = try SyncFixture()
        fixture.deliver(subject: "Hello")
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(labelLists(fixture) == 1)
        fixture.settings.labelListAge = 0
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(labelLists(fixture) == 2)
    }
}

import CRMCore
import Foundation
import Testing
@testable import CRMStore

/// Every new contact address is searched for in every teammate's mailbox, and a new mailbox is
/// searched for every address its team knows.
@Suite struct StoreBackfillSyncTests {
    private func rows(_ fixture: StoreFixture) throws -> Set<String> {
        Set(try fixture.store.connection.query("""
            SELECT u.login, b.address FROM sync_backfill b JOIN mailboxes m ON m.id = b.mailbox_id
            JOIN users u ON u.id = m.user_id
            """).map { try "\($0.string("login")) \($0.string("address"))" })
    }

    @Test func aNewContactIsQueuedForEveryTeammatesMailbox() throws {
        let fixture = try StoreFixture()
        try fixture.store.addContact(name: "Carol", emails: [StoreFixture.address("carol@client.example"),
                                                             StoreFixture.address("c.q@client.example")], by: fixture.al)
        #expect(try rows(fixture) == [
            "ann carol@client.example", "al carol@client.example", "ada carol@client.example",
            "ann c.q@client.example", "al c.q@client.example", "ada c.q@client.example",
        ])
        try fixture.contact("Bea", "bea@client.example", by: fixture.bob)
        #expect(try rows(fixture).filter { $0.hasPrefix("bob ") } == ["bob bea@client.example"])
        #expect(try fixture.store.pendingBackfillAddresses(mailbox: fixture.annMailbox.id, limit: 10)
                == ["c.q@client.example", "carol@client.example"])
        #expect(try fixture.store.pendingBackfillAddresses(mailbox: fixture.annMailbox.id, limit: 1).count == 1)
    }

    @Test func aCSVImportQueuesNewAndMergedAddresses() throws {
        let fixture = try StoreFixture()
        try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try fixture.store.finishBackfill(mailbox: fixture.annMailbox.id, addresses: ["carol@client.example"])
        let csv = """
            Name,E-mail 1 - Value,E-mail 2 - Value
            Carol Quasar,carol@client.example,carol@quasar.example
            Dan Ode,dan@ode.example,
            """
        let parsed = try ContactImport(csv: Data(csv.utf8))
        let summary = try fixture.store.importContacts(parsed.rows, by: fixture.ann)
        #expect(summary.created == 1 && summary.merged == 1)
        let ann = try fixture.store.pendingBackfillAddresses(mailbox: fixture.annMailbox.id, limit: 10)
        #expect(ann == ["carol@quasar.example", "dan@ode.example"])
        for mailbox in [fixture.alMailbox, fixture.adaMailbox] {
            #expect(try fixture.store.pendingBackfillAddresses(mailbox: mailbox.id, limit: 10)
                    == ["carol@client.example", "carol@quasar.example", "dan@ode.example"])
        }
        #expect(try fixture.store.pendingBackfillAddresses(mailbox: fixture.bobMailbox.id, limit: 10).isEmpty)
    }

    @Test func aNewMailboxIsQueuedForEveryAddressItsTeamKnows() throws {
        let fixture = try StoreFixture()
        try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try fixture.contact("Bea", "bea@client.example", by: fixture.bob)
        let second = try fixture.store.addMailbox(email: StoreFixture.address("al.sales@alpha.example"), for: fixture.al)
        #expect(try fixture.store.pendingBackfillAddresses(mailbox: second.id, limit: 10) == ["carol@client.example"])
    }

    @Test func finishingABackfillRemovesOnlyThoseAddressesOfThatMailbox() throws {
        let fixture = try StoreFixture()
        try fixture.store.addContact(name: "Carol", emails: [StoreFixture.address("carol@client.example"),
                                                             StoreFixture.address("c.q@client.example")], by: fixture.ann)
        try fixture.store.finishBackfill(mailbox: fixture.annMailbox.id, addresses: ["carol@client.example", "x@y.z"])
        #expect(try fixture.store.pendingBackfillAddresses(mailbox: fixture.annMailbox.id, limit: 10)
                == ["c.q@client.example"])
        #expect(try fixture.store.pendingBackfillAddresses(mailbox: fixture.alMailbox.id, limit: 10).count == 2)
        try fixture.store.finishBackfill(mailbox: fixture.annMailbox.id, addresses: [])
        #expect(try fixture.store.pendingBackfillAddresses(mailbox: fixture.annMailbox.id, limit: 10).count == 1)
    }

    @Test func aRemovedAddressIsNoLongerQueued() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try fixture.contact("Carol B", "carol@client.example", by: fixture.bob)
        try fixture.store.connection.execute("DELETE FROM contacts WHERE id = ?", carol.id)
        #expect(try rows(fixture) == ["bob carol@client.example"])
    }

    @Test func aBackfillPutsAlreadyStoredMailOnTheNewContactsTimeline() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let box = fixture.annMailbox
        try store.recordIncoming(fixture.message(in: box, id: "old", from: "dan@ode.example",
                                                 to: ["ann@alpha.example"], subject: "Durian"))
        let dan = try fixture.contact("Dan", "dan@ode.example", by: fixture.ann)
        #expect(try store.timeline(contact: dan.id, in: fixture.ann.scope).isEmpty)
        // The backfill search finds the stored message and one not stored yet.
        let queued = try store.enqueueFetches(mailbox: box.id, refs: [(id: "old", threadID: "t1"),
                                                                      (id: "older", threadID: "t2")],
                                              purpose: .backfill)
        #expect(queued == 1)
        #expect(try store.timeline(contact: dan.id, in: fixture.ann.scope).map(\.subject) == ["Durian"])
        // Doing it again adds nothing.
        try store.enqueueFetches(mailbox: box.id, refs: [(id: "old", threadID: "t1")], purpose: .backfill)
        #expect(try store.timeline(contact: dan.id, in: fixture.ann.scope).count == 1)
    }
}

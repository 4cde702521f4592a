import CRMCore
import Foundation
import Testing
@testable import CRMStore

/// New rows are indexed for search once per write transaction, just before it commits (migration 009).
@Suite struct SearchIndexingTests {
    private func pending(_ store: Store) throws -> Int {
        try store.connection.first("SELECT count(*) FROM search_pending")?.int(0) ?? -1
    }

    @Test func everythingWrittenInOneTransactionIsFoundOnceItCommits() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.connection.write {
            let carol = try fixture.contact("Carol Quillfeather", "carol@client.example", by: fixture.ann)
            try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "g1", from: "carol@client.example",
                                                     to: ["ann@alpha.example"], subject: "Marzipan order"))
            try store.addActivity(contact: carol.id, type: .call, summary: "Talked about pistachios", by: fixture.ann)
            try fixture.draft(by: fixture.ann, subject: "Hazelnut quote")
            #expect(try pending(store) == 4)
        }
        #expect(try pending(store) == 0)
        let scope = fixture.ann.scope
        #expect(try store.search("Quillfeather", in: scope).map(\.kind) == [.contact])
        #expect(try store.search("carol@client.example", in: scope).contains { $0.kind == .contact })
        #expect(try store.search("marzipan", in: scope).map(\.kind) == [.incomingEmail])
        #expect(try store.search("pistachios", in: scope).map(\.kind) == [.activity])
        #expect(try store.search("hazelnut", in: scope).map(\.kind) == [.outgoingEmail])
        // Another connection, as another process would have, sees them all indexed.
        let other = try Store(path: fixture.path)
        #expect(try other.search("pistachios", in: scope).count == 1)
    }

    @Test func aRowChangedOrDeletedBeforeCommitIsIndexedAsItIsThen() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try store.connection.write {
            let note = try store.addActivity(contact: carol.id, type: .note, summary: "Original wording", by: fixture.ann)
            try store.editActivity(id: note.id, .init(summary: "Revised wording about turmeric"), by: fixture.ann)
            let gone = try store.addActivity(contact: carol.id, type: .note, summary: "Ephemeral saffron", by: fixture.ann)
            try store.deleteActivity(id: gone.id, by: fixture.ann)
        }
        let scope = fixture.ann.scope
        #expect(try store.search("turmeric", in: scope).count == 1)
        #expect(try store.search("original", in: scope).isEmpty)
        #expect(try store.search("saffron", in: scope).isEmpty)
        #expect(try store.connection.first("SELECT count(*) FROM search_index")?.int(0)
                == (try store.connection.first("SELECT count(*) FROM contacts")?.int(0) ?? 0) + 1)
    }

    @Test func aTransactionThatFailsIndexesNothing() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.connection.write {
                try fixture.contact("Carol Quillfeather", "carol@client.example", by: fixture.ann)
                throw Stop()
            }
        }
        #expect(try pending(store) == 0)
        #expect(try store.search("Quillfeather", in: fixture.ann.scope).isEmpty)
    }

    @Test func rowsABareConnectionWroteAreIndexedWhenAStoreOpens() throws {
        let fixture = try StoreFixture()
        do {
            let bare = try Connection(path: fixture.path)
            try bare.execute("""
                INSERT INTO contacts (team_id, name, owner_id, created_at, updated_at) VALUES (?, 'Bartholomew Inkwell', ?, 0, 0)
                """, fixture.ann.teamID, fixture.ann.id)
            #expect(try bare.first("SELECT count(*) FROM search_pending")?.int(0) == 1)
        }
        let reopened = try Store(path: fixture.path)
        #expect(try pending(reopened) == 0)
        #expect(try reopened.search("Inkwell", in: fixture.ann.scope).map(\.kind) == [.contact])
    }
}

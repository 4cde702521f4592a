import CRMCore
import Foundation
import Testing
@testable import CRMStore

/// A disk that fills up in the middle of a write: SQLite's `max_page_count` makes the database full
/// exactly as a full disk does (SQLITE_FULL), at whichever statement crosses the limit: a row, a
/// trigger, the search indexing before commit, or the commit itself.
@Suite struct DiskFullTests {
    private func rows(_ count: Int) -> [ContactImport.Row] {
        (0..<count).map { index in
            ContactImport.Row(line: index + 2, name: "Imported Person \(index) " + String(repeating: "x", count: 200),
                              emails: [EmailAddress("person\(index)@import.example")!],
                              company: "Company \(index % 40)", phone: "+1 555 \(index)")
        }
    }

    private func count(_ table: String, _ store: Store) throws -> Int {
        try store.connection.first("SELECT count(*) FROM \(table)")?.int(0) ?? -1
    }

    private func pageCount(_ store: Store) throws -> Int {
        try store.connection.first("PRAGMA page_count")?.int(0) ?? 0
    }

    @Test func anImportThatFillsTheDiskSavesNothingAndKeepsWhatWasThere() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try fixture.contact("Carol Quillfeather", "carol@client.example", by: fixture.ann)
        let batch = rows(400)
        var failures = 0
        // Room for a few more pages each time, so the disk fills at a different statement each time.
        for room in [0, 1, 2, 3, 5, 8, 13, 21, 34, 55] {
            try store.connection.execute("PRAGMA max_page_count = \(try pageCount(store) + room)")
            do {
                _ = try store.importContacts(batch, by: fixture.ann)
                Issue.record("the import fitted in \(room) more pages")
            } catch let error as StoreError {
                #expect(error.kind == .diskFull, "with room for \(room) pages: \(error)")
                failures += 1
            }
            #expect(try count("contacts", store) == 1, "with room for \(room) pages")
            #expect(try count("contact_emails", store) == 1)
            #expect(try count("companies", store) == 0)
            #expect(try count("search_pending", store) == 0)
            #expect(try store.search("Quillfeather", in: fixture.ann.scope).count == 1)
        }
        #expect(failures == 10)

        // Space freed: the same import goes through whole, and all of it is searchable.
        try store.connection.execute("PRAGMA max_page_count = 1073741823")
        let summary = try store.importContacts(batch, by: fixture.ann)
        #expect(summary.created == 400)
        #expect(try count("contacts", store) == 401)
        #expect(try store.search("person399@import.example", in: fixture.ann.scope).count == 1)
        let check = try store.connection.first("PRAGMA integrity_check")?.string(0)
        #expect(check == "ok")
    }

    @Test func aFullDiskDuringSearchIndexingAtCommitRollsTheWriteBack() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        // The note's row fits; indexing a long text at commit needs more pages than are left.
        let long = (0..<3_000).map { "word\($0)" }.joined(separator: " ")
        var reachedCommit = false
        store.connection.beforeCommit = { [unowned store] in
            reachedCommit = true
            try store.connection.execute("PRAGMA max_page_count = \(try pageCount(store))")
            try store.indexPendingSearchRows()
        }
        let error = #expect(throws: StoreError.self) {
            try store.addActivity(contact: carol.id, type: .note, summary: long, by: fixture.ann)
        }
        #expect(error?.kind == .diskFull)
        #expect(reachedCommit)
        #expect(try count("activities", store) == 0)
        #expect(try count("search_pending", store) == 0)
        #expect(try store.search("word2999", in: fixture.ann.scope).isEmpty)
    }
}

import CRMCore
import Foundation
import MailFormat
import Testing
@testable import CRMStore

/// The sync engine's bookkeeping: cursor, full-sync progress, the fetch queue, storing fetched mail.
@Suite struct StoreSyncTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func refs(_ ids: String...) -> [(id: String, threadID: String)] {
        ids.map { (id: $0, threadID: "t-\($0)") }
    }

    private func queued(_ fixture: StoreFixture, _ mailbox: Mailbox) throws -> [String] {
        try fixture.store.pendingFetches(mailbox: mailbox.id, limit: 1000, now: .distantFuture)
    }

    @Test func theCursorRoundTripsEveryUInt64AndIsPerMailbox() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        #expect(try store.syncCursor(mailbox: fixture.annMailbox.id) == nil)
        for value in [UInt64(1), 4_818_240, UInt64(Int64.max) + 7, UInt64.max] {
            try store.setSyncCursor(mailbox: fixture.annMailbox.id, value)
            #expect(try store.syncCursor(mailbox: fixture.annMailbox.id) == value)
        }
        #expect(try store.syncCursor(mailbox: fixture.alMailbox.id) == nil)
        try store.setSyncCursor(mailbox: fixture.annMailbox.id, nil)
        #expect(try store.syncCursor(mailbox: fixture.annMailbox.id) == nil)
    }

    @Test func aFullSyncFinishesOnlyWhenListedAndFetchedThenSetsTheCursorToH0() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let box = fixture.annMailbox
        try store.setSyncCursor(mailbox: box.id, 100)
        #expect(try store.fullSyncProgress(mailbox: box.id) == nil)
        #expect(try !store.finishFullSync(mailbox: box.id))
        #expect(throws: Refusal.noFullSync(mailboxID: box.id)) {
            try store.recordListingPage(mailbox: box.id, refs: refs("x"), nextPageToken: nil)
        }

        try store.beginFullSync(mailbox: box.id, cursor: 5000, windowStart: t0)
        #expect(try store.fullSyncProgress(mailbox: box.id)
                == FullSyncProgress(cursor: 5000, pageToken: nil, listingDone: false, windowStart: t0))
        // A message stored before the full sync is not fetched again.
        try store.recordIncoming(fixture.message(in: box, id: "m2", from: "x@y.example", to: [], subject: "old"))
        try store.recordListingPage(mailbox: box.id, refs: refs("m1", "m2", "m3"), nextPageToken: "page-2")
        #expect(try store.fullSyncProgress(mailbox: box.id)?.pageToken == "page-2")
        #expect(try queued(fixture, box) == ["m1", "m3"])
        #expect(try !store.finishFullSync(mailbox: box.id), "the listing is not done")

        try store.recordListingPage(mailbox: box.id, refs: refs("m3", "m4"), nextPageToken: nil)
        let progress = try #require(try store.fullSyncProgress(mailbox: box.id))
        #expect(progress.listingDone && progress.pageToken == nil)
        #expect(try queued(fixture, box) == ["m1", "m3", "m4"])
        // A partial fetch pending does not hold the full sync back; full ones do.
        try store.enqueueFetches(mailbox: box.id, refs: refs("p1"), purpose: .partial)
        for id in ["m1", "m3"] {
            try store.storeFetched(fixture.message(in: box, id: id, from: "x@y.example", to: [], subject: id))
            #expect(try !store.finishFullSync(mailbox: box.id))
        }
        #expect(try store.syncCursor(mailbox: box.id) == 100)
        try store.dropFetch(mailbox: box.id, gmailID: "m4") // 404: deleted meanwhile
        #expect(try store.finishFullSync(mailbox: box.id))
        #expect(try store.syncCursor(mailbox: box.id) == 5000)
        #expect(try store.fullSyncProgress(mailbox: box.id) == nil)
        #expect(try store.syncWindowStart(mailbox: box.id) == t0)
        #expect(try queued(fixture, box) == ["p1"])
        #expect(try !store.finishFullSync(mailbox: box.id), "finishing twice does nothing")
    }

    @Test func restartingAFullSyncStartsItsListingAgain() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let box = fixture.annMailbox
        try store.beginFullSync(mailbox: box.id, cursor: 10, windowStart: t0)
        try store.recordListingPage(mailbox: box.id, refs: refs("a"), nextPageToken: nil)
        try store.beginFullSync(mailbox: box.id, cursor: 20, windowStart: t0 + 60)
        #expect(try store.fullSyncProgress(mailbox: box.id)
                == FullSyncProgress(cursor: 20, pageToken: nil, listingDone: false, windowStart: t0 + 60))
        #expect(try queued(fixture, box) == ["a"])
        #expect(try store.fullSyncProgress(mailbox: fixture.alMailbox.id) == nil)
    }

    @Test func theFetchQueueSkipsStoredMailKeepsOrderAndDefers() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let box = fixture.annMailbox
        try store.recordIncoming(fixture.message(in: box, id: "have", from: "x@y.example", to: [], subject: "s"))
        #expect(try store.enqueueFetches(mailbox: box.id, refs: refs("c", "have", "a", "b"), purpose: .partial) == 3)
        #expect(try store.enqueueFetches(mailbox: box.id, refs: refs("a", "d"), purpose: .full) == 1)
        #expect(try store.pendingFetchCount(mailbox: box.id) == 4)
        #expect(try store.pendingFetchCount(mailbox: box.id, purpose: .full) == 1)
        #expect(try store.pendingFetchCount(mailbox: fixture.alMailbox.id) == 0)
        #expect(try store.pendingFetches(mailbox: box.id, limit: 2, now: t0) == ["c", "a"])

        #expect(try store.deferFetch(mailbox: box.id, gmailID: "c", until: t0 + 30) == 1)
        #expect(try store.deferFetch(mailbox: box.id, gmailID: "c", until: t0 + 60) == 2)
        #expect(try store.deferFetch(mailbox: box.id, gmailID: "nope", until: t0 + 60) == 0)
        #expect(try store.pendingFetches(mailbox: box.id, limit: 10, now: t0 + 59) == ["a", "b", "d"])
        #expect(try store.pendingFetches(mailbox: box.id, limit: 10, now: t0 + 60) == ["c", "a", "b", "d"])
        #expect(try store.pendingFetchCount(mailbox: box.id) == 4, "a deferred fetch still counts")
        try store.dropFetch(mailbox: box.id, gmailID: "a")
        #expect(try store.pendingFetches(mailbox: box.id, limit: 10, now: t0 + 60) == ["c", "b", "d"])
        #expect(try store.connection.first("""
            SELECT thread_id, purpose FROM sync_fetch_queue WHERE mailbox_id = ? AND gmail_id = 'd'
            """, box.id)?.values == [.text("t-d"), .text("full")])
    }

    @Test func storeFetchedStoresAndDropsInOneTransaction() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let box = fixture.annMailbox
        try store.enqueueFetches(mailbox: box.id, refs: refs("m1"), purpose: .partial)
        let message = fixture.message(in: box, id: "m1", from: "x@y.example", to: [], subject: "Kiwi")
        // Dropping the fetch fails after the message was stored: neither may stay.
        try store.connection.execute("""
            CREATE TEMP TRIGGER refuse_drop BEFORE DELETE ON sync_fetch_queue BEGIN SELECT RAISE(ABORT, 'injected'); END
            """)
        #expect(throws: StoreError.self) { try store.storeFetched(message) }
        #expect(try store.messageCount(mailbox: box.id) == 0)
        #expect(try store.pendingFetches(mailbox: box.id, limit: 10, now: t0) == ["m1"])
        try store.connection.execute("DROP TRIGGER refuse_drop")
        // Storing fails: the fetch stays queued.
        try store.connection.execute("""
            CREATE TEMP TRIGGER refuse_store BEFORE INSERT ON incoming_emails BEGIN SELECT RAISE(ABORT, 'injected'); END
            """)
        #expect(throws: StoreError.self) { try store.storeFetched(message) }
        #expect(try store.pendingFetches(mailbox: box.id, limit: 10, now: t0) == ["m1"])
        try store.connection.execute("DROP TRIGGER refuse_store")

        let stored = try store.storeFetched(message)
        #expect(stored.isNew)
        #expect(try store.messageCount(mailbox: box.id) == 1)
        #expect(try store.pendingFetchCount(mailbox: box.id) == 0)
        #expect(try store.search("kiwi", in: fixture.ann.scope).map(\.id) == [stored.id])
    }

    @Test func fetchingAStoredMessageAgainTakesItsNewLabels() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        var message = fixture.message(in: fixture.annMailbox, id: "m1", from: "carol@client.example",
                                      to: ["ann@alpha.example"], subject: "Hi")
        let first = try fixture.store.storeFetched(message)
        message.labels = ["TRASH"]
        let again = try fixture.store.storeFetched(message)
        #expect(!again.isNew && again.id == first.id)
        #expect(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
    }

    @Test func referencesAndHistoryIDAreStored() throws {
        let fixture = try StoreFixture()
        let raw = """
            From: Carol <carol@client.example>\r
            To: ann@alpha.example\r
            Subject: Re: Plan\r
            Message-ID: <c3@client.example>\r
            In-Reply-To: <a2@alpha.example>\r
            References: <c1@client.example> <a2@alpha.example>\r
            \r
            Sounds good.\r

            """
        var email = IncomingEmail(message: Message(bytes: Array(raw.utf8)), mailboxID: fixture.annMailbox.id,
                                  gmailID: "g1", threadID: "t1", labels: ["INBOX"], receivedAt: t0,
                                  historyID: UInt64(Int64.max) + 1)
        #expect(email.references == ["c1@client.example", "a2@alpha.example"])
        let onlyInReplyTo = raw.replacingOccurrences(of: "References: <c1@client.example> <a2@alpha.example>\r\n",
                                                     with: "")
        let fallback = IncomingEmail(message: Message(bytes: Array(onlyInReplyTo.utf8)), mailboxID: 1, gmailID: "g",
                                     threadID: nil, labels: [], receivedAt: nil)
        #expect(fallback.references == ["a2@alpha.example"])
        #expect(fallback.historyID == nil)

        let id = try fixture.store.recordIncoming(email).id
        let row = try #require(try fixture.store.connection.first(
            "SELECT references_ids, history_id FROM incoming_emails WHERE id = ?", id))
        #expect(try row.strings("references_ids") == ["c1@client.example", "a2@alpha.example"])
        #expect(UInt64(bitPattern: try row.int64("history_id")) == UInt64(Int64.max) + 1)
        email.gmailID = "g2"
        email.historyID = nil
        let second = try fixture.store.recordIncoming(email).id
        #expect(try fixture.store.connection.first("SELECT history_id FROM incoming_emails WHERE id = ?", second)?
            .values == [.null])
    }

    @Test func knownGmailIDsAreThoseTheMailboxStores() throws {
        let fixture = try StoreFixture()
        for (box, id) in [(fixture.annMailbox, "a1"), (fixture.annMailbox, "a2"), (fixture.alMailbox, "a3")] {
            try fixture.store.recordIncoming(fixture.message(in: box, id: id, from: "x@y.example", to: [], subject: id))
        }
        let known = try fixture.store.knownGmailIDs(mailbox: fixture.annMailbox.id, among: ["a1", "a3", "zz", "a2'"])
        #expect(known == ["a1"])
        #expect(try fixture.store.knownGmailIDs(mailbox: fixture.annMailbox.id, among: []).isEmpty)
        let many = (0..<5000).map { "n\($0)" } + ["a2"]
        #expect(try fixture.store.knownGmailIDs(mailbox: fixture.annMailbox.id, among: many) == ["a2"])
    }

    @Test func removingAMailboxTakesItsSyncStateWithIt() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let box = fixture.alMailbox
        try store.beginFullSync(mailbox: box.id, cursor: 1, windowStart: t0)
        try store.enqueueFetches(mailbox: box.id, refs: refs("q"), purpose: .full)
        #expect(try store.acquireLease(mailbox: box.id, holder: "p1", ttl: 60, now: t0))
        #expect(try store.removeMailbox(id: box.id))
        for table in ["sync_state", "sync_fetch_queue", "sync_backfill", "sync_leases"] {
            #expect(try store.connection.first("SELECT count(*) FROM \(table) WHERE mailbox_id = ?", box.id)?.int(0) == 0)
        }
    }
}

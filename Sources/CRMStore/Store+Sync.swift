import CRMCore
import Foundation

/// Where an interrupted full sync of a mailbox stands.
public struct FullSyncProgress: Sendable, Equatable {
    /// The mailbox's history id taken before listing (H0); the cursor once the full sync finishes.
    public var cursor: UInt64
    /// The next page of the listing; nil before the first page is recorded and once listing is done.
    public var pageToken: String?
    /// Whether every page of the listing has been recorded.
    public var listingDone: Bool
    /// The oldest mail the full sync lists (its `after:` window).
    public var windowStart: Date

    public init(cursor: UInt64, pageToken: String?, listingDone: Bool, windowStart: Date) {
        self.cursor = cursor
        self.pageToken = pageToken
        self.listingDone = listingDone
        self.windowStart = windowStart
    }
}

extension Store {
    /// Why a message waits in the fetch queue; a full sync finishes only when its own fetches are done.
    public enum FetchPurpose: String, Sendable, CaseIterable {
        /// Listed by a full sync.
        case full
        /// Added (or relabelled while unknown) in history during a partial sync.
        case partial
        /// Found by a backfill search for a new contact address.
        case backfill
    }

    // MARK: cursor

    /// The history id partial syncs start from (`mailboxes.history_id`); nil before the first full sync.
    public func syncCursor(mailbox: Int64) throws -> UInt64? {
        try db.first("SELECT history_id FROM mailboxes WHERE id = ?", mailbox)?.optionalString(0).flatMap(UInt64.init)
    }

    /// Saves the history id partial syncs start from. Call it inside the same `connection.write {}` as
    /// the changes it covers, so that a crash never leaves the cursor ahead of the data (nil clears it).
    public func setSyncCursor(mailbox: Int64, _ cursor: UInt64?) throws {
        try db.write {
            try db.execute("UPDATE mailboxes SET history_id = ? WHERE id = ?", cursor.map { String($0) }, mailbox)
        }
    }

    // MARK: full sync

    /// The full sync in progress for a mailbox, to resume; nil when none is.
    public func fullSyncProgress(mailbox: Int64) throws -> FullSyncProgress? {
        try db.first("""
            SELECT full_sync_cursor, page_token, listing_done, window_start FROM sync_state
            WHERE mailbox_id = ? AND full_sync_cursor IS NOT NULL
            """, mailbox).map {
            try FullSyncProgress(cursor: UInt64(bitPattern: $0.int64("full_sync_cursor")),
                                 pageToken: $0.optionalString("page_token"), listingDone: $0.bool("listing_done"),
                                 windowStart: $0.date("window_start"))
        }
    }

    /// Starts (or restarts, from the first page) a full sync: `cursor` is the profile's history id,
    /// taken before listing. Fetches already queued stay queued.
    public func beginFullSync(mailbox: Int64, cursor: UInt64, windowStart: Date) throws {
        try db.write {
            try db.execute("""
                INSERT INTO sync_state (mailbox_id, full_sync_cursor, page_token, listing_done, window_start)
                VALUES (?1, ?2, NULL, 0, ?3)
                ON CONFLICT (mailbox_id) DO UPDATE SET full_sync_cursor = ?2, page_token = NULL, listing_done = 0,
                    window_start = ?3
                """, mailbox, Int64(bitPattern: cursor), windowStart)
        }
    }

    /// Records one page of the full sync's listing in one transaction: queues the messages not stored
    /// yet (purpose `full`) and saves the next page token; a nil token marks the listing done.
    public func recordListingPage(mailbox: Int64, refs: [(id: String, threadID: String)],
                                  nextPageToken: String?) throws {
        try db.write {
            guard try fullSyncProgress(mailbox: mailbox) != nil else {
                throw Refusal.noFullSync(mailboxID: mailbox)
            }
            try enqueueFetches(mailbox: mailbox, refs: refs, purpose: .full)
            try db.execute("UPDATE sync_state SET page_token = ?, listing_done = ? WHERE mailbox_id = ?",
                           nextPageToken, nextPageToken == nil, mailbox)
        }
    }

    /// Ends a full sync whose listing is done and whose `full` fetches have all been stored or dropped:
    /// the cursor becomes the history id taken at its start, and the progress is cleared (the window
    /// start is kept). Returns whether it finished; false while there is still work, or no full sync.
    @discardableResult
    public func finishFullSync(mailbox: Int64) throws -> Bool {
        try db.write {
            guard let progress = try fullSyncProgress(mailbox: mailbox), progress.listingDone,
                  try pendingFetchCount(mailbox: mailbox, purpose: .full) == 0 else { return false }
            try setSyncCursor(mailbox: mailbox, progress.cursor)
            try db.execute("""
                UPDATE sync_state SET full_sync_cursor = NULL, page_token = NULL, listing_done = 0 WHERE mailbox_id = ?
                """, mailbox)
            return true
        }
    }

    /// The oldest date the last (or current) full sync of a mailbox covers; older mail comes only
    /// through backfills. nil when no full sync has begun.
    public func syncWindowStart(mailbox: Int64) throws -> Date? {
        try db.first("SELECT window_start FROM sync_state WHERE mailbox_id = ?", mailbox)?.optionalDate(0)
    }

    // MARK: fetch queue

    /// Queues messages to fetch, skipping those the mailbox already stores and those already queued
    /// (which keep their purpose and place). For a backfill, a message already stored is put on the
    /// timelines of the contacts it involves now (the new contact's among them) instead of being fetched.
    /// Returns how many were queued.
    @discardableResult
    public func enqueueFetches(mailbox: Int64, refs: [(id: String, threadID: String)], purpose: FetchPurpose) throws
        -> Int {
        try db.write {
            var queued = 0
            for ref in refs {
                if let stored = try db.first("SELECT id FROM incoming_emails WHERE mailbox_id = ? AND gmail_id = ?",
                                             mailbox, ref.id) {
                    if purpose == .backfill { try relinkStoredIncoming(id: stored.int64(0)) }
                    continue
                }
                try db.execute("""
                    INSERT OR IGNORE INTO sync_fetch_queue (mailbox_id, gmail_id, thread_id, purpose, attempts,
                        not_before, seq)
                    VALUES (?1, ?2, ?3, ?4, 0, 0,
                        (SELECT coalesce(max(seq), 0) + 1 FROM sync_fetch_queue WHERE mailbox_id = ?1))
                    """, mailbox, ref.id, ref.threadID.isEmpty ? nil : ref.threadID, purpose.rawValue)
                queued += db.changes
            }
            return queued
        }
    }

    /// Up to `limit` queued Gmail ids that may be fetched at `now`, in the order they were queued.
    public func pendingFetches(mailbox: Int64, limit: Int, now: Date) throws -> [String] {
        try db.query("""
            SELECT gmail_id FROM sync_fetch_queue WHERE mailbox_id = ? AND not_before <= ? ORDER BY seq LIMIT ?
            """, mailbox, now, limit).map { try $0.string(0) }
    }

    /// How many messages wait in the queue (deferred ones included), optionally for one purpose.
    public func pendingFetchCount(mailbox: Int64, purpose: FetchPurpose? = nil) throws -> Int {
        try db.first("SELECT count(*) FROM sync_fetch_queue WHERE mailbox_id = ?1 AND (?2 IS NULL OR purpose = ?2)",
                     mailbox, purpose?.rawValue)?.int(0) ?? 0
    }

    /// Puts a queued fetch off until `until` (after a 404 for a message history just announced, or a
    /// failed part of a batch) and counts the attempt. Returns the attempts so far (0: it was not queued).
    @discardableResult
    public func deferFetch(mailbox: Int64, gmailID: String, until: Date) throws -> Int {
        try db.write {
            try db.execute("""
                UPDATE sync_fetch_queue SET attempts = attempts + 1, not_before = ? WHERE mailbox_id = ? AND gmail_id = ?
                """, until, mailbox, gmailID)
            return try db.first("SELECT attempts FROM sync_fetch_queue WHERE mailbox_id = ? AND gmail_id = ?",
                                mailbox, gmailID)?.int(0) ?? 0
        }
    }

    /// When the earliest deferred fetch comes due (nil when the queue is empty).
    public func nextFetchTime(mailbox: Int64) throws -> Date? {
        try db.first("SELECT min(not_before) FROM sync_fetch_queue WHERE mailbox_id = ?", mailbox)?.optionalDate(0)
    }

    /// Takes a message out of the fetch queue (fetched, deleted meanwhile, or given up on).
    public func dropFetch(mailbox: Int64, gmailID: String) throws {
        try db.write {
            try db.execute("DELETE FROM sync_fetch_queue WHERE mailbox_id = ? AND gmail_id = ?", mailbox, gmailID)
        }
    }

    // MARK: backfill

    /// Up to `limit` contact addresses whose older mail this mailbox has not been searched for yet.
    public func pendingBackfillAddresses(mailbox: Int64, limit: Int) throws -> [String] {
        try db.query("SELECT address FROM sync_backfill WHERE mailbox_id = ? ORDER BY address LIMIT ?", mailbox, limit)
            .map { try $0.string(0) }
    }

    /// Marks addresses as backfilled for this mailbox (once their messages are queued, in the same
    /// transaction, so that a crash repeats the search rather than losing it).
    public func finishBackfill(mailbox: Int64, addresses: [String]) throws {
        try db.write {
            try db.execute("""
                DELETE FROM sync_backfill WHERE mailbox_id = ? AND address IN (SELECT value FROM json_each(?))
                """, mailbox, JSONStringList.encode(addresses))
        }
    }
}

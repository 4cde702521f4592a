import Foundation

/// Leases keep two processes (two `rapport sync` runs of one user, or a daemon and the TUI) from
/// syncing one mailbox at once. A lease is held by a name until it expires; the holder renews it.
extension Store {
    /// Takes or renews the lease on a mailbox for `holder` until `now + ttl`, atomically: it succeeds
    /// when nobody holds it, when the last holder's lease has expired, or when `holder` holds it already.
    /// Returns false, changing nothing, while someone else's lease runs.
    public func acquireLease(mailbox: Int64, holder: String, ttl: TimeInterval, now: Date) throws -> Bool {
        try db.write {
            try db.execute("""
                INSERT INTO sync_leases (mailbox_id, holder, expires_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (mailbox_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE sync_leases.holder = excluded.holder OR sync_leases.expires_at <= ?4
                """, mailbox, holder, now.addingTimeInterval(ttl), now)
            return db.changes > 0
        }
    }

    /// Gives the lease up, when `holder` still holds it (an expired lease taken over by another is theirs).
    public func releaseLease(mailbox: Int64, holder: String) throws {
        try db.write {
            try db.execute("DELETE FROM sync_leases WHERE mailbox_id = ? AND holder = ?", mailbox, holder)
        }
    }

    /// Takes a lease over from `previous` (a holder known to be gone, such as a killed process on this
    /// machine), atomically: only while `previous` still holds it.
    public func takeOverLease(mailbox: Int64, from previous: String, holder: String, ttl: TimeInterval, now: Date) throws
        -> Bool {
        try db.write {
            try db.execute("UPDATE sync_leases SET holder = ?, expires_at = ? WHERE mailbox_id = ? AND holder = ?",
                           holder, now.addingTimeInterval(ttl), mailbox, previous)
            return db.changes > 0
        }
    }

    /// Who holds the lease on a mailbox and until when; nil when nobody does (an expired lease still shows).
    public func leaseHolder(mailbox: Int64) throws -> (holder: String, expiresAt: Date)? {
        try db.first("SELECT holder, expires_at FROM sync_leases WHERE mailbox_id = ?", mailbox)
            .map { try ($0.string("holder"), $0.date("expires_at")) }
    }

    /// The mailboxes a running sync holds now: leases that have not expired, less those of a process
    /// of this machine that no longer exists (killed before it could let go).
    public func liveLeases() throws -> Set<Int64> {
        try Set(liveLeaseRows().map(\.mailbox))
    }

    /// Who holds the leases of `liveLeases`, for saying who is syncing.
    public func liveLeaseHolders() throws -> [String] {
        try liveLeaseRows().map(\.holder)
    }

    private func liveLeaseRows() throws -> [(mailbox: Int64, holder: String)] {
        try db.query("SELECT mailbox_id, holder FROM sync_leases WHERE expires_at > ?", now()).compactMap { row in
            let holder = try row.string("holder")
            return LeaseHolder.isDeadLocalProcess(holder) ? nil : (try row.int64("mailbox_id"), holder)
        }
    }
}

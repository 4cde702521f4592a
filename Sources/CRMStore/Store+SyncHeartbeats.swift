import Foundation

/// Heartbeats of `rapport sync` daemons: each beats for the mailboxes it serves on a timer of its
/// own (also while a long cycle runs), so `service status`, `doctor` and the app can tell a daemon
/// that is alive from one that died, without waiting for its next cycle.
extension Store {
    /// Records that `holder` serves `mailboxes` and will beat again before `now + ttl`.
    public func beat(mailboxes: [Int64], holder: String, ttl: TimeInterval, now: Date) throws {
        try db.write {
            for mailbox in mailboxes {
                try db.execute("""
                    INSERT INTO sync_heartbeats (mailbox_id, holder, beat_at, expires_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (mailbox_id, holder) DO UPDATE SET beat_at = excluded.beat_at,
                        expires_at = excluded.expires_at
                    """, mailbox, holder, now, now.addingTimeInterval(ttl))
            }
            // Beats of daemons long gone (killed on another machine) are cleared as others beat.
            try db.execute("DELETE FROM sync_heartbeats WHERE expires_at < ?", now.addingTimeInterval(-86_400))
        }
    }

    /// Removes `holder`'s heartbeats (a daemon that stops says so at once).
    public func endHeartbeat(holder: String) throws {
        try db.write { try db.execute("DELETE FROM sync_heartbeats WHERE holder = ?", holder) }
    }

    /// The daemon alive for each mailbox that has one: a heartbeat not yet expired, of a process that
    /// still runs (a killed process of this machine is known at once).
    public func liveDaemons() throws -> [Int64: (holder: String, beatAt: Date)] {
        var daemons: [Int64: (holder: String, beatAt: Date)] = [:]
        for row in try db.query("""
            SELECT mailbox_id, holder, beat_at FROM sync_heartbeats WHERE expires_at > ? ORDER BY beat_at
            """, now()) {
            let holder = try row.string("holder")
            guard !LeaseHolder.isDeadLocalProcess(holder) else { continue }
            daemons[try row.int64("mailbox_id")] = (holder, try row.date("beat_at"))
        }
        return daemons
    }

    /// How many emails `author` has queued (scheduled, or due) in each of their mailboxes that no
    /// daemon serves now: mail that goes out only while someone runs Rapport.
    public func queuedWithoutDaemon(author: Int64) throws -> [Int64: Int] {
        let daemons = try liveDaemons()
        var counts: [Int64: Int] = [:]
        for row in try db.query("""
            SELECT mailbox_id, count(*) AS queued FROM outgoing_emails WHERE author_id = ? AND status = 'queued'
            GROUP BY mailbox_id
            """, author) where daemons[try row.int64("mailbox_id")] == nil {
            counts[try row.int64("mailbox_id")] = try row.int("queued")
        }
        return counts
    }
}

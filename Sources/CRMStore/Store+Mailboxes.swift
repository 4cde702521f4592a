import CRMCore
import Foundation
import Hardening

extension Store {
    /// Records a mailbox for `user`. It stays `needs_login` until Gmail credentials are stored.
    @discardableResult
    public func addMailbox(email: EmailAddress, for user: User) throws -> Mailbox {
        try db.write {
            if let owner = try db.first("SELECT user_id FROM mailboxes WHERE email = ?", email.value)?.int64(0) {
                throw Refusal.mailboxTaken(email, byYou: owner == user.id)
            }
            try db.execute("""
                INSERT INTO mailboxes (user_id, email, state, created_at) VALUES (?, ?, 'needs_login', ?)
                """, user.id, email.value, timestamp)
            return Mailbox(id: db.lastInsertRowID, userID: user.id, teamID: user.teamID, email: email,
                           state: .needsLogin, lastSyncAt: nil, lastError: nil)
        }
    }

    /// The mailboxes visible in `scope`, optionally only `owner`'s, in their `shown` state.
    public func mailboxes(in scope: Scope, owner: Int64? = nil) throws -> [Mailbox] {
        try shown(db.query("""
            SELECT m.id, m.user_id, u.team_id, m.email, m.state, m.last_sync_at, m.last_error
            FROM mailboxes m JOIN users u ON u.id = m.user_id
            WHERE (?1 IS NULL OR u.team_id = ?1) AND (?2 IS NULL OR m.user_id = ?2)
            ORDER BY m.email
            """, scope.teamID, owner).map(Self.mailbox))
    }

    /// The mailbox with this address, when visible in `scope`, in its `shown` state.
    public func mailbox(email: EmailAddress, in scope: Scope) throws -> Mailbox? {
        let found = try db.first("""
            SELECT m.id, m.user_id, u.team_id, m.email, m.state, m.last_sync_at, m.last_error
            FROM mailboxes m JOIN users u ON u.id = m.user_id
            WHERE m.email = ?1 AND (?2 IS NULL OR u.team_id = ?2)
            """, email.value, scope.teamID).map(Self.mailbox)
        return try found.map { try shown([$0])[0] }
    }

    /// Mailboxes as people should see them: `syncing` only while a running sync holds the mailbox's
    /// lease. A sync killed before it could say otherwise (kill -9, a crash) leaves `syncing` in the
    /// row; with no live lease that shows as `idle`, and the next sync picks up where it stopped.
    private func shown(_ mailboxes: [Mailbox]) throws -> [Mailbox] {
        guard mailboxes.contains(where: { $0.state == .syncing }) else { return mailboxes }
        let live = try liveLeases()
        return mailboxes.map { mailbox in
            var mailbox = mailbox
            if mailbox.state == .syncing && !live.contains(mailbox.id) { mailbox.state = .idle }
            return mailbox
        }
    }

    /// How many messages each mailbox holds.
    public func messageCount(mailbox id: Int64) throws -> Int {
        try db.first("SELECT count(*) FROM incoming_emails WHERE mailbox_id = ?", id)?.int(0) ?? 0
    }

    static func mailbox(_ row: Row) throws -> Mailbox {
        try Mailbox(id: row.int64("id"), userID: row.int64("user_id"), teamID: row.int64("team_id"),
                    email: EmailAddress(row.string("email")) ?? EmailAddress("invalid@invalid.invalid")!,
                    state: Mailbox.State(rawValue: row.string("state")) ?? .error,
                    lastSyncAt: row.optionalDate("last_sync_at"), lastError: row.optionalString("last_error"))
    }
}

extension Store {
    /// Records where a mailbox stands with Gmail. The error text goes through `Redaction` first:
    /// teammates can read it, and a server may have echoed a token into it.
    public func updateMailbox(id: Int64, state: Mailbox.State, lastError: String?, syncedAt: Date? = nil) throws {
        try db.write {
            try db.execute("""
                UPDATE mailboxes SET state = ?, last_error = ?, last_sync_at = coalesce(?, last_sync_at)
                WHERE id = ?
                """, state.rawValue, lastError.map { Redaction.redact($0) }, syncedAt, id)
        }
    }

    /// Forgets a mailbox that holds no mail yet; one with mail stays (its mail is on timelines) and
    /// is marked disconnected. Returns whether the row was deleted.
    @discardableResult
    public func removeMailbox(id: Int64) throws -> Bool {
        try db.write {
            let used = try db.first("""
                SELECT (SELECT count(*) FROM incoming_emails WHERE mailbox_id = ?1)
                     + (SELECT count(*) FROM outgoing_emails WHERE mailbox_id = ?1)
                """, id)?.int(0) ?? 0
            if used == 0 {
                try db.execute("DELETE FROM mailboxes WHERE id = ?", id)
                return true
            }
            try db.execute("""
                UPDATE mailboxes SET state = 'needs_login',
                    last_error = 'disconnected; run rapport account add to connect it again' WHERE id = ?
                """, id)
            return false
        }
    }
}

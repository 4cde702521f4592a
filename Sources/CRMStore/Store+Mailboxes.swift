import CRMCore
import Foundation

extension Store {
    /// Records a mailbox for `user`. It stays `needs_login` until Gmail credentials are stored.
    @discardableResult
    public func addMailbox(email: EmailAddress, for user: User, apiBase: String? = nil) throws -> Mailbox {
        try db.write {
            if let owner = try db.first("SELECT user_id FROM mailboxes WHERE email = ?", email.value)?.int64(0) {
                throw Refusal.mailboxTaken(email, byYou: owner == user.id)
            }
            try db.execute("""
                INSERT INTO mailboxes (user_id, email, api_base, state, created_at) VALUES (?, ?, ?, 'needs_login', ?)
                """, user.id, email.value, apiBase, timestamp)
            return Mailbox(id: db.lastInsertRowID, userID: user.id, teamID: user.teamID, email: email,
                           state: .needsLogin, lastSyncAt: nil, lastError: nil)
        }
    }

    /// The mailboxes visible in `scope`, optionally only `owner`'s.
    public func mailboxes(in scope: Scope, owner: Int64? = nil) throws -> [Mailbox] {
        try db.query("""
            SELECT m.id, m.user_id, u.team_id, m.email, m.state, m.last_sync_at, m.last_error
            FROM mailboxes m JOIN users u ON u.id = m.user_id
            WHERE (?1 IS NULL OR u.team_id = ?1) AND (?2 IS NULL OR m.user_id = ?2)
            ORDER BY m.email
            """, scope.teamID, owner).map(Self.mailbox)
    }

    /// The mailbox with this address, when visible in `scope`.
    public func mailbox(email: EmailAddress, in scope: Scope) throws -> Mailbox? {
        try db.first("""
            SELECT m.id, m.user_id, u.team_id, m.email, m.state, m.last_sync_at, m.last_error
            FROM mailboxes m JOIN users u ON u.id = m.user_id
            WHERE m.email = ?1 AND (?2 IS NULL OR u.team_id = ?2)
            """, email.value, scope.teamID).map(Self.mailbox)
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
    /// Records where a mailbox stands with Gmail (and, when given, the API it talks to).
    public func updateMailbox(id: Int64, state: Mailbox.State, lastError: String?, apiBase: String? = nil,
                              syncedAt: Date? = nil) throws {
        try db.write {
            try db.execute("""
                UPDATE mailboxes SET state = ?, last_error = ?, api_base = coalesce(?, api_base),
                    last_sync_at = coalesce(?, last_sync_at)
                WHERE id = ?
                """, state.rawValue, lastError, apiBase, syncedAt, id)
        }
    }

    /// The API base recorded for a mailbox (nil: Google's own).
    public func apiBase(mailbox id: Int64) throws -> String? {
        try db.first("SELECT api_base FROM mailboxes WHERE id = ?", id)?.optionalString(0)
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

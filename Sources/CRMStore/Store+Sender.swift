import CRMCore
import Foundation

/// What the outbox sender asks of the store besides the state machine (`apply(_:to:by:_:)`).
extension Store {
    /// Queued mail of a mailbox that may be sent at `now`, oldest queued first: its `send_at` has come,
    /// its retry time (`next_attempt_at`) has come, and its `undoWindow` has closed. Claim one with
    /// `apply(.claim, …)` inside the same `connection.write {}` as this call, so that a person's
    /// cancel-and-queue in between cannot slip past the undo window. A row whose author is no user
    /// (written outside Rapport) is not mail anyone can send, and is left out.
    public func dueOutgoing(mailbox: Int64, now: Date, undoWindow: UndoWindow, limit: Int = 100) throws -> [Int64] {
        try db.query("""
            SELECT id FROM outgoing_emails
            WHERE mailbox_id = ?1 AND status = 'queued' AND author_id IN (SELECT id FROM users)
              AND (send_at IS NULL OR send_at <= ?2)
              AND (next_attempt_at IS NULL OR next_attempt_at <= ?2)
              AND (queued_at IS NULL OR queued_at <= ?3)
            ORDER BY coalesce(queued_at, created_at), id LIMIT ?4
            """, mailbox, now, undoWindow.latestQueueTimeDue(at: now), limit).map { try $0.int64(0) }
    }

    /// Mail of a mailbox left `sending` (by a crash, or by another process right now): check Gmail's
    /// Sent mail for its Message-ID before anything is sent again.
    public func sendingOutgoing(mailbox: Int64) throws -> [Int64] {
        try db.query("SELECT id FROM outgoing_emails WHERE mailbox_id = ? AND status = 'sending' ORDER BY id", mailbox)
            .map { try $0.int64(0) }
    }

    /// How many recipients (To, Cc and Bcc) the mailbox's mail that reached `sent` at or after `since`
    /// had, from the status history: what Gmail's daily sending limits count.
    public func recipientsSent(mailbox: Int64, since: Date) throws -> Int {
        try db.first("""
            SELECT coalesce(sum(json_array_length(o.to_addrs) + json_array_length(o.cc_addrs)
                                + json_array_length(o.bcc_addrs)), 0)
            FROM outgoing_email_status_history h JOIN outgoing_emails o ON o.id = h.outgoing_email_id
            WHERE h.to_status = 'sent' AND h.at >= ?2 AND o.mailbox_id = ?1
            """, mailbox, since)?.int(0) ?? 0
    }
}

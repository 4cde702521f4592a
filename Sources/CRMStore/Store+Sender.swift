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

    /// What a reply needs to join its thread: the parent's Message-ID (for In-Reply-To), the parent's
    /// own References (the reply's References are these plus the parent's Message-ID), and Gmail's
    /// thread id in the sending mailbox (thread ids are per mailbox, so nil when that mailbox holds no
    /// copy of the parent). nil when the email is not a reply, or its parent is gone.
    public func replyContext(outgoing id: Int64) throws -> (messageID: String?, references: [String], threadID: String?)? {
        try replyContext(outgoing: id, depth: 0)
    }

    private func replyContext(outgoing id: Int64, depth: Int) throws
        -> (messageID: String?, references: [String], threadID: String?)? {
        guard depth < 50,
              let email = try db.first("SELECT team_id, mailbox_id, reply_to_activity_id FROM outgoing_emails WHERE id = ?",
                                       id),
              let activityID = try email.optionalInt64("reply_to_activity_id"),
              let parent = try db.first("SELECT source_type, source_id FROM activities WHERE id = ? AND team_id = ?",
                                        activityID, email.int64("team_id")),
              let sourceID = try parent.optionalInt64("source_id") else { return nil }
        let team = try email.int64("team_id")
        let mailbox = try email.int64("mailbox_id")
        let sourceType = try parent.string("source_type")
        var messageID: String?
        var sentThread: String?
        switch sourceType {
        case "incoming_email":
            guard let row = try db.first("SELECT message_id FROM incoming_emails WHERE id = ?", sourceID) else {
                return nil
            }
            messageID = row.optionalString(0)
        case "outgoing_email":
            guard let row = try db.first("SELECT message_id, mailbox_id, thread_id FROM outgoing_emails WHERE id = ?",
                                         sourceID) else { return nil }
            messageID = row.optionalString("message_id")
            if try row.int64("mailbox_id") == mailbox { sentThread = row.optionalString("thread_id") }
        default:
            return nil
        }
        // The stored copy of the parent: the source itself, or one with its Message-ID; the sending
        // mailbox's own copy first (its thread id is the one that counts).
        let copy = try db.first("""
            SELECT mailbox_id, thread_id, references_ids FROM incoming_emails
            WHERE team_id = ?1 AND (?2 IS NOT NULL AND message_id = ?2 OR ?3 = 'incoming_email' AND id = ?4)
            ORDER BY mailbox_id = ?5 DESC, id = ?4 DESC, id LIMIT 1
            """, team, messageID, sourceType, sourceID, mailbox)
        let threadID = try copy.flatMap { try $0.int64("mailbox_id") == mailbox ? $0.optionalString("thread_id") : nil }
            ?? sentThread
        if let copy {
            return (messageID, try copy.strings("references_ids"), threadID)
        }
        // Our own mail not synced back yet: its References are those of what it answered, plus that.
        let grandparent = try replyContext(outgoing: sourceID, depth: depth + 1)
        let references = grandparent.map { $0.references + ($0.messageID.map { [$0] } ?? []) } ?? []
        return (messageID, references, threadID)
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

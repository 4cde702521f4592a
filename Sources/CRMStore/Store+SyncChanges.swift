import CRMCore
import Foundation

/// Applying what Gmail reports: fetched messages, label changes and permanent deletions. The partial
/// sync calls these inside one `connection.write {}` together with `setSyncCursor`.
extension Store {
    /// Stores a fetched message and takes it out of the fetch queue, in one transaction: a killed
    /// process never leaves a message stored but still queued, nor dropped but not stored. A message
    /// stored already takes the fetched labels (they are newer).
    @discardableResult
    public func storeFetched(_ email: IncomingEmail) throws -> (id: Int64, isNew: Bool) {
        try db.write {
            let stored = try recordIncoming(email)
            if !stored.isNew { try applyLabels(mailbox: email.mailboxID, gmailID: email.gmailID, labels: email.labels) }
            try dropFetch(mailbox: email.mailboxID, gmailID: email.gmailID)
            return stored
        }
    }

    /// Which of `ids` the mailbox stores (history records about the others mean "fetch it").
    public func knownGmailIDs(mailbox: Int64, among ids: [String]) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return Set(try db.query("""
            SELECT gmail_id FROM incoming_emails WHERE mailbox_id = ? AND gmail_id IN (SELECT value FROM json_each(?))
            """, mailbox, JSONStringList.encode(ids)).map { try $0.string(0) })
    }

    /// Replaces a stored message's labels with Gmail's current ones, with any change made here that
    /// Gmail has not confirmed yet applied on top (what the person did last counts until Gmail has
    /// it). Returns false when the mailbox does not store the message.
    @discardableResult
    public func applyLabels(mailbox: Int64, gmailID: String, labels: [String]) throws -> Bool {
        try db.write {
            guard let id = try db.first("SELECT id FROM incoming_emails WHERE mailbox_id = ? AND gmail_id = ?",
                                        mailbox, gmailID)?.int64(0) else { return false }
            let waiting = try pendingLabelChange(mailbox: mailbox, gmailID: gmailID)
            try replaceLabels(ofIncoming: id, with: waiting?.applied(to: labels) ?? labels)
            return true
        }
    }

    /// Sets a stored message's labels. Its timeline entries leave the timeline (`off_timeline`) when
    /// every copy the team holds is in Trash or Spam (mail sent through Rapport stays), and come back
    /// when a copy leaves; a message leaving the bin is also matched against the contacts the team
    /// has now. `hidden`, which a person set, is never touched.
    func replaceLabels(ofIncoming id: Int64, with labels: [String]) throws {
        guard let row = try db.first("SELECT team_id, message_id, labels FROM incoming_emails WHERE id = ?", id) else {
            return
        }
        let before = Self.isOnTimeline(labels: try row.strings("labels"))
        try db.execute("UPDATE incoming_emails SET labels = ? WHERE id = ?", JSONStringList.encode(labels), id)
        if Self.isOnTimeline(labels: labels) && !before { try relinkStoredIncoming(id: id) }
        try refreshTimelinePresence(team: row.int64("team_id"), messageID: row.optionalString("message_id"),
                                    incoming: id)
    }

    /// Forgets a message Gmail deleted for good: the row, its search entry, any queued fetch or label
    /// change, and its timeline entries. When another mailbox of the team (a teammate's) holds a copy with the same
    /// Message-ID, the entries move to that copy instead of going. Returns false when it was not stored.
    @discardableResult
    public func deleteIncoming(mailbox: Int64, gmailID: String) throws -> Bool {
        try db.write {
            try dropFetch(mailbox: mailbox, gmailID: gmailID)
            try db.execute("DELETE FROM label_changes WHERE mailbox_id = ? AND gmail_id = ?", mailbox, gmailID)
            guard let row = try db.first("""
                SELECT id, team_id, message_id FROM incoming_emails WHERE mailbox_id = ? AND gmail_id = ?
                """, mailbox, gmailID) else { return false }
            let id = try row.int64("id")
            let team = try row.int64("team_id")
            let messageID = row.optionalString("message_id")
            // Prefer a copy outside Trash and Spam, then the oldest.
            let copy = try messageID.flatMap { messageID in
                try db.first("""
                    SELECT i.id FROM incoming_emails i WHERE i.team_id = ? AND i.message_id = ? AND i.id != ?
                    ORDER BY EXISTS (SELECT 1 FROM json_each(i.labels) WHERE value IN ('TRASH', 'SPAM')), i.id
                    LIMIT 1
                    """, team, messageID, id)?.int64(0)
            }
            if let copy {
                try db.execute("""
                    UPDATE activities SET source_id = ? WHERE source_type = 'incoming_email' AND source_id = ?
                    """, copy, id)
            } else {
                try db.execute("DELETE FROM activities WHERE source_type = 'incoming_email' AND source_id = ?", id)
            }
            try db.execute("DELETE FROM incoming_emails WHERE id = ?", id)
            if let copy { try refreshTimelinePresence(team: team, messageID: messageID, incoming: copy) }
            return true
        }
    }

    // MARK: internals

    /// Sets `off_timeline` on the mail-sourced entries of one message (every copy the team holds with
    /// that Message-ID, or just the copy `incoming` when it has none): off when no copy is outside Trash
    /// and Spam and the team did not send it through Rapport.
    func refreshTimelinePresence(team: Int64, messageID: String?, incoming: Int64) throws {
        try db.execute("""
            UPDATE activities SET off_timeline = CASE
                WHEN EXISTS (SELECT 1 FROM outgoing_emails o
                             WHERE o.message_id = activities.message_key AND o.team_id = activities.team_id
                               AND o.status = 'sent') THEN 0
                WHEN EXISTS (SELECT 1 FROM incoming_emails i
                             WHERE i.team_id = activities.team_id
                               AND (i.id = activities.source_id OR i.message_id = activities.message_key)
                               AND NOT EXISTS (SELECT 1 FROM json_each(i.labels) WHERE value IN ('TRASH', 'SPAM')))
                    THEN 0
                ELSE 1 END
            WHERE source_type = 'incoming_email' AND source_id IN (
                SELECT id FROM incoming_emails WHERE team_id = ?1 AND message_id = ?2 UNION SELECT ?3)
            """, team, messageID, incoming)
    }

    /// Puts a stored message on the timelines of the contacts it involves now (see `putOnTimelines`).
    func relinkStoredIncoming(id: Int64) throws {
        guard let row = try db.first("""
            SELECT mailbox_id, gmail_id, thread_id, message_id, from_name, from_address, to_addrs, cc_addrs, subject,
                   snippet, body_text, internal_date, labels, direction
            FROM incoming_emails WHERE id = ?
            """, id), let owner = try mailboxOwner(row.int64("mailbox_id")) else { return }
        let email = try IncomingEmail(
            mailboxID: row.int64("mailbox_id"), gmailID: row.string("gmail_id"),
            threadID: row.optionalString("thread_id"), messageID: row.optionalString("message_id"),
            fromName: row.optionalString("from_name"),
            fromAddress: row.optionalString("from_address").flatMap(EmailAddress.init),
            to: row.addresses("to_addrs"), cc: row.addresses("cc_addrs"), subject: row.string("subject"),
            snippet: row.string("snippet"), bodyText: row.optionalString("body_text"),
            internalDate: row.date("internal_date"), labels: row.strings("labels"))
        try putOnTimelines(incoming: id, email, owner: owner,
                           direction: Direction(rawValue: row.string("direction")) ?? .incoming)
    }

    static func isOnTimeline(labels: [String]) -> Bool {
        !labels.contains("TRASH") && !labels.contains("SPAM")
    }
}

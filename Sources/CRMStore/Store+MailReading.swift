import CRMCore
import Foundation

extension Store {
    /// A mailbox's newest mail outside Trash and Spam, newest first, each with the team contact it
    /// concerns (the sender of received mail, the first recipient of sent mail).
    public func recentMail(mailbox: Int64, in scope: Scope, limit: Int = 200) throws -> [MailSummary] {
        try db.query("""
            SELECT i.id, i.mailbox_id, i.direction,
                   CASE i.direction WHEN 'in' THEN coalesce(nullif(i.from_name, ''), i.from_address, '')
                        ELSE coalesce(json_extract(i.to_addrs, '$[0]'), '') END AS counterpart,
                   c.id AS contact_id, c.name AS contact_name, i.subject, i.internal_date, i.labels
            FROM incoming_emails i
            LEFT JOIN contact_emails e ON e.team_id = i.team_id
                 AND e.address = CASE i.direction WHEN 'in' THEN i.from_address ELSE json_extract(i.to_addrs, '$[0]') END
            LEFT JOIN contacts c ON c.id = e.contact_id
            WHERE i.mailbox_id = ?1 AND (?2 IS NULL OR i.team_id = ?2)
              AND NOT EXISTS (SELECT 1 FROM json_each(i.labels) WHERE value IN ('TRASH', 'SPAM'))
            ORDER BY i.internal_date DESC, i.id DESC LIMIT ?3
            """, mailbox, scope.teamID, limit).map { row in
            try MailSummary(id: row.int64("id"), mailboxID: row.int64("mailbox_id"),
                            direction: Direction(rawValue: row.string("direction")) ?? .incoming,
                            counterpart: row.string("counterpart"), contactID: row.optionalInt64("contact_id"),
                            contactName: row.optionalString("contact_name"), subject: row.string("subject"),
                            date: row.date("internal_date"), labels: row.strings("labels"))
        }
    }

    /// One stored email in full, when visible in `scope`; its labels by name (see `conversations`).
    public func mailMessage(id: Int64, in scope: Scope) throws -> MailMessage? {
        try db.first("""
            SELECT \(Self.messageColumns) FROM incoming_emails i JOIN mailboxes m ON m.id = i.mailbox_id
            WHERE i.id = ?1 AND (?2 IS NULL OR i.team_id = ?2)
            """, id, scope.teamID).map(Self.mailMessage)
    }

    /// Every message of the conversation the stored email `id` belongs to, oldest first, when it is
    /// visible in `scope`; empty when it is not.
    public func conversationMessages(of id: Int64, in scope: Scope) throws -> [MailMessage] {
        try db.query("""
            SELECT \(Self.messageColumns)
            FROM incoming_emails o JOIN incoming_emails i ON i.mailbox_id = o.mailbox_id
                 AND \(Migrations.threadKey("i")) = \(Migrations.threadKey("o"))
            JOIN mailboxes m ON m.id = i.mailbox_id
            WHERE o.id = ?1 AND (?2 IS NULL OR o.team_id = ?2)
            ORDER BY i.internal_date, i.id
            """, id, scope.teamID).map(Self.mailMessage)
    }

    private static let messageColumns = """
        i.id, m.email AS mailbox, i.direction, i.from_name, i.from_address, i.to_addrs, i.cc_addrs, i.subject,
        i.internal_date, i.body_text, \(Migrations.threadKey("i")) AS thread_key, i.message_id, i.references_ids,
        (SELECT json_group_array(coalesce(n.name, l.value)) FROM json_each(i.labels) l
         LEFT JOIN mailbox_labels n ON n.mailbox_id = i.mailbox_id AND n.label_id = l.value) AS label_names
        """

    private static func mailMessage(_ row: Row) throws -> MailMessage {
        try MailMessage(id: row.int64("id"),
                        mailbox: EmailAddress(row.string("mailbox")) ?? EmailAddress("unknown@invalid")!,
                        direction: Direction(rawValue: row.string("direction")) ?? .incoming,
                        fromName: row.optionalString("from_name"),
                        fromAddress: row.optionalString("from_address").flatMap(EmailAddress.init),
                        to: row.addresses("to_addrs"), cc: row.addresses("cc_addrs"), subject: row.string("subject"),
                        date: row.date("internal_date"), bodyText: row.optionalString("body_text"),
                        labels: row.strings("label_names"), threadID: row.string("thread_key"),
                        messageID: row.optionalString("message_id"), references: row.strings("references_ids"))
    }
}

import CRMCore
import Foundation

/// What a reply or forward is written from (`ReplyPlan` in CRMCore does the writing).
extension Store {
    /// The email `source` names, visible to `user`, as a reply or forward reads it; nil when there is
    /// none, or it is outgoing mail not sent yet (nothing to answer). Gmail thread ids are per
    /// mailbox, so the copy read is the one in `mailbox` (the mailbox the answer goes out from) when
    /// it holds one, else one in another of `user`'s mailboxes, else the copy named.
    ///
    /// With `attachments` (a forward), it carries the files' bytes the store keeps and names the
    /// received files it does not; a reply leaves the bytes unread.
    public func replyParent(_ source: ActivitySource, for user: User, preferring mailbox: EmailAddress? = nil,
                            attachments: Bool = false) throws -> ParentMessage? {
        switch source {
        case .incomingEmail(let id):
            return try incomingParent(id, for: user, preferring: mailbox, attachments: attachments)
        case .outgoingEmail(let id):
            return try outgoingParent(id, for: user, attachments: attachments)
        case .manual:
            return nil
        }
    }

    private func incomingParent(_ id: Int64, for user: User, preferring mailbox: EmailAddress?, attachments: Bool) throws
        -> ParentMessage? {
        let select = """
            SELECT i.id, m.email AS mailbox, i.direction, i.message_id, i.references_ids, i.thread_id, i.from_name,
                   i.from_address, i.reply_to_addrs, i.to_addrs, i.cc_addrs, i.recipient_names, i.subject,
                   i.internal_date, i.body_text
            FROM incoming_emails i JOIN mailboxes m ON m.id = i.mailbox_id
            """
        guard let named = try db.first(select + " WHERE i.id = ?1 AND (?2 IS NULL OR i.team_id = ?2)", id, user.scope.teamID)
        else { return nil }
        var row = named
        if let messageID = try named.optionalString("message_id"),
           let own = try db.first(select + """
                 WHERE i.team_id = ?1 AND i.message_id = ?2 AND m.user_id = ?3
                ORDER BY m.email = ?4 DESC, i.id = ?5 DESC, i.id LIMIT 1
                """, user.teamID, messageID, user.id, mailbox?.value ?? "", id) {
            row = own
        }
        let names = try row.names("recipient_names")
        let fromName = try row.optionalString("from_name")
        let files = !attachments ? [] : try db.query("""
            SELECT filename, content_type, data FROM incoming_attachments WHERE incoming_email_id = ? ORDER BY position
            """, row.int64("id")).map { file in
                (name: try file.string("filename"), type: try file.string("content_type"), data: try file.optionalBlob("data"))
            }
        var parent = try ParentMessage(
            mailbox: EmailAddress(stored: row.string("mailbox")), isOwn: row.string("direction") == Direction.outgoing.rawValue,
            messageID: row.optionalString("message_id"), references: row.strings("references_ids"),
            threadID: row.optionalString("thread_id"),
            from: row.optionalString("from_address").flatMap(EmailAddress.init).map { NamedAddress(name: fromName, address: $0) },
            replyTo: NamedAddress.list(row.addresses("reply_to_addrs"), names: names),
            to: NamedAddress.list(row.addresses("to_addrs"), names: names),
            cc: NamedAddress.list(row.addresses("cc_addrs"), names: names),
            subject: row.string("subject"), date: row.date("internal_date"), bodyText: row.optionalString("body_text"),
            attachments: files.compactMap { file in
                file.data.map { NewAttachment(filename: file.name, contentType: file.type, data: Data($0)) }
            })
        parent.attachmentsNotKept = files.filter { $0.data == nil }.map(\.name)
        return parent
    }

    private func outgoingParent(_ id: Int64, for user: User, attachments: Bool) throws -> ParentMessage? {
        guard let email = try outgoingEmail(id: id, in: user.scope), email.status == .sent else { return nil }
        let sender = try db.first("SELECT u.name FROM mailboxes m JOIN users u ON u.id = m.user_id WHERE m.id = ?",
                                  email.mailboxID)?.string(0)
        let sentAt = try db.first("""
            SELECT max(at) FROM outgoing_email_status_history WHERE outgoing_email_id = ? AND to_status = 'sent'
            """, id)?.optionalDate(0)
        return ParentMessage(
            mailbox: email.from, isOwn: true, messageID: email.messageID, references: email.references,
            threadID: email.threadID, from: NamedAddress(name: sender, address: email.from),
            to: NamedAddress.list(email.to, names: email.displayNames),
            cc: NamedAddress.list(email.cc, names: email.displayNames), subject: email.subject,
            date: sentAt ?? email.updatedAt, bodyText: email.bodyText,
            attachments: attachments ? try attachmentData(of: id, in: user.scope) : [])
    }
}

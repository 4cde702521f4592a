import CRMCore
import Foundation

extension Store {
    /// Replaces what a draft says (addresses and their names, subject, body, link, sending mailbox,
    /// threading), drops the attachments it has at `request.droppedAttachments` and adds
    /// `request.attachments`. Only drafts change; queued mail is cancelled first.
    @discardableResult
    public func updateDraft(id: Int64, with request: ComposeRequest, by user: User) throws -> OutgoingEmail {
        let problems = request.problems(now: now())
        guard problems.isEmpty else { throw Refusal.composition(problems, emailID: nil) }
        return try db.write {
            let email = try ownOutgoingEmail(id: id, by: user, change: .edit)
            guard email.status.isEditable else { throw Refusal.notEditable(id: id, status: email.status) }
            let mailbox = try ownMailbox(request.from, of: user)
            if let link = request.link { try requireInTeam(link, team: user.teamID) }
            try db.execute("""
                UPDATE outgoing_emails SET mailbox_id = ?, linked_type = ?, linked_id = ?, to_addrs = ?, cc_addrs = ?,
                    bcc_addrs = ?, subject = ?, body_text = ?, updated_at = ?, seal = NULL, recipient_names = ?,
                    in_reply_to = ?, references_ids = ?, thread_id = ?
                WHERE id = ?
                """, mailbox.id, request.link?.type, request.link?.id, JSONStringList.encode(request.to),
                JSONStringList.encode(request.cc), JSONStringList.encode(request.bcc), request.subject, request.bodyText,
                timestamp, JSONNameMap.encode(request.recipientNames), request.threading.inReplyTo,
                JSONStringList.encode(request.threading.references),
                request.threading.threadID(sendingFrom: mailbox.email), id)
            if !request.droppedAttachments.isEmpty {
                let kept = try db.query("SELECT id FROM outgoing_attachments WHERE outgoing_email_id = ? ORDER BY id", id)
                    .map { try $0.int64("id") }
                for place in Set(request.droppedAttachments) where kept.indices.contains(place) {
                    try db.execute("DELETE FROM outgoing_attachments WHERE id = ?", kept[place])
                }
            }
            for attachment in request.attachments {
                try db.execute("""
                    INSERT INTO outgoing_attachments (outgoing_email_id, filename, content_type, size, data)
                    VALUES (?, ?, ?, ?, ?)
                    """, id, attachment.filename, attachment.contentType, attachment.data.count, attachment.data)
            }
            return try outgoingEmail(id: id, in: user.scope)!
        }
    }

    // MARK: the composer's unsent work

    /// Saves the composer's state (an opaque text the UI wrote) for `user`, with the draft it edits.
    public func saveComposerSession(_ state: String, outgoingID: Int64?, for user: User) throws {
        try db.write {
            try db.execute("""
                INSERT INTO composer_sessions (user_id, outgoing_id, state, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET outgoing_id = excluded.outgoing_id, state = excluded.state,
                    updated_at = excluded.updated_at
                """, user.id, outgoingID, state, timestamp)
        }
    }

    /// The composer state `user` left open, if any.
    public func composerSession(for user: User) throws -> (state: String, outgoingID: Int64?)? {
        try db.first("SELECT state, outgoing_id FROM composer_sessions WHERE user_id = ?", user.id)
            .map { try ($0.string("state"), $0.optionalInt64("outgoing_id")) }
    }

    /// Forgets the composer state (the email was saved, queued or thrown away).
    public func clearComposerSession(for user: User) throws {
        try db.write { try db.execute("DELETE FROM composer_sessions WHERE user_id = ?", user.id) }
    }
}

import CRMCore
import Foundation

/// Attachments of incoming mail (`incoming_attachments`): recorded with the message, read for saving
/// and forwarding.
extension Store {
    /// The attachments of incoming email `emailID`, with their bytes where kept, and the mailbox
    /// whose Gmail holds the others; nil when `scope` sees no such email (another team's reads as
    /// none). `attachments` is nil for mail stored before attachments were recorded.
    public func incomingAttachments(emailID: Int64, in scope: Scope) throws -> StoredAttachments? {
        guard let row = try db.first("""
            SELECT i.gmail_id, i.attachment_count, m.id, m.user_id, u.team_id, m.email, m.state, m.last_sync_at,
                   m.last_error, u.login, u.name AS owner_name
            FROM incoming_emails i JOIN mailboxes m ON m.id = i.mailbox_id JOIN users u ON u.id = m.user_id
            WHERE i.id = ?1 AND (?2 IS NULL OR i.team_id = ?2)
            """, emailID, scope.teamID) else { return nil }
        var attachments: [IncomingAttachment]?
        if try row.optionalInt64("attachment_count") != nil {
            attachments = try db.query("""
                SELECT position, part_id, filename, content_type, size, sha256, data FROM incoming_attachments
                WHERE incoming_email_id = ? ORDER BY position
                """, emailID).map { row in
                try IncomingAttachment(position: row.int("position"), filename: row.string("filename"),
                                       contentType: row.string("content_type"), size: row.int("size"),
                                       sha256: row.string("sha256"), partID: row.optionalString("part_id"),
                                       data: row.optionalBlob("data"))
            }
        }
        return try StoredAttachments(emailID: emailID, gmailID: row.string("gmail_id"), mailbox: Self.mailbox(row),
                                     ownerLogin: row.string("login"), ownerName: row.string("owner_name"),
                                     attachments: attachments)
    }

    /// The attachments of the stored emails `ids` visible in `scope`, without their bytes, in order,
    /// by email (emails with none are left out).
    public func attachmentSummaries(of ids: [Int64], in scope: Scope) throws -> [Int64: [AttachmentSummary]] {
        guard !ids.isEmpty else { return [:] }
        let list = JSONValue.array(ids.map { .int($0) }).rendered(pretty: false)
        var found: [Int64: [AttachmentSummary]] = [:]
        for row in try db.query("""
            SELECT a.incoming_email_id, a.filename, a.size, a.data IS NOT NULL AS kept
            FROM incoming_attachments a JOIN incoming_emails i ON i.id = a.incoming_email_id
            WHERE a.incoming_email_id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR i.team_id = ?2)
            ORDER BY a.incoming_email_id, a.position
            """, list, scope.teamID) {
            found[try row.int64("incoming_email_id"), default: []].append(
                AttachmentSummary(filename: try row.string("filename"), size: try row.int("size"), isKept: try row.int("kept") == 1))
        }
        return found
    }

    /// Records what a message read again (imported again, fetched again) says of the attachments of
    /// stored email `id`: all of them when they were not known (it was stored before attachments were
    /// recorded), else the bytes of those it keeps now but did not before (`[mail] keep_attachments_mb`
    /// was raised), when they are the file recorded. Returns whether it recorded them all.
    @discardableResult
    public func recordAttachments(_ attachments: [IncomingAttachment], incoming id: Int64) throws -> Bool {
        try db.write {
            try db.execute("UPDATE incoming_emails SET attachment_count = ? WHERE id = ? AND attachment_count IS NULL",
                           attachments.count, id)
            guard db.changes == 1 else {
                // Usually nothing is missing: then nothing is hashed or written.
                let missing = Set(try db.query("""
                    SELECT position FROM incoming_attachments WHERE incoming_email_id = ? AND data IS NULL
                    """, id).map { try $0.int(0) })
                for attachment in attachments where missing.contains(attachment.position) {
                    guard let data = attachment.data, attachment.matches(data) else { continue }
                    try db.execute("""
                        UPDATE incoming_attachments SET data = ?
                        WHERE incoming_email_id = ? AND position = ? AND data IS NULL AND sha256 = ?
                        """, SQLValue.blob(data), id, attachment.position, attachment.sha256)
                }
                return false
            }
            try insertAttachments(attachments, incoming: id)
            return true
        }
    }

    func insertAttachments(_ attachments: [IncomingAttachment], incoming id: Int64) throws {
        for attachment in attachments {
            try db.execute("""
                INSERT INTO incoming_attachments (incoming_email_id, position, part_id, filename, content_type, size,
                    sha256, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, id, attachment.position, attachment.partID, attachment.filename, attachment.contentType,
                attachment.size, attachment.sha256, attachment.data.map { SQLValue.blob($0) })
        }
    }
}

import CRMCore
import Foundation

/// The author's seal on queued mail (`OutboxSeal`): made here from the row as it stands once queued,
/// with the key the caller brings (the store never reads a key file), and read back by the sender.
extension Store {
    /// Seals outgoing email `id` with `key` over what it now says, as the sender will read it; gives
    /// it a Message-ID first if it has none (the sender looks for that id in Sent before sending).
    /// Inside the write that queues it.
    func seal(_ id: Int64, with key: SealingKey) throws -> OutgoingEmail {
        if let domain = try outgoingEmail(id: id, in: .everyone)?.from.domain {
            try db.execute("UPDATE outgoing_emails SET message_id = ? WHERE id = ? AND message_id IS NULL",
                           MessageID.generate(domain: domain), id)
        }
        guard let email = try outgoingEmail(id: id, in: .everyone) else {
            throw Refusal.notFound(.outgoingEmail, id: id)
        }
        let content = OutboxSeal(email, attachments: try attachmentData(of: id, in: .everyone), from: email.from,
                                 fromName: try senderName(mailbox: email.mailboxID))
        try db.execute("UPDATE outgoing_emails SET seal = ? WHERE id = ?", SQLValue.blob(key.seal(content)), id)
        return email
    }

    /// The seal stored on an outgoing email; nil when it has none.
    public func outgoingSeal(id: Int64) throws -> [UInt8]? {
        try db.first("SELECT seal FROM outgoing_emails WHERE id = ?", id)?.optionalBlob(0)
    }

    /// The display name on mail sent from a mailbox: its owner's name.
    private func senderName(mailbox: Int64) throws -> String {
        try db.first("SELECT u.name FROM mailboxes m JOIN users u ON u.id = m.user_id WHERE m.id = ?", mailbox)?
            .string(0) ?? ""
    }
}

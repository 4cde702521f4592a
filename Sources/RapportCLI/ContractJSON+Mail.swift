import CRMCore
import Foundation

/// The JSON of `mail list` and `mail show` (CONTRACT.md's additions).
extension ContractJSON {
    /// One conversation of `mail list --json`. Beyond the contract's fields: `account`, the mailbox
    /// holding it, and `cursor`, which `--before` takes to go on after it (the last one's gives the next page).
    /// `has_attachment` is null: attachments of incoming mail are not recorded yet.
    static func conversation(_ conversation: Conversation) -> JSONValue {
        .object([
            ("thread_id", .string(conversation.threadID)),
            ("subject", .string(conversation.subject)),
            ("participants", .array(conversation.participants.map { person(name: $0.name, address: $0.address) })),
            ("count", .int(conversation.messageCount)),
            ("unread", .int(conversation.unreadCount)),
            ("last_at", date(conversation.lastAt)),
            ("labels", .array(conversation.labels.map { .string($0) })),
            ("has_attachment", .null),
            ("message_ids", .array(conversation.messageIDs.map { .int($0) })),
            ("account", .string(conversation.account.value)),
            ("cursor", .string(conversation.cursor.description)),
        ])
    }

    /// A stored message in `parse --json`'s shape plus `id`, `thread_id`, `labels` and `account`. The
    /// store keeps the text (the plain part, else the HTML rendered as text), not the message itself:
    /// `html` and `parts` are null, `reply_to` and `in_reply_to` empty, and `attachments` empty until
    /// attachments of incoming mail are recorded; recipients' names are not kept.
    static func mailMessage(_ message: MailMessage) -> JSONValue {
        .object([
            ("id", .int(message.id)),
            ("thread_id", .string(message.threadID)),
            ("labels", .array(message.labels.map { .string($0) })),
            ("account", .string(message.mailbox.value)),
            ("message_id", .string(message.messageID)),
            ("subject", .string(message.subject)),
            ("date", date(message.date)),
            ("from", .array(message.fromAddress.map { [person(name: message.fromName, address: $0)] } ?? [])),
            ("to", .array(message.to.map { person(name: nil, address: $0) })),
            ("cc", .array(message.cc.map { person(name: nil, address: $0) })),
            ("reply_to", .array([])),
            ("in_reply_to", .array([])),
            ("references", .array(message.references.map { .string($0) })),
            ("text", .string(message.bodyText)),
            ("html", .null),
            ("attachments", .array([])),
            ("parts", .null),
        ])
    }

    private static func person(name: String?, address: EmailAddress) -> JSONValue {
        .object([("name", .string(name?.isEmpty == false ? name : nil)), ("address", .string(address.value))])
    }
}

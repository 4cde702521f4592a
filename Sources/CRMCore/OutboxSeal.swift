import Foundation
import MailFormat

/// What the author's seal on a queued email vouches for: everything the sender puts into the
/// message it sends or records once it is sent (the email's id and Message-ID, the sending mailbox
/// and the name on From, the author, the recipients and the names typed for them, subject, body,
/// each attachment's name, type and SHA-256, when to send it, when it was queued, what it is linked
/// to and what it answers: the timeline entry, In-Reply-To, References and the Gmail thread). The
/// author's `SealingKey` seals it when they queue the email; the sender checks the seal before it
/// sends, so mail queued or changed by anyone without that key (a teammate writing the shared
/// database) is never sent. `encoded` is the canonical form the MAC covers, version 2; version 1
/// (before names and threading were kept) is `encodedVersion1`.
public struct OutboxSeal: Sendable, Equatable {
    /// An attachment as sealed: its name and type as sent, and the digest of its bytes.
    public struct Attachment: Sendable, Equatable {
        public var filename: String
        public var contentType: String
        /// SHA-256 of the bytes.
        public var digest: [UInt8]

        public init(filename: String, contentType: String, digest: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.digest = digest
        }
    }

    public var id: Int64
    public var messageID: String?
    public var author: String
    /// The address the message goes out from.
    public var from: EmailAddress
    /// The display name on From (the mailbox owner's).
    public var fromName: String
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var bcc: [EmailAddress]
    public var subject: String
    public var body: String
    public var attachments: [Attachment]
    public var sendAt: Date?
    public var queuedAt: Date?
    public var link: RecordLink?
    public var replyToActivityID: Int64?
    /// The display names typed for recipients, by address.
    public var displayNames: [EmailAddress: String]
    public var inReplyTo: String?
    public var references: [String]
    /// The Gmail thread it is sent into.
    public var threadID: String?

    /// What `email` says, with its attachments' bytes, sent from `from` under `fromName`.
    public init(_ email: OutgoingEmail, attachments: [NewAttachment], from: EmailAddress, fromName: String) {
        id = email.id
        messageID = email.messageID
        author = email.authorLogin
        self.from = from
        self.fromName = fromName
        to = email.to
        cc = email.cc
        bcc = email.bcc
        subject = email.subject
        body = email.bodyText
        self.attachments = attachments.map {
            Attachment(filename: $0.filename, contentType: $0.contentType, digest: SHA256.digest($0.data))
        }
        sendAt = email.sendAt
        queuedAt = email.queuedAt
        link = email.link
        replyToActivityID = email.replyToActivityID
        displayNames = email.displayNames
        inReplyTo = email.inReplyTo
        references = email.references
        threadID = email.threadID
    }

    /// Why a queued email's seal does not let it be sent; `message` says so for people (it is stored
    /// as the email's error, shown to its author and teammates, and names no address or subject).
    public enum Problem: Error, Sendable, Equatable {
        /// It has no seal: queued outside Rapport, or before Rapport sealed mail.
        case missing
        /// The seal is not its author's key's seal of what it says now: changed or queued outside Rapport.
        case mismatch

        public var message: String {
            switch self {
            case .missing:
                return "it carries no seal from its author's key (it was queued outside Rapport, or before Rapport "
                    + "sealed mail); open it, check it and queue it again"
            case .mismatch:
                return "it was not sealed by its author's key (it was changed or queued outside Rapport); open it, "
                    + "check it and queue it again"
            }
        }
    }

    // MARK: - The canonical encoding

    /// The bytes the MAC covers: a label and version, then every field in a fixed order, each
    /// self-delimiting (texts and byte strings after their length, numbers as 8 bytes, optional
    /// values after a 0 or 1, lists after their count), so no two contents encode alike.
    public var encoded: [UInt8] {
        var out = Encoder()
        out.text("rapport outbox seal")
        out.text("v2")
        common(&out)
        out.list(displayNames.sorted { $0.key < $1.key }) { out, entry in
            out.text(entry.key.value)
            out.text(entry.value)
        }
        out.optional(inReplyTo) { $0.text($1) }
        out.list(references) { $0.text($1) }
        out.optional(threadID) { $0.text($1) }
        return out.bytes
    }

    /// Version 1, which mail queued before Rapport kept names and threading was sealed with. It
    /// does not cover names or threading, so it can vouch only for content without typed names;
    /// such mail's threading comes from the database, as the version 1 sender read it when sending.
    public var encodedVersion1: [UInt8]? {
        guard displayNames.isEmpty else { return nil }
        var out = Encoder()
        out.text("rapport outbox seal")
        out.text("v1")
        common(&out)
        return out.bytes
    }

    /// The fields both versions cover, in their order.
    private func common(_ out: inout Encoder) {
        out.number(id)
        out.optional(messageID) { $0.text($1) }
        out.text(author)
        out.text(from.value)
        out.text(fromName)
        for list in [to, cc, bcc] {
            out.list(list) { $0.text($1.value) }
        }
        out.text(subject)
        out.text(body)
        out.list(attachments) { out, attachment in
            out.text(attachment.filename)
            out.text(attachment.contentType)
            out.data(attachment.digest)
        }
        out.optional(sendAt) { $0.date($1) }
        out.optional(queuedAt) { $0.date($1) }
        out.optional(link) { out, link in
            out.text(link.type)
            out.number(link.id)
        }
        out.optional(replyToActivityID) { $0.number($1) }
    }

    /// Appends fields in the canonical form.
    private struct Encoder {
        var bytes: [UInt8] = []

        mutating func number(_ value: Int64) {
            let bits = UInt64(bitPattern: value)
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
            }
        }

        mutating func data(_ value: [UInt8]) {
            number(Int64(value.count))
            bytes += value
        }

        mutating func text(_ value: String) { data(Array(value.utf8)) }

        /// Whole seconds since 1970, as the store keeps dates.
        mutating func date(_ value: Date) { number(Int64(value.timeIntervalSince1970.rounded(.down))) }

        mutating func optional<T>(_ value: T?, _ write: (inout Encoder, T) -> Void) {
            guard let value else {
                bytes.append(0)
                return
            }
            bytes.append(1)
            write(&self, value)
        }

        mutating func list<T>(_ values: [T], _ write: (inout Encoder, T) -> Void) {
            number(Int64(values.count))
            for value in values { write(&self, value) }
        }
    }
}

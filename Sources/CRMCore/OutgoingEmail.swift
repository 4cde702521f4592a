import Foundation
import MailFormat

/// An email a user writes from one of their mailboxes, tracked from draft to sent.
public struct OutgoingEmail: Sendable, Hashable {
    public let id: Int64
    public let teamID: Int64
    public let mailboxID: Int64
    public let from: EmailAddress
    public let authorLogin: String
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var bcc: [EmailAddress]
    public var subject: String
    public var bodyText: String
    public var link: RecordLink?
    public var replyToActivityID: Int64?
    public var status: OutboxStatus
    public var sendAt: Date?
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var messageID: String?
    public var gmailID: String?
    /// Gmail's thread: the one it is sent into (its parent's, for a reply from the parent's mailbox)
    /// until Gmail answers, then the one Gmail put it in.
    public var threadID: String?
    /// The display names typed with recipients, by address.
    public var displayNames: [EmailAddress: String]
    /// The parent's Message-ID, for a reply or forward (In-Reply-To).
    public var inReplyTo: String?
    /// The conversation's Message-IDs, oldest first, ending with the parent's (References).
    public var references: [String]
    public var attachments: [AttachmentInfo]
    public let createdAt: Date
    public var updatedAt: Date
    /// When a person last queued it (queue or retry): where its `UndoWindow` starts. Nil until
    /// then, and for mail queued before Rapport kept the time.
    public var queuedAt: Date?

    public init(id: Int64, teamID: Int64, mailboxID: Int64, from: EmailAddress, authorLogin: String,
                to: [EmailAddress], cc: [EmailAddress], bcc: [EmailAddress], subject: String,
                bodyText: String, link: RecordLink?, replyToActivityID: Int64?, status: OutboxStatus,
                sendAt: Date?, attempts: Int, nextAttemptAt: Date?, lastError: String?,
                messageID: String?, gmailID: String?, threadID: String?, attachments: [AttachmentInfo],
                createdAt: Date, updatedAt: Date, queuedAt: Date?, displayNames: [EmailAddress: String] = [:],
                inReplyTo: String? = nil, references: [String] = []) {
        self.id = id
        self.teamID = teamID
        self.mailboxID = mailboxID
        self.from = from
        self.authorLogin = authorLogin
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.subject = subject
        self.bodyText = bodyText
        self.link = link
        self.replyToActivityID = replyToActivityID
        self.status = status
        self.sendAt = sendAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.messageID = messageID
        self.gmailID = gmailID
        self.threadID = threadID
        self.attachments = attachments
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.queuedAt = queuedAt
        self.displayNames = displayNames
        self.inReplyTo = inReplyTo
        self.references = references
    }

    /// The Gmail API takes at most 100 recipients per message (gmail-api.md §11).
    public static let maximumRecipients = 100

    /// Every recipient, To then Cc then Bcc.
    public var allRecipients: [EmailAddress] { to + cc + bcc }

    /// How it joins the conversation it answers, as it is sent from its own mailbox.
    public var threading: Threading {
        Threading(inReplyTo: inReplyTo, references: references, threadID: threadID,
                  threadMailbox: threadID == nil ? nil : from.value)
    }
}

/// A file attached to an outgoing email (the bytes live in the store).
public struct AttachmentInfo: Sendable, Hashable {
    public let filename: String
    public let contentType: String
    public let size: Int

    public init(filename: String, contentType: String, size: Int) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
    }

    /// Gmail takes attachments up to 25 MB in all (the encoded message may reach 35 MiB by upload).
    public static let maximumTotalBytes = 25 * 1024 * 1024

    /// A content type guessed from the file name's extension.
    public static func contentType(forFilename name: String) -> String {
        ContentType(forFilename: name).mimeType
    }
}

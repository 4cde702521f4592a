import Foundation

/// The message a reply or forward answers, as `ReplyPlan` reads it: mail received, or mail the
/// user's side sent (from Rapport, or from elsewhere and synced).
public struct ParentMessage: Sendable, Hashable {
    /// The mailbox holding this copy: the one whose Gmail thread `threadID` names.
    public var mailbox: EmailAddress
    /// Whether the user's side sent it: a reply then goes to its recipients, as Gmail's does.
    public var isOwn: Bool
    /// Its Message-ID, without angle brackets.
    public var messageID: String?
    /// Its References, else its In-Reply-To: what a reply carries on (RFC 5322 §3.6.4).
    public var references: [String]
    /// Gmail's thread of this copy.
    public var threadID: String?
    public var from: NamedAddress?
    /// Where the sender asks replies to go, when not to the sender.
    public var replyTo: [NamedAddress]
    public var to: [NamedAddress]
    public var cc: [NamedAddress]
    public var subject: String
    public var date: Date
    /// The text (HTML rendered as text); nil when it had none.
    public var bodyText: String?
    /// Its attachments with their bytes.
    public var attachments: [NewAttachment]
    /// Names of attachments it has whose bytes are not kept here (bigger than `[mail]
    /// keep_attachments_mb`, or not known yet): a forward goes without them, and says so.
    public var attachmentsNotKept: [String] = []

    public init(mailbox: EmailAddress, isOwn: Bool, messageID: String?, references: [String], threadID: String?,
                from: NamedAddress?, replyTo: [NamedAddress] = [], to: [NamedAddress], cc: [NamedAddress] = [],
                subject: String, date: Date, bodyText: String?, attachments: [NewAttachment] = []) {
        self.mailbox = mailbox
        self.isOwn = isOwn
        self.messageID = messageID
        self.references = references
        self.threadID = threadID
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.subject = subject
        self.date = date
        self.bodyText = bodyText
        self.attachments = attachments
    }
}

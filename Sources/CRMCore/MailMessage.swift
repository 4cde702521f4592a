import Foundation

/// A stored email in full, for reading: headers, text and labels.
public struct MailMessage: Sendable, Hashable {
    public let id: Int64
    public let mailbox: EmailAddress
    public let direction: Direction
    public let fromName: String?
    public let fromAddress: EmailAddress?
    public let to: [EmailAddress]
    public let cc: [EmailAddress]
    public let subject: String
    public let date: Date
    /// The plain text, or the HTML rendered as text; nil when the message had no text at all.
    public let bodyText: String?
    public var labels: [String]
    /// The conversation it belongs to (`Conversation.threadID`); nil for mail written in Rapport.
    public let threadID: String?
    /// Its RFC 5322 Message-ID, without angle brackets.
    public let messageID: String?
    /// The Message-IDs it answers, oldest first (its References, else its In-Reply-To).
    public let references: [String]

    public init(id: Int64, mailbox: EmailAddress, direction: Direction, fromName: String?, fromAddress: EmailAddress?,
                to: [EmailAddress], cc: [EmailAddress], subject: String, date: Date, bodyText: String?, labels: [String],
                threadID: String? = nil, messageID: String? = nil, references: [String] = []) {
        self.id = id
        self.mailbox = mailbox
        self.direction = direction
        self.fromName = fromName
        self.fromAddress = fromAddress
        self.to = to
        self.cc = cc
        self.subject = subject
        self.date = date
        self.bodyText = bodyText
        self.labels = labels
        self.threadID = threadID
        self.messageID = messageID
        self.references = references
    }
}

import Foundation

/// A message found in a connected mailbox: received mail, or mail the user sent from elsewhere.
public struct IncomingEmail: Sendable, Hashable {
    public var mailboxID: Int64
    /// Gmail's message id; unique within the mailbox.
    public var gmailID: String
    public var threadID: String?
    /// The RFC 5322 Message-ID without angle brackets; the key that joins teammates' copies.
    public var messageID: String?
    public var fromName: String?
    public var fromAddress: EmailAddress?
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var subject: String
    public var snippet: String
    public var bodyText: String?
    public var internalDate: Date
    public var labels: [String]
    /// The Message-IDs this one answers, oldest first (its References, else its In-Reply-To), without
    /// angle brackets: what a reply to it carries on.
    public var references: [String]
    /// Gmail's history id of the message when it was fetched; nil for imported mail.
    public var historyID: UInt64?
    /// Its attachments, in the message's order.
    public var attachments: [IncomingAttachment]
    /// Its In-Reply-To ids, without angle brackets.
    public var inReplyTo: [String]
    /// Where the sender asks replies to go (its Reply-To), when not to the sender.
    public var replyTo: [EmailAddress]
    /// The display names of the recipients and Reply-To addresses, by address (the sender's is `fromName`).
    public var displayNames: [EmailAddress: String]
    /// Whether its headers mark it as bulk or automatic mail, and how.
    public var automation: MailAutomation

    public init(mailboxID: Int64, gmailID: String, threadID: String?, messageID: String?, fromName: String?,
                fromAddress: EmailAddress?, to: [EmailAddress], cc: [EmailAddress], subject: String,
                snippet: String, bodyText: String?, internalDate: Date, labels: [String],
                references: [String] = [], historyID: UInt64? = nil, attachments: [IncomingAttachment] = [],
                inReplyTo: [String] = [], replyTo: [EmailAddress] = [], displayNames: [EmailAddress: String] = [:],
                automation: MailAutomation = MailAutomation()) {
        self.mailboxID = mailboxID
        self.gmailID = gmailID
        self.threadID = threadID
        self.messageID = messageID
        self.fromName = fromName
        self.fromAddress = fromAddress
        self.to = to
        self.cc = cc
        self.subject = subject
        self.snippet = snippet
        self.bodyText = bodyText
        self.internalDate = internalDate
        self.labels = labels
        self.references = references
        self.historyID = historyID
        self.attachments = attachments
        self.inReplyTo = inReplyTo
        self.replyTo = replyTo
        self.displayNames = displayNames
        self.automation = automation
    }

    /// Everyone on the message other than the sender.
    public var recipients: [EmailAddress] { to + cc }

    /// Which way it went for the mailbox that holds it: out when the mailbox sent it.
    public func direction(forMailbox address: EmailAddress) -> Direction {
        if labels.contains("SENT") || fromAddress == address { return .outgoing }
        return .incoming
    }

    /// How the id of imported mail begins: such mail is not in Gmail under that id, so changes made
    /// to it here stay here.
    public static let importedIDPrefix = "import:"

    /// Whether it belongs on a timeline: mail in Trash or Spam does not.
    public var isOnTimeline: Bool { !labels.contains("TRASH") && !labels.contains("SPAM") }

    /// Whether `gmailID` is an imported message's own id rather than Gmail's.
    public static func isImportedID(_ gmailID: String) -> Bool { gmailID.hasPrefix(importedIDPrefix) }
}

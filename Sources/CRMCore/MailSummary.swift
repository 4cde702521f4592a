import Foundation

/// One line of a mailbox's mail list: who, what, when, and the contact it was matched to.
public struct MailSummary: Sendable, Hashable {
    public let id: Int64
    public let mailboxID: Int64
    public let direction: Direction
    /// The other side: the sender of received mail, the first recipient of sent mail.
    public let counterpart: String
    public let contactID: Int64?
    public let contactName: String?
    public let subject: String
    public let date: Date
    public let labels: [String]

    public init(id: Int64, mailboxID: Int64, direction: Direction, counterpart: String, contactID: Int64?,
                contactName: String?, subject: String, date: Date, labels: [String]) {
        self.id = id
        self.mailboxID = mailboxID
        self.direction = direction
        self.counterpart = counterpart
        self.contactID = contactID
        self.contactName = contactName
        self.subject = subject
        self.date = date
        self.labels = labels
    }

    public var isUnread: Bool { labels.contains("UNREAD") }
}

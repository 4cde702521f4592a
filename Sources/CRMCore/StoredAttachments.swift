import Foundation

/// What the database holds of an incoming email's attachments, and whose Gmail holds the bytes it
/// does not keep: only that mailbox's owner can fetch them (the sign-in is theirs alone).
public struct StoredAttachments: Sendable, Hashable {
    public let emailID: Int64
    /// Gmail's id of the message in `mailbox`; imported mail has one of its own (`IncomingEmail.isImportedID`).
    public let gmailID: String
    /// The mailbox that holds the email.
    public let mailbox: Mailbox
    /// The login and name of the mailbox's owner.
    public let ownerLogin: String
    public let ownerName: String
    /// The attachments in the message's order; nil when the email was stored before Rapport
    /// recorded attachments, so they are not known until it is read again.
    public let attachments: [IncomingAttachment]?

    public init(emailID: Int64, gmailID: String, mailbox: Mailbox, ownerLogin: String, ownerName: String,
                attachments: [IncomingAttachment]?) {
        self.emailID = emailID
        self.gmailID = gmailID
        self.mailbox = mailbox
        self.ownerLogin = ownerLogin
        self.ownerName = ownerName
        self.attachments = attachments
    }

    /// Whether Gmail has the message (imported mail came from files, not from Gmail).
    public var isInGmail: Bool { !IncomingEmail.isImportedID(gmailID) }
}

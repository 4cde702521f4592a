import Foundation

/// Everything a person gives to write a new outgoing email.
public struct ComposeRequest: Sendable {
    public var from: EmailAddress
    public var to: [EmailAddress]
    public var cc: [EmailAddress] = []
    public var bcc: [EmailAddress] = []
    public var subject: String
    public var bodyText: String
    public var attachments: [NewAttachment] = []
    public var link: RecordLink?
    public var replyToActivityID: Int64?
    /// Queue it at once instead of keeping a draft.
    public var queue = false
    /// Send no earlier than this (implies `queue`).
    public var sendAt: Date?

    public init(from: EmailAddress, to: [EmailAddress], subject: String, bodyText: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.bodyText = bodyText
    }

    /// Whether it goes into the queue rather than drafts.
    public var queues: Bool { queue || sendAt != nil }

    /// What stops it being saved at all (too many recipients, too large), for people.
    public func problems(now: Date) -> [String] {
        var problems: [String] = []
        let recipients = to.count + cc.count + bcc.count
        if recipients > OutgoingEmail.maximumRecipients {
            problems.append("\(recipients) recipients is more than Gmail takes in one message "
                            + "(\(OutgoingEmail.maximumRecipients)); Rapport is not for bulk mail")
        }
        let bytes = attachments.reduce(0) { $0 + $1.data.count }
        if bytes > AttachmentInfo.maximumTotalBytes {
            problems.append("the attachments come to \(bytes / 1_048_576) MB, more than the 25 MB Gmail accepts; "
                            + "share large files by link instead")
        }
        if queues && recipients == 0 {
            problems.append("it has no recipients; add --to")
        }
        if let sendAt, sendAt < now.addingTimeInterval(-60) {
            problems.append("the send time \(ISODate.format(sendAt)) is in the past; leave out --send-at to send "
                            + "as soon as possible")
        }
        return problems
    }
}

/// A file to attach, with its bytes.
public struct NewAttachment: Sendable {
    public let filename: String
    public let contentType: String
    public let data: Data

    public init(filename: String, contentType: String, data: Data) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// Message-IDs Rapport writes into its mail: unique, on the sender's own domain.
public enum MessageID {
    /// A new id such as "rapport.5F1C…@example.com", without angle brackets.
    public static func generate(domain: Substring) -> String {
        "rapport." + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() + "@" + domain
    }
}

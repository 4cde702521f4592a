import Foundation

/// Everything a person gives to write a new outgoing email.
public struct ComposeRequest: Sendable {
    public var from: EmailAddress
    public var to: [EmailAddress]
    public var cc: [EmailAddress] = []
    public var bcc: [EmailAddress] = []
    /// The display names typed with recipients (`"Müller, Jörg" <joerg@acme.example>`), by address;
    /// the message carries them, and the contact's name only where none was typed.
    public var displayNames: [EmailAddress: String] = [:]
    public var subject: String
    public var bodyText: String
    public var attachments: [NewAttachment] = []
    /// When a draft is updated: which of the attachments it has already to drop, by place (from 0, in
    /// the order they were added).
    public var droppedAttachments: [Int] = []
    public var link: RecordLink?
    public var replyToActivityID: Int64?
    /// How it joins the conversation it answers (In-Reply-To, References, Gmail's thread).
    public var threading = Threading()
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

    /// What the rules of composing look at.
    public var composition: Composition {
        Composition(to: to, cc: cc, bcc: bcc, attachmentBytes: attachments.reduce(0) { $0 + $1.data.count },
                    queue: queue, sendAt: sendAt)
    }

    /// Whether it goes into the queue rather than drafts.
    public var queues: Bool { composition.queues }

    /// The names typed for its recipients (a name given for an address it does not go to is left out).
    public var recipientNames: [EmailAddress: String] {
        let recipients = Set(to + cc + bcc)
        return displayNames.filter { recipients.contains($0.key) }
    }

    /// What stops it being saved at all (too many recipients, too large, …); see `Composition`.
    public func problems(now: Date) -> [CompositionProblem] { composition.problems(now: now) }
}

/// A file to attach, with its bytes.
public struct NewAttachment: Sendable, Hashable {
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

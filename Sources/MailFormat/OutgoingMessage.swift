import Foundation

/// An email to write: who, what, when, and how it threads.
public struct OutgoingMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress] = []
    public var bcc: [MailAddress] = []
    public var subject: String
    /// The body as the person typed it; the Markdown subset of `MarkdownLite` adds an HTML alternative.
    public var body: String
    public var date: Date
    /// Without angle brackets, e.g. "rapport.1f2e…@example.com".
    public var messageID: String
    /// The parent's Message-ID, for a reply.
    public var inReplyTo: String?
    /// The thread's ids, oldest first (the parent's References plus the parent).
    public var references: [String] = []
    public var attachments: [Attachment] = []

    /// A file to attach.
    public struct Attachment: Sendable {
        public var filename: String
        public var contentType: String
        public var data: [UInt8]

        public init(filename: String, contentType: String, data: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public init(from: MailAddress, to: [MailAddress], subject: String, body: String, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
    }
}

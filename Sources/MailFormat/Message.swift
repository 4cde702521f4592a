import Foundation

/// A parsed RFC 5322 message: its top entity and the fields people care about, decoded.
public struct Message: Sendable {
    /// The top entity (its headers are the message's headers).
    public let root: MIMEPart

    public init(root: MIMEPart) {
        self.root = root
    }

    /// Parses raw message bytes (CRLF or LF line ends). Never fails: anything unreadable becomes text.
    public init(bytes: [UInt8]) {
        self = MessageParser.parse(bytes)
    }

    public var headers: [HeaderField] { root.headers }

    public var subject: String? { headers.first("subject")?.text }
    public var from: [MailAddress] { addresses("from") }
    public var to: [MailAddress] { addresses("to") }
    public var cc: [MailAddress] { addresses("cc") }
    public var bcc: [MailAddress] { addresses("bcc") }
    public var replyTo: [MailAddress] { addresses("reply-to") }
    public var sender: [MailAddress] { addresses("sender") }

    /// The Date header, when it can be read.
    public var date: Date? {
        headers.first("date").flatMap { MailDate.parse($0.value) }
    }

    /// The Message-ID without angle brackets.
    public var messageID: String? { headers.first("message-id").flatMap { MessageIDList.parse($0.value).first } }
    public var inReplyTo: [String] { headers.first("in-reply-to").map { MessageIDList.parse($0.value) } ?? [] }
    public var references: [String] { headers.first("references").map { MessageIDList.parse($0.value) } ?? [] }

    /// Every address of every field named `name` (groups flattened).
    public func addresses(_ name: String) -> [MailAddress] {
        headers.all(name).flatMap { MailAddress.parseList($0.value) }
    }
}

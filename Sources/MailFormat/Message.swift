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

    // A field RFC 5322 allows once but the message carries twice gives one value: the first field's
    // (as Python's email and mime4j read it) for the author, the subject, the date and the ids; the
    // recipients of every To, Cc or Bcc field, each once, since mailers send to all of them.

    public var subject: String? { headers.first("subject")?.text }
    public var from: [MailAddress] { firstFieldAddresses("from") }
    public var to: [MailAddress] { addresses("to") }
    public var cc: [MailAddress] { addresses("cc") }
    public var bcc: [MailAddress] { addresses("bcc") }
    public var replyTo: [MailAddress] { firstFieldAddresses("reply-to") }
    public var sender: [MailAddress] { firstFieldAddresses("sender") }

    /// The Date header, when it can be read.
    public var date: Date? {
        headers.first("date").flatMap { MailDate.parse($0.value) }
    }

    /// The Message-ID without angle brackets.
    public var messageID: String? { headers.first("message-id").flatMap { MessageIDList.parse($0.value).first } }
    public var inReplyTo: [String] { headers.first("in-reply-to").map { MessageIDList.parse($0.value) } ?? [] }
    public var references: [String] { headers.first("references").map { MessageIDList.parse($0.value) } ?? [] }

    /// Every address of every field named `name` (groups flattened), each address once (compared
    /// without case; the first one written is kept).
    public func addresses(_ name: String) -> [MailAddress] {
        var seen: Set<String> = []
        return headers.all(name).flatMap { MailAddress.parseList($0.value) }.filter { address in
            guard let key = address.address?.lowercased() else { return true }
            return seen.insert(key).inserted
        }
    }

    /// The addresses of the first field named `name` only.
    private func firstFieldAddresses(_ name: String) -> [MailAddress] {
        headers.first(name).map { MailAddress.parseList($0.value) } ?? []
    }
}

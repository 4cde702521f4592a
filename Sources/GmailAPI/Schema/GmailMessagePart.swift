import Foundation

/// One node of a message's MIME tree (schema `MessagePart`).
public struct GmailMessagePart: Sendable, Equatable, Decodable {
    /// "" at the top, then "0", "1", then "0.0", "0.1"…
    public var partID: String
    public var mimeType: String
    /// "" unless the part is an attachment (inline images may carry one too).
    public var filename: String
    /// The part's header fields in the message's order, duplicates kept, unfolded.
    public var headers: [GmailHeader]
    public var body: GmailMessagePartBody
    /// The children of a `multipart/*` part.
    public var parts: [GmailMessagePart]

    public init(partID: String = "", mimeType: String = "", filename: String = "", headers: [GmailHeader] = [],
                body: GmailMessagePartBody = GmailMessagePartBody(), parts: [GmailMessagePart] = []) {
        self.partID = partID
        self.mimeType = mimeType
        self.filename = filename
        self.headers = headers
        self.body = body
        self.parts = parts
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        partID = try json.string("partId")
        mimeType = try json.string("mimeType")
        filename = try json.string("filename")
        headers = try json.array("headers", of: GmailHeader.self)
        body = try json.object("body", as: GmailMessagePartBody.self) ?? GmailMessagePartBody()
        parts = try json.array("parts", of: GmailMessagePart.self)
    }

    /// The first header with this name (any case), or nil.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Every header with this name (any case), in order.
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// This part and all below it, depth first.
    public var allParts: [GmailMessagePart] {
        [self] + parts.flatMap(\.allParts)
    }
}

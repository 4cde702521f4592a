import Foundation

/// A part's content: inline bytes, or the ID to fetch them with (schema `MessagePartBody`).
public struct GmailMessagePartBody: Sendable, Equatable, Decodable {
    /// Set when the bytes must be fetched with `attachments.get`; changes on every fetch, so key
    /// stored attachments by (message ID, part ID), never by this.
    public var attachmentID: String
    /// The decoded byte count; 0 on containers.
    public var size: Int
    /// The content, already decoded from its transfer encoding and from base64url; empty when
    /// absent.
    public var data: [UInt8]

    public init(attachmentID: String = "", size: Int = 0, data: [UInt8] = []) {
        self.attachmentID = attachmentID
        self.size = size
        self.data = data
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        attachmentID = try json.string("attachmentId")
        size = try json.int("size")
        data = try json.bytes("data") ?? []
    }
}

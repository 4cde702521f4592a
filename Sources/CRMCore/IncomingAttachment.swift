import Foundation
import Hardening
import MailFormat

/// A file attached to an incoming email: its name and type as shown, its size and digest, where
/// Gmail keeps it (`partID`), and its bytes when the database keeps them.
public struct IncomingAttachment: Sendable, Hashable {
    /// Its place among the message's attachments, from 0.
    public var position: Int
    /// The file name as sent, made fit to show (`FileName.displayable`); a name made from the type
    /// ("attachment", "message.eml") when it had none.
    public var filename: String
    /// The MIME type, lower case ("application/pdf").
    public var contentType: String
    /// Bytes, decoded.
    public var size: Int
    /// SHA-256 of the decoded bytes, in hex.
    public var sha256: String
    /// Gmail's partId of the part ("1", "0.2"); nil for a file uuencoded inside a text part, which
    /// has no part of its own. Never an attachment id: those change on every fetch.
    public var partID: String?
    /// The bytes, when kept (not over `[mail] keep_attachments_mb` when the message was stored);
    /// nil when only the facts above are kept.
    public var data: [UInt8]?

    public init(position: Int, filename: String, contentType: String, size: Int, sha256: String, partID: String?,
                data: [UInt8]?) {
        self.position = position
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.partID = partID
        self.data = data
    }

    /// The attachment a part of a parsed message is (its `bytes` decoded), keeping them when there
    /// are at most `keepingBytes`.
    private init(part: MIMEPart, bytes: [UInt8], position: Int, keepingBytes limit: Int) {
        let type = part.contentType.mimeType.lowercased()
        let name = part.filename.map(FileName.displayable) ?? ""
        self.init(position: position, filename: name.isEmpty ? Self.unnamed(type) : name, contentType: type,
                  size: bytes.count, sha256: SHA256.hex(bytes), partID: part.partID,
                  data: bytes.count <= limit ? bytes : nil)
    }

    /// The attachments of a message (its `bodyStructure`) in its order, each keeping its bytes when
    /// there are at most `keepingBytes` of them; with the bytes of every one, kept or not.
    public static func all(in structure: BodyStructure, keepingBytes limit: Int)
        -> [(attachment: IncomingAttachment, bytes: [UInt8])] {
        structure.attachments.enumerated().map { position, part in
            let bytes = part.decodedBody
            return (IncomingAttachment(part: part, bytes: bytes, position: position, keepingBytes: limit), bytes)
        }
    }

    /// Whether the database keeps its bytes.
    public var isKept: Bool { data != nil }

    /// Whether `bytes` are this attachment's (size and digest agree).
    public func matches(_ bytes: [UInt8]) -> Bool {
        bytes.count == size && SHA256.hex(bytes) == sha256
    }

    /// The name of a file sent without one: "message.eml", "image.png", else "attachment".
    static func unnamed(_ type: String) -> String {
        if type == "message/rfc822" || type == "message/global" { return "message.eml" }
        let pieces = type.split(separator: "/")
        if pieces.count == 2, ["image", "audio", "video"].contains(pieces[0]), pieces[1].count <= 5,
           pieces[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            return "\(pieces[0]).\(pieces[1] == "jpeg" ? "jpg" : pieces[1])"
        }
        return "attachment"
    }
}

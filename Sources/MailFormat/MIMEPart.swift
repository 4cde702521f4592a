/// One entity of a message: its header fields, what it holds, and its body bytes (a slice of the
/// message's own bytes, never a copy).
public struct MIMEPart: Sendable {
    public let headers: [HeaderField]
    public let contentType: ContentType
    public let disposition: ContentDisposition?
    public let transferEncoding: TransferEncoding
    /// The body as carried (still transfer-encoded).
    public let body: ArraySlice<UInt8>
    public let content: Content
    /// Set when the part runs to the end of the message without the delimiter of the multipart it is
    /// in: the message was cut off, so its last part is shown as an attachment, not as the text.
    public internal(set) var isTruncated = false
    /// Set on a file that was uuencoded inside a plain-text part rather than sent as a part of its
    /// own: it has no place in the MIME tree (Gmail gives it no part id), and its bytes come from
    /// the text part's body.
    public internal(set) var isUUEncodedInText = false
    /// Where the part stands in its message's MIME tree, numbered as Gmail numbers parts (gmail-api.md
    /// §4: "" for the top, then "0", "1", then "1.0"…): set on the parts `Message.bodyStructure`
    /// lists; nil on a part taken from elsewhere and on a uuencoded file, which has no part of its own.
    public internal(set) var partID: String?

    /// What a part holds.
    public indirect enum Content: Sendable {
        /// A leaf: text or binary data.
        case single
        /// The parts of a multipart entity, without preamble and epilogue.
        case multipart([MIMEPart])
        /// A message/rfc822 part: a whole message inside.
        case message(Message)
    }

    /// The parts directly inside a multipart entity (empty for anything else).
    public var children: [MIMEPart] {
        if case .multipart(let parts) = content { return parts }
        return []
    }

    /// The body with its transfer encoding undone (still in its charset).
    public var decodedBody: [UInt8] { transferEncoding.decode(body) }

    /// The body as text: transfer-decoded and converted from its charset to UTF-8.
    public var text: String { Charset.decode(decodedBody, charset: contentType.charset) }

    /// The file name: Content-Disposition's filename, else Content-Type's name.
    public var filename: String? {
        let name = disposition?.filename ?? contentType.name
        return name.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a base64 body holds characters base64 does not have: it cannot be read as intended,
    /// so it is offered as an attachment rather than shown as the text.
    public var hasUndecodableBody: Bool { transferEncoding == .base64 && !Base64.isClean(body) }

    /// Whether the sender marked it as an attachment.
    public var isAttachment: Bool { disposition?.isAttachment ?? false }
}

extension MIMEPart {
    /// The parts of a multipart body that travels without a message around it (an HTTP batch
    /// request or answer, a multipart upload), read exactly as parts inside a message are; nil
    /// when no `--boundary` line opens a part or closes the body.
    public static func parts(ofMultipartBody body: [UInt8], boundary: String) -> [MIMEPart]? {
        MessageParser.parts(ofMultipartBody: body, boundary: Array(boundary.utf8))
    }
}

import Foundation
import MailFormat

/// The Message resource in each format (gmail-api.md §4), keyed in the order of the examples.
enum MessageResource {
    enum Format: String {
        case full, metadata, minimal, raw

        init?(query: String?) {
            guard let query else {
                self = .full
                return
            }
            self.init(rawValue: query.lowercased())
        }
    }

    /// The message in `format`. `metadataHeaders` limits the headers of `metadata` (any case);
    /// `attachmentNonce` goes into attachment ids (0 = stable ids).
    static func json(_ stored: StoredMessage, format: Format, metadataHeaders: [String] = [],
                     attachmentNonce: UInt64 = 0) -> JSON {
        let head: [(String, JSON?)] = [
            ("id", .string(stored.id)),
            ("threadId", .string(stored.threadID)),
            ("labelIds", .strings(stored.labelIDs)),
            ("snippet", .string(stored.content.snippet)),
        ]
        let tail: [(String, JSON?)] = [
            ("sizeEstimate", .number(stored.content.raw.count)),
            ("historyId", .string(String(stored.historyID))),
            ("internalDate", .string(String(stored.internalDate))),
        ]
        switch format {
        case .minimal:
            return .compactObject(head + tail)
        case .raw:
            return .compactObject(head + tail + [("raw", .string(Base64.encodeURLSafe(stored.content.raw)))])
        case .metadata:
            let wanted = Set(metadataHeaders.map { $0.lowercased() })
            let headers = stored.content.message.headers.filter { wanted.isEmpty || wanted.contains($0.key) }
            let root = stored.content.message.root
            let payload = JSON.object([
                ("partId", .string("")),
                ("mimeType", .string(root.contentType.mimeType.lowercased())),
                ("filename", .string(root.filename ?? "")),
                ("headers", headersJSON(headers)),
                ("body", .object([("size", .number(0))])),
            ])
            return .compactObject(head + tail + [("payload", payload)])
        case .full:
            let payload = part(stored.content.message.root, partID: "", nonce: attachmentNonce)
            return .compactObject(head + [("payload", payload)] + tail)
        }
    }

    /// The `{id, threadId, labelIds}` answer of send, modify, trash and untrash.
    static func brief(_ stored: StoredMessage) -> JSON {
        .compactObject([("id", .string(stored.id)), ("threadId", .string(stored.threadID)),
                        ("labelIds", .strings(stored.labelIDs))])
    }

    /// A MessagePart: `partId` "" at the top, then "0", "1", "0.1"…; containers have `{"size": 0}`;
    /// attachments carry an `attachmentId`, other leaves their decoded bytes as `data`.
    static func part(_ part: MIMEPart, partID: String, nonce: UInt64) -> JSON {
        let children = part.children
        var members: [(String, JSON?)] = [
            ("partId", .string(partID)),
            ("mimeType", .string(part.contentType.mimeType.lowercased())),
            ("filename", .string(part.filename ?? "")),
            ("headers", headersJSON(part.headers)),
        ]
        if case .multipart = part.content {
            members.append(("body", .object([("size", .number(0))])))
            let prefix = partID.isEmpty ? "" : partID + "."
            members.append(("parts", .array(children.enumerated().map { index, child in
                Self.part(child, partID: prefix + String(index), nonce: nonce)
            })))
        } else {
            let decoded = part.decodedBody
            if isAttachment(part) {
                members.append(("body", .object([("attachmentId", .string(AttachmentID.make(partID: partID, nonce: nonce))),
                                                 ("size", .number(decoded.count))])))
            } else if decoded.isEmpty {
                members.append(("body", .object([("size", .number(0))])))
            } else {
                members.append(("body", .object([("size", .number(decoded.count)),
                                                 ("data", .string(Base64.encodeURLSafe(decoded)))])))
            }
        }
        return .compactObject(members)
    }

    /// Leaves fetched with attachments.get: named parts, attachments and attached messages.
    static func isAttachment(_ part: MIMEPart) -> Bool {
        if case .multipart = part.content { return false }
        if case .message = part.content { return true }
        return part.filename != nil || part.isAttachment
    }

    /// The leaf `partID` of a message ("" is the top, "1.0" the first child of the second part).
    static func leaf(_ root: MIMEPart, partID: String) -> MIMEPart? {
        guard !partID.isEmpty else { return root }
        var current = root
        for piece in partID.split(separator: ".", omittingEmptySubsequences: false) {
            guard let index = Int(piece), index >= 0, index < current.children.count else { return nil }
            current = current.children[index]
        }
        return current
    }

    /// Headers in message order, values unfolded (CRLF dropped, the white space after kept) and
    /// encoded-words decoded.
    static func headersJSON(_ fields: [HeaderField]) -> JSON {
        .array(fields.map { field in
            .object([("name", .string(field.name)), ("value", .string(EncodedWord.decodeText(field.value)))])
        })
    }
}

/// Attachment ids: opaque to clients, but they carry the part id, so any id the simulator ever
/// handed out for a part keeps working after ids rotate.
enum AttachmentID {
    static let prefix = "ANGjdJ"

    static func make(partID: String, nonce: UInt64) -> String {
        let payload = Array("\(partID)|\(String(nonce, radix: 36))|rapport-simulator".utf8)
        return prefix + Base64.encodeURLSafe(payload, padded: false)
    }

    /// The part id inside an attachment id, or nil when it is not one of ours.
    static func partID(of attachmentID: String) -> String? {
        guard attachmentID.hasPrefix(prefix) else { return nil }
        let decoded = String(decoding: Base64.decode(attachmentID.utf8.dropFirst(prefix.utf8.count)), as: UTF8.self)
        let pieces = decoded.split(separator: "|", omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[2] == "rapport-simulator" else { return nil }
        return String(pieces[0])
    }
}

import Foundation

/// Writes outgoing mail that looks right in every client and threads in Gmail: RFC 5322 headers
/// (encoded-words for non-ASCII, folded at 76 columns), MIME 1.0 bodies, CRLF line ends.
public enum MessageWriter {
    /// The message's bytes. Text is quoted-printable when it is not plain short-lined ASCII; a body
    /// with formatting gets an HTML alternative; attachments are base64 with RFC 2231 file names.
    public static func write(_ message: OutgoingMessage) -> [UInt8] {
        var out = ""
        out += HeaderFolder.field("Date", MailDate.format(message.date))
        out += HeaderFolder.field("From", message.from.headerText)
        if !message.to.isEmpty { out += HeaderFolder.field("To", MailAddress.formatList(message.to)) }
        if !message.cc.isEmpty { out += HeaderFolder.field("Cc", MailAddress.formatList(message.cc)) }
        if !message.bcc.isEmpty { out += HeaderFolder.field("Bcc", MailAddress.formatList(message.bcc)) }
        out += HeaderFolder.field("Subject", EncodedWord.encode(message.subject))
        out += HeaderFolder.field("Message-ID", "<\(message.messageID)>")
        // The parent's ids come from received mail and the shared database: only ids that are one
        // header word are written, so that none brings a line break or a header with it.
        if let parent = message.inReplyTo, MessageIDList.isWritable(parent) {
            out += HeaderFolder.field("In-Reply-To", "<\(parent)>")
        }
        let references = message.references.filter(MessageIDList.isWritable)
        if !references.isEmpty {
            out += HeaderFolder.field("References", references.map { "<\($0)>" }.joined(separator: " "))
        }
        out += HeaderFolder.field("MIME-Version", "1.0")
        var bytes = Array(out.utf8)
        var boundaries = BoundaryMaker()
        let body = bodyEntity(message.body, boundaries: &boundaries)
        if message.attachments.isEmpty {
            bytes += body
        } else {
            let boundary = boundaries.next()
            bytes += Array(HeaderFolder.field("Content-Type", "multipart/mixed; boundary=\"\(boundary)\"").utf8)
            bytes += Array("\r\n".utf8)
            bytes += Array("--\(boundary)\r\n".utf8) + body
            for attachment in message.attachments {
                bytes += Array("\r\n--\(boundary)\r\n".utf8) + attachmentEntity(attachment)
            }
            bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        }
        return bytes
    }

    /// The text entity (headers and body), or text and HTML alternatives when the body has formatting.
    private static func bodyEntity(_ text: String, boundaries: inout BoundaryMaker) -> [UInt8] {
        let plain = textEntity(text, subtype: "plain")
        guard MarkdownLite.hasFormatting(text) else { return plain }
        let boundary = boundaries.next()
        var bytes = Array(HeaderFolder.field("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"").utf8)
        bytes += Array("\r\n--\(boundary)\r\n".utf8) + plain
        bytes += Array("\r\n--\(boundary)\r\n".utf8) + textEntity(MarkdownLite.html(text), subtype: "html")
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        return bytes
    }

    private static func textEntity(_ text: String, subtype: String) -> [UInt8] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let crlf = Array(lines.joined(separator: "\r\n").utf8)
        let plainASCII = crlf.allSatisfy { $0 < 0x80 && ($0 >= 0x20 || $0 == 0x0D || $0 == 0x0A || $0 == 0x09) }
            && lines.allSatisfy { $0.utf8.count <= 76 } && !lines.contains { $0.hasPrefix("From ") }
        var bytes = Array(HeaderFolder.field("Content-Type", "text/\(subtype); charset=utf-8").utf8)
        if plainASCII {
            bytes += Array(HeaderFolder.field("Content-Transfer-Encoding", "7bit").utf8)
            bytes += Array("\r\n".utf8) + crlf
        } else {
            bytes += Array(HeaderFolder.field("Content-Transfer-Encoding", "quoted-printable").utf8)
            bytes += Array("\r\n".utf8) + QuotedPrintable.encode(crlf)
        }
        return bytes
    }

    private static func attachmentEntity(_ attachment: OutgoingMessage.Attachment) -> [UInt8] {
        let type = attachment.contentType.isEmpty ? "application/octet-stream" : attachment.contentType
        var header = HeaderFolder.field("Content-Type", "\(type); \(MIMEParameters.encode(name: "name", value: attachment.filename))")
        header += HeaderFolder.field("Content-Disposition",
                                     "attachment; \(MIMEParameters.encode(name: "filename", value: attachment.filename))")
        header += HeaderFolder.field("Content-Transfer-Encoding", "base64")
        return Array((header + "\r\n").utf8) + Base64.encode(attachment.data)
    }

    /// Boundaries that cannot occur in base64 or quoted-printable content ("=_" never does).
    private struct BoundaryMaker {
        private let stem = "=_rapport_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        private var count = 0

        mutating func next() -> String {
            count += 1
            return "\(stem)_\(count)"
        }
    }
}

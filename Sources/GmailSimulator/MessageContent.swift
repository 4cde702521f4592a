import Foundation
import MailFormat

/// The immutable part of a stored message: its bytes (CRLF line ends), the parsed tree, and what
/// search and threading need, worked out once.
final class MessageContent: Sendable {
    let raw: [UInt8]
    let message: Message
    /// The Message-ID without angle brackets.
    let messageID: String?
    /// In-Reply-To and References ids, without angle brackets.
    let referencedIDs: [String]
    let subject: String
    /// The subject without Re:/Fwd: prefixes, lower-cased: what threading compares.
    let threadSubject: String
    /// Lower-cased header text for from:/to:/cc:/bcc: search (names and addresses).
    let fromText: String
    let toText: String
    let ccText: String
    let bccText: String
    /// Every recipient address (To, Cc, Bcc), lower-cased.
    let recipients: [String]
    /// The Gmail snippet, HTML-escaped.
    let snippet: String
    /// Subject, addresses and body text, lower-cased, for free-text search.
    let searchText: String
    let hasAttachment: Bool

    init(raw input: [UInt8]) {
        let raw = Self.crlf(input)
        self.raw = raw
        let message = Message(bytes: raw)
        self.message = message
        messageID = message.messageID
        referencedIDs = message.inReplyTo + message.references
        subject = message.subject ?? ""
        threadSubject = Self.threadSubject(subject)
        func text(_ name: String) -> String {
            message.headers.all(name).map { EncodedWord.decodeText($0.value) }.joined(separator: ", ").lowercased()
        }
        fromText = text("from")
        toText = text("to")
        ccText = text("cc")
        bccText = text("bcc")
        recipients = (message.to + message.cc + message.bcc).compactMap { $0.address?.lowercased() }
        let structure = message.bodyStructure
        let body: String
        if let plain = structure.textBody.first(where: { $0.contentType.mimeType == "text/plain" }) {
            body = plain.text
        } else if let html = structure.htmlBody.first(where: { $0.contentType.mimeType == "text/html" }) {
            body = HTMLText.render(html.text)
        } else {
            body = ""
        }
        snippet = Snippet.make(from: body)
        searchText = [subject, fromText, toText, ccText, body].joined(separator: "\n").lowercased()
        hasAttachment = !structure.attachments.isEmpty
    }

    /// The subject threading compares: Re:/Fwd:/Fw: prefixes (repeated, any case) removed,
    /// white space collapsed, lower-cased.
    static func threadSubject(_ subject: String) -> String {
        var text = subject.trimmingCharacters(in: .whitespaces)
        var changed = true
        while changed {
            changed = false
            for prefix in ["re:", "fwd:", "fw:", "aw:", "wg:"] where text.lowercased().hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                changed = true
            }
        }
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ").lowercased()
    }

    /// `bytes` with every bare LF (and bare CR) turned into CRLF, as Gmail stores messages.
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var needs = false
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { needs = true; break }
            if byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A) { needs = true; break }
        }
        guard needs else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 40)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                output.append(0x0D)
                output.append(0x0A)
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else if byte == 0x0A {
                output.append(0x0D)
                output.append(0x0A)
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }
}

/// Gmail's snippet: the start of the text, white space collapsed, HTML-escaped.
enum Snippet {
    static let length = 200

    static func make(from body: String) -> String {
        var collapsed = ""
        collapsed.reserveCapacity(min(body.utf8.count, length * 2))
        var pendingSpace = false
        var count = 0
        for character in body {
            if character.isWhitespace || character.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) {
                pendingSpace = !collapsed.isEmpty
                continue
            }
            if pendingSpace {
                collapsed.append(" ")
                count += 1
                pendingSpace = false
            }
            if count >= length { break }
            collapsed.append(character)
            count += 1
        }
        return HTMLEntities.escape(collapsed.trimmingCharacters(in: .whitespaces))
    }
}

import Foundation
import MailFormat

extension IncomingEmail {
    /// The parts of a parsed message the CRM keeps: who, when, subject, a snippet, the text (the
    /// HTML rendered as text when there is no plain part), the Message-IDs it answers (References,
    /// else In-Reply-To, and In-Reply-To itself), Reply-To, the names of recipients, the headers that mark bulk or automatic mail, and its
    /// attachments, with the bytes of each that has at most `keepingAttachmentBytes`. Addresses that
    /// are not addresses are dropped.
    public init(message: Message, mailboxID: Int64, gmailID: String, threadID: String?, labels: [String],
                receivedAt: Date?, historyID: UInt64? = nil, keepingAttachmentBytes: Int = Self.defaultKeptAttachmentBytes) {
        let sender = message.from.first ?? message.sender.first
        let structure = message.bodyStructure
        let text = structure.text.map { $0.replacingOccurrences(of: "\r\n", with: "\n") }
            ?? structure.html.map(HTMLText.render)
        let to = Self.addresses(message.to), cc = Self.addresses(message.cc), replyTo = Self.addresses(message.replyTo)
        self.init(mailboxID: mailboxID, gmailID: gmailID, threadID: threadID, messageID: message.messageID,
                  fromName: sender?.name, fromAddress: sender?.address.flatMap(EmailAddress.init),
                  to: to.map(\.address), cc: cc.map(\.address),
                  subject: message.subject ?? "", snippet: Self.snippet(of: text ?? ""), bodyText: text,
                  internalDate: receivedAt ?? message.date ?? Date(timeIntervalSince1970: 0), labels: labels,
                  references: message.references.isEmpty ? message.inReplyTo : message.references,
                  historyID: historyID,
                  attachments: IncomingAttachment.all(in: structure, keepingBytes: keepingAttachmentBytes)
                      .map(\.attachment),
                  inReplyTo: message.inReplyTo, replyTo: replyTo.map(\.address),
                  displayNames: NamedAddress.names(to + cc + replyTo),
                  automation: MailAutomation(headers: message.headers))
    }

    /// `[mail] keep_attachments_mb`'s default, in bytes.
    public static let defaultKeptAttachmentBytes = NumberSetting.keepAttachmentsMB.wholeDefault << 20

    /// The addresses of a field with their names, each once.
    private static func addresses(_ list: [MailAddress]) -> [NamedAddress] {
        var result: [NamedAddress] = []
        for entry in list {
            guard let address = entry.address.flatMap(EmailAddress.init),
                  !result.contains(where: { $0.address == address }) else { continue }
            result.append(NamedAddress(name: entry.name, address: address))
        }
        return result
    }

    /// The first 200 characters of the text on one line, as Gmail's snippet reads.
    static func snippet(of text: String) -> String {
        var snippet = ""
        var count = 0
        var pendingSpace = false
        for character in text {
            if character.isWhitespace || character.isNewline {
                pendingSpace = count > 0
                continue
            }
            if pendingSpace {
                snippet.append(" ")
                count += 1
                pendingSpace = false
            }
            snippet.append(character)
            count += 1
            if count >= 200 { break }
        }
        return snippet
    }
}

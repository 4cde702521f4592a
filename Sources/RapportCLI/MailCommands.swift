import CRMCore
import Foundation
import Hardening
import MailFormat
import TerminalUI

/// `parse`: read one message file the way Rapport reads incoming mail.
enum MailCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["parse"], arguments: "FILE|-", positionals: 1...1,
                    summary: "decode one RFC 5322 message (FILE may be - for standard input)",
                    options: [.number("--max-size", "MB", .parseMaxSize, "the largest message it reads"), .json],
                    run: parse),
    ]

    static func parse(_ run: Invocation) throws {
        let megabytes = run.arguments.whole("--max-size") ?? NumberSetting.parseMaxSize.wholeDefault
        let bytes = try BoundedInput(run.arguments.positionals[0], limit: megabytes << 20,
                                     overLimit: "if it really is one message, raise the limit with --max-size MB").read()
        let message = Message(bytes: bytes)
        if run.wantsJSON {
            run.printJSON(MessageJSON.message(message))
        } else {
            run.print(readable(message))
        }
    }

    /// Headers, the text (or the HTML rendered as text), and the attachments, safe for a terminal.
    private static func readable(_ message: Message) -> String {
        func names(_ list: [MailAddress]) -> String {
            SafeText.line(list.map { address in
                switch (address.name, address.address) {
                case let (name?, mail?): return "\(name) <\(mail)>"
                case let (nil, mail?): return mail
                case let (name?, nil): return name
                default: return ""
                }
            }.joined(separator: ", "))
        }
        var lines: [String] = []
        lines.append("From:     " + names(message.from))
        lines.append("To:       " + names(message.to))
        if !message.cc.isEmpty { lines.append("Cc:       " + names(message.cc)) }
        lines.append("Date:     " + Format.date(message.date))
        lines.append("Subject:  " + SafeText.line(message.subject ?? ""))
        let attachments = message.bodyStructure.attachments
        if !attachments.isEmpty {
            lines.append("Attached: " + attachments.map {
                SafeText.line($0.filename ?? $0.contentType.mimeType) + " (\($0.decodedBody.count) bytes)"
            }.joined(separator: ", "))
        }
        lines.append("")
        if let text = message.text {
            lines.append(SafeText.block(text.replacingOccurrences(of: "\r\n", with: "\n")))
        } else if let html = message.html {
            lines.append(SafeText.block(HTMLText.render(html)))
        } else {
            lines.append("(no text)")
        }
        return lines.joined(separator: "\n")
    }
}

/// The JSON shape of `rapport parse --json` (CONTRACT.md).
enum MessageJSON {
    static func message(_ message: Message) -> JSONValue {
        let structure = message.bodyStructure
        return .object([
            ("message_id", .string(message.messageID)),
            ("subject", .string(message.subject)),
            ("date", .string(message.date.map(ISODate.format))),
            ("from", addresses(message.from)),
            ("to", addresses(message.to)),
            ("cc", addresses(message.cc)),
            ("reply_to", addresses(message.replyTo)),
            ("in_reply_to", .array(message.inReplyTo.map { .string($0) })),
            ("references", .array(message.references.map { .string($0) })),
            ("text", .string(message.text)),
            ("html", .string(message.html)),
            ("attachments", .array(structure.attachments.map(attachment))),
            ("parts", part(message.root)),
        ])
    }

    static func addresses(_ list: [MailAddress]) -> JSONValue {
        .array(list.map { .object([("name", .string($0.name)), ("address", .string($0.address))]) })
    }

    static func attachment(_ part: MIMEPart) -> JSONValue {
        let data = part.decodedBody
        return .object([
            ("filename", .string(part.filename)),
            ("content_type", .string(part.contentType.mimeType)),
            ("size", .int(data.count)),
            ("sha256", .string(SHA256.hex(data))),
        ])
    }

    static func part(_ part: MIMEPart) -> JSONValue {
        var members: [(String, JSONValue)] = [("content_type", .string(part.contentType.mimeType))]
        if let filename = part.filename { members.append(("filename", .string(filename))) }
        switch part.content {
        case .single: break
        case .multipart(let children): members.append(("parts", .array(children.map { self.part($0) })))
        case .message(let inner): members.append(("message", self.part(inner.root)))
        }
        return .object(members)
    }
}

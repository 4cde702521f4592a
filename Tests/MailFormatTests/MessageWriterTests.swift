import DeterministicRandom
import Foundation
import Testing
@testable import MailFormat

/// What MessageWriter writes, MessageParser reads back the same: names, subjects and bodies in many
/// scripts, long lines, replies and attachments, for a few hundred generated messages (fixed seed).
@Suite struct MessageWriterTests {
    static let names = ["Ann Lee", "Zoë Ångström", "Лев Толстой", "Σωκράτης", "山田 太郎", "김민준", "محمد علي",
                        "דוד כהן", "Lee, Ann (Sales)", "O'Brien \"Bob\"", "Émile 🚀 Zola", "Ng", "a.b@c", "José Ñúñez"]
    static let words = ["pricing", "renewal", "Grüße", "Привет", "γεια", "会議", "견적", "مرحبا", "שלום", "🙂", "naïve",
                        "=?utf-8?q?x?=", "From", ".", "café", "contract", "—", "x=y", "100%", "\"quoted\""]

    /// A message of random names, words, lines, recipients, threading and attachments.
    static func message(_ index: Int, random: inout SeededRandom) -> OutgoingMessage {
        func pick<T>(_ list: [T]) -> T { list[random.below(list.count)] }
        func sentence(_ count: Int) -> String { (0..<count).map { _ in pick(Self.words) }.joined(separator: " ") }
        let from = MailAddress(name: pick(Self.names), address: "sender\(index)@example.com")
        let to = (0..<(1 + random.below(3))).map { MailAddress(name: random.below(3) == 0 ? nil : pick(Self.names),
                                                               address: "to\(index).\($0)@example.org") }
        var lines: [String] = []
        for _ in 0..<(1 + random.below(8)) {
            switch random.below(6) {
            case 0: lines.append(sentence(40))
            case 1: lines.append("")
            case 2: lines.append("From the desk of \(pick(Self.names))  ")
            case 3: lines.append("- " + sentence(3))
            default: lines.append(sentence(1 + random.below(8)))
            }
        }
        if random.below(4) == 0 { lines.append("See **this** and [the deck](https://example.com/d?x=1)") }
        let date = Date(timeIntervalSince1970: TimeInterval(1_600_000_000 + random.below(200_000_000)))
        var outgoing = OutgoingMessage(from: from, to: to, subject: sentence(1 + random.below(14)),
                                       body: lines.joined(separator: "\n"), date: date,
                                       messageID: "rapport.\(index).\(random.next())@example.com")
        if random.below(2) == 0 { outgoing.cc = [MailAddress(name: pick(Self.names), address: "cc\(index)@example.net")] }
        if random.below(3) == 0 {
            outgoing.inReplyTo = "parent\(index)@example.org"
            outgoing.references = ["root\(index)@example.org", "parent\(index)@example.org"]
        }
        for attachment in 0..<random.below(3) {
            let size = random.below(4000)
            let data = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            outgoing.attachments.append(.init(filename: "\(pick(Self.words))-\(attachment).bin",
                                              contentType: "application/octet-stream", data: data))
        }
        return outgoing
    }

    @Test func whatIsWrittenParsesBackTheSame() throws {
        var random = SeededRandom(seed: 77)
        for index in 0..<300 {
            let original = Self.message(index, random: &random)
            let bytes = MessageWriter.write(original)
            let parsed = Message(bytes: bytes)
            #expect(parsed.subject == original.subject, "message \(index)")
            #expect(parsed.from == [original.from], "message \(index)")
            #expect(parsed.to == original.to, "message \(index)")
            #expect(parsed.cc == original.cc, "message \(index)")
            #expect(parsed.date == original.date, "message \(index)")
            #expect(parsed.messageID == original.messageID)
            #expect(parsed.inReplyTo == (original.inReplyTo.map { [$0] } ?? []))
            #expect(parsed.references == original.references)
            let text = parsed.text?.replacingOccurrences(of: "\r\n", with: "\n")
            #expect(text == original.body, "message \(index)")
            if MarkdownLite.hasFormatting(original.body) {
                #expect(parsed.html != nil, "message \(index) has an HTML alternative")
            }
            let attachments = parsed.bodyStructure.attachments
            #expect(attachments.map(\.filename) == original.attachments.map(\.filename), "message \(index)")
            #expect(attachments.map(\.decodedBody) == original.attachments.map(\.data), "message \(index)")
        }
    }

    @Test func headersAreFoldedASCIIWithCRLF() {
        var random = SeededRandom(seed: 78)
        for index in 0..<100 {
            let bytes = MessageWriter.write(Self.message(index, random: &random))
            let text = String(decoding: bytes, as: UTF8.self)
            let headerBlock = text.components(separatedBy: "\r\n\r\n")[0]
            for line in headerBlock.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 76, "header line too long: \(line)")
                #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII header line: \(line)")
                if !line.hasPrefix(" ") {
                    // The value starts on the field's own line: never "Subject:" alone, then a fold.
                    #expect(line.range(of: #"^[A-Za-z-]+: \S"#, options: .regularExpression) != nil,
                            "a field folded right after its name: \(line)")
                }
            }
            #expect(!bytes.enumerated().contains { $0.element == 0x0A && ($0.offset == 0 || bytes[$0.offset - 1] != 0x0D) },
                    "every line ends with CRLF")
            #expect(text.contains("MIME-Version: 1.0\r\n"))
            #expect(text.contains("Date: "))
        }
    }

    @Test func longAndNonASCIISubjectsStartOnTheSubjectLine() {
        for subject in [Array(repeating: "Quarterly numbers", count: 12).joined(separator: " "), "Grüße aus München", String(repeating: "見積書", count: 30),
                        "https://example.com/" + String(repeating: "segment/", count: 15)] {
            let message = OutgoingMessage(from: MailAddress(name: "Ann", address: "ann@example.com"), to: [], subject: subject,
                                          body: "", date: Date(timeIntervalSince1970: 0), messageID: "s@example.com")
            let text = String(decoding: MessageWriter.write(message), as: UTF8.self)
            let line = try? #require(text.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject:") })
            #expect(line.map { $0.count > "Subject: ".count && $0.hasPrefix("Subject: ") } == true, "\(subject)")
            #expect(Message(bytes: Array(text.utf8)).subject == subject)
        }
    }

    @Test func aDisplayNameWithACommaIsKeptInTo() {
        let message = OutgoingMessage(from: MailAddress(name: "Ann", address: "ann@example.com"),
                                      to: [MailAddress(name: "Müller, Jörg", address: "joerg@acme.example"),
                                           MailAddress(name: "Lee, Ann", address: "lee@acme.example")],
                                      subject: "Hi", body: "", date: Date(timeIntervalSince1970: 0), messageID: "n@example.com")
        let text = String(decoding: MessageWriter.write(message), as: UTF8.self)
        let to = Message(bytes: Array(text.utf8)).headers.first("to").map { String(decoding: $0.value, as: UTF8.self) }
        #expect(to?.hasPrefix("=?UTF-8?") == true)
        #expect(to?.hasSuffix("\"Lee, Ann\" <lee@acme.example>") == true)
        #expect(Message(bytes: Array(text.utf8)).to == message.to)
    }

    @Test func aReplyThreadsAndAPlainBodyStaysSevenBit() {
        var reply = OutgoingMessage(from: MailAddress(name: "Ann", address: "ann@example.com"),
                                    to: [MailAddress(name: nil, address: "carol@client.example")],
                                    subject: "Re: Pricing", body: "Sounds good.\nTalk soon.",
                                    date: Date(timeIntervalSince1970: 1_800_000_000), messageID: "m2@example.com")
        reply.inReplyTo = "m1@client.example"
        reply.references = ["m0@client.example", "m1@client.example"]
        let text = String(decoding: MessageWriter.write(reply), as: UTF8.self)
        #expect(text.contains("In-Reply-To: <m1@client.example>\r\n"))
        #expect(text.contains("References: <m0@client.example> <m1@client.example>\r\n"))
        #expect(text.contains("Content-Transfer-Encoding: 7bit\r\n"))
        #expect(text.hasSuffix("\r\n\r\nSounds good.\r\nTalk soon."))
        #expect(text.contains("Date: Fri, 15 Jan 2027 08:00:00 +0000\r\n"))
    }

    @Test func idsThatAreNotOneHeaderWordAreNotWritten() {
        var reply = OutgoingMessage(from: MailAddress(name: "Ann", address: "ann@example.com"),
                                    to: [MailAddress(name: nil, address: "carol@client.example")],
                                    subject: "Re: Pricing", body: "Yes.", date: Date(timeIntervalSince1970: 0),
                                    messageID: "m2@example.com")
        reply.inReplyTo = "m1@client.example>\r\nBcc: spy@rival.example\r\nX: <x"
        reply.references = ["m0@client.example", "with space@client.example", "a<b@client.example",
                            String(repeating: "x", count: 901) + "@client.example", "m1@client.example"]
        let text = String(decoding: MessageWriter.write(reply), as: UTF8.self)
        #expect(!text.contains("spy@rival.example") && !text.contains("In-Reply-To"))
        #expect(text.contains("References: <m0@client.example> <m1@client.example>\r\n"))
        let parsed = Message(bytes: Array(text.utf8))
        #expect(parsed.bcc.isEmpty && parsed.references == ["m0@client.example", "m1@client.example"])
        for id in ["m1@client.example", "a.b-c_d+e=f@[127.0.0.1]", String(repeating: "x", count: 880) + "@c.example"] {
            #expect(MessageIDList.isWritable(id), "\(id)")
        }
        for id in ["", "a b@c", "a\tb@c", "<a@c>", "a@c\r\n", "é@c"] { #expect(!MessageIDList.isWritable(id), "\(id)") }
    }
}

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

    private func message(_ index: Int, random: inout SeededRandom) -> OutgoingMessage {
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
            let original = message(index, random: &random)
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
            let bytes = MessageWriter.write(message(index, random: &random))
            let text = String(decoding: bytes, as: UTF8.self)
            let headerBlock = text.components(separatedBy: "\r\n\r\n")[0]
            for line in headerBlock.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 78, "header line too long: \(line)")
                #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII header line: \(line)")
            }
            #expect(!bytes.enumerated().contains { $0.element == 0x0A && ($0.offset == 0 || bytes[$0.offset - 1] != 0x0D) },
                    "every line ends with CRLF")
            #expect(text.contains("MIME-Version: 1.0\r\n"))
            #expect(text.contains("Date: "))
        }
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
}

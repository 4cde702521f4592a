import DeterministicRandom
import Foundation
import RapportTestSupport
import Testing
@testable import MailFormat

/// What MessageWriter writes, read by an independent reader: Python's `email` package with
/// `policy.default` (the modern, strict one). Every message must parse without a defect, and every
/// field must come back as written: subject, addresses with their display names, ids, attachment
/// names and bodies. Skipped, with a note, where python3 is not installed.
@Suite struct MessageWriterPythonTests {
    private static let me = MailAddress(name: "Ann Lee", address: "ann@northwind.example")
    private static let date = Date(timeIntervalSince1970: 1_800_000_000)

    /// Messages of the shapes that go wrong: long and non-ASCII subjects, names with commas and
    /// quotes, long recipient lists, replies, attachments with non-ASCII and long names.
    static func shapes() -> [OutgoingMessage] {
        func message(_ subject: String, to: [MailAddress] = [MailAddress(name: "Bob Stone", address: "bob@acme.example")],
                     body: String = "Hello,\n\nsee below.\n\nAnn") -> OutgoingMessage {
            OutgoingMessage(from: me, to: to, subject: subject, body: body, date: date, messageID: "m\(subject.count)@northwind.example")
        }
        var list: [OutgoingMessage] = []
        list.append(message("Quarterly pricing review for the enterprise tier, the support add-on and the onboarding "
                            + "package, with the volume discounts we discussed on Tuesday"))
        list.append(message("Angebot für die Müller GmbH: Preise, Lieferzeiten und Schulungen für das nächste Jahr"))
        list.append(message("Grüße"))
        list.append(message("見積書の件について、来週の打ち合わせの前にご確認いただけますでしょうか。よろしくお願いいたします。"))
        list.append(message("https://example.com/a/very/long/link/that/cannot/be/broken/anywhere/because/it/has/no/spaces/at/all"))
        list.append(message("Re: Réunion — ordre du jour"))
        list.append(message(String(repeating: "x", count: 70)))
        list.append(message("Names", to: [
            MailAddress(name: "Müller, Jörg", address: "joerg@acme.example"),
            MailAddress(name: "Lee, Ann (Sales)", address: "ann.lee@acme.example"),
            MailAddress(name: "O'Brien \"Bob\"", address: "bob@acme.example"),
            MailAddress(name: "山田 太郎", address: "yamada@sakura.example"),
            MailAddress(name: nil, address: "plain@acme.example"),
        ]))
        list.append(message("A long list", to: (0..<40).map {
            MailAddress(name: $0 % 3 == 0 ? "Zoë Ångström \($0)" : "Person, Number \($0)", address: "p\($0)@acme.example")
        }))
        var names = message("Display names everywhere")
        names.from = MailAddress(name: "Jörg Müller, Sales", address: "joerg@northwind.example")
        names.cc = [MailAddress(name: "Lee, Ann", address: "ann@acme.example"), MailAddress(name: "Σωκράτης", address: "s@acme.example")]
        list.append(names)
        var reply = message("Re: Pricing for next year")
        reply.inReplyTo = "parent.1234@acme.example"
        reply.references = ["root.1@acme.example", "middle.22@acme.example", "parent.1234@acme.example"]
        list.append(reply)
        var files = message("Files", body: "The quote and notes are **attached**.")
        for (index, name) in ["Angebot für Müller.pdf", "見積書.pdf", "notes.txt", "Price list (2027) — final, v2.xlsx",
                              String(repeating: "long name ", count: 12) + ".csv", "quote \"final\".pdf"].enumerated() {
            files.attachments.append(.init(filename: name, contentType: ContentType(forFilename: name).mimeType,
                                           data: (0..<(100 + index * 300)).map { UInt8(truncatingIfNeeded: $0 &* 7) }))
        }
        list.append(files)
        return list
    }

    @Test func pythonReadsWhatIsWrittenWithoutDefects() throws {
        guard PythonEmail.python != nil else {
            print("python3 not found: skipping the check of written mail with Python's email package")
            return
        }
        var random = SeededRandom(seed: 79)
        let generated = (0..<120).map { MessageWriterTests.message($0, random: &random) }
        let messages = Self.shapes() + generated
        let readings = try PythonEmail.read(messages.map(MessageWriter.write))
        try #require(readings.count == messages.count)
        for (original, reading) in zip(messages, readings) {
            let label = original.subject
            #expect(reading["defects"] as? [String] == [], "\(label)")
            #expect(reading["subject"] as? String == original.subject, "\(label)")
            func pairs(_ addresses: [MailAddress]) -> [[String]] {
                addresses.map { [MailAddress.normalized($0.name ?? ""), $0.address ?? ""] }
            }
            #expect(reading["from"] as? [[String]] == pairs([original.from]), "\(label)")
            #expect(reading["to"] as? [[String]] == pairs(original.to), "\(label)")
            #expect(reading["cc"] as? [[String]] == pairs(original.cc), "\(label)")
            #expect(reading["message_id"] as? String == "<\(original.messageID)>", "\(label)")
            #expect(reading["in_reply_to"] as? String == original.inReplyTo.map { "<\($0)>" }, "\(label)")
            let references = original.references.isEmpty ? nil : original.references.map { "<\($0)>" }.joined(separator: " ")
            #expect((reading["references"] as? String).map(PythonEmail.unfolded) == references, "\(label)")
            #expect((reading["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == original.body, "\(label)")
            let attachments = original.attachments.map { [$0.filename, $0.contentType, String($0.data.count)] }
            let read = (reading["attachments"] as? [[Any]] ?? []).map { $0.map { "\($0)" } }
            #expect(read == attachments, "\(label)")
        }
    }
}

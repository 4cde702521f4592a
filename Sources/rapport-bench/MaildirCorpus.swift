import DeterministicRandom
import Foundation
import MailFormat

/// A realistic Maildir for the ingest benchmark: replies with quoted history, HTML newsletters,
/// mail sent from the mailbox, the odd attachment and legacy charset, from a thousand correspondents
/// of whom a few hundred are contacts.
struct MaildirCorpus {
    let folder: URL
    let ownAddress = "maria@northwindsales.com"
    var random: SeededRandom
    private(set) var people: [(name: String, address: String)] = []

    init(folder: URL, seed: UInt64) {
        self.folder = folder
        random = SeededRandom(seed: seed)
        for index in 0..<1_000 {
            let first = Vocabulary.firstNames[index % Vocabulary.firstNames.count]
            let last = Vocabulary.lastNames[(index * 7) % Vocabulary.lastNames.count]
            let company = Vocabulary.companyStems[(index * 3) % Vocabulary.companyStems.count].lowercased()
            let local = "\(first).\(last)\(index)".lowercased().folding(options: .diacriticInsensitive, locale: nil)
                .filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }
            let domain = company.folding(options: .diacriticInsensitive, locale: nil)
                .filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
            let address = "\(local)@\(domain).example"
            people.append(("\(first) \(last)", address))
        }
    }

    /// The first `count` correspondents as a contacts CSV.
    func contactsCSV(count: Int) -> String {
        "name,email\n" + people.prefix(count).map { "\"\($0.name)\",\($0.address)" }.joined(separator: "\n") + "\n"
    }

    /// Writes `count` messages; returns their total size in bytes.
    mutating func write(count: Int) throws -> Int {
        let inbox = folder.appendingPathComponent("cur")
        let sent = folder.appendingPathComponent(".Sent/cur")
        for directory in [inbox, sent, folder.appendingPathComponent("new"), folder.appendingPathComponent("tmp")] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        var total = 0
        let start = 1_700_000_000
        for index in 0..<count {
            let outgoing = random.chance(0.25)
            let bytes = message(index, outgoing: outgoing, at: Date(timeIntervalSince1970: TimeInterval(start + index * 900)))
            let name = "\(start + index * 900).\(index).bench:2,S"
            try Data(bytes).write(to: (outgoing ? sent : inbox).appendingPathComponent(name))
            total += bytes.count
        }
        return total
    }

    private mutating func message(_ index: Int, outgoing: Bool, at date: Date) -> [UInt8] {
        let person = people[random.skewedIndex(people.count, skew: 1.6)]
        let me = MailAddress(name: "Maria Keller", address: ownAddress)
        let them = MailAddress(name: person.name, address: person.address)
        let subject = (random.chance(0.5) ? "Re: " : "") + random.pick(Vocabulary.subjects)
        if !outgoing && random.chance(0.01) { return legacyCharsetMessage(index, from: them, subject: subject, at: date) }
        var body = SyntheticText.mailBody(to: outgoing ? String(person.name.split(separator: " ")[0]) : "Maria",
                                          from: outgoing ? "Maria" : person.name, random: &random)
        if subject.hasPrefix("Re: ") {
            body += "\n\nOn \(MailDate.format(date.addingTimeInterval(-86_400))), \(outgoing ? person.name : "Maria Keller") wrote:\n"
            for _ in 0..<(2 + random.below(12)) { body += "> " + SyntheticText.note(random: &random) + "\n" }
        }
        if random.chance(0.15) {
            body += "\n\nSee **the agenda** and [the deck](https://docs.example.com/\(index)) before we meet:\n"
                + "- pricing\n- onboarding\n- next steps"
        }
        var outgoingMessage = OutgoingMessage(from: outgoing ? me : them, to: [outgoing ? them : me], subject: subject,
                                              body: body, date: date, messageID: "bench.\(index)@\(outgoing ? "northwindsales.com" : "mail.example")")
        if random.chance(0.3) { outgoingMessage.cc = [MailAddress(name: nil, address: people[random.below(people.count)].address)] }
        if subject.hasPrefix("Re: ") {
            outgoingMessage.inReplyTo = "bench.\(max(0, index - 1 - random.below(40)))@mail.example"
            outgoingMessage.references = [outgoingMessage.inReplyTo!]
        }
        if random.chance(0.04) {
            let size = 20_000 + random.below(120_000)
            var data = [UInt8](repeating: 0, count: size)
            for offset in 0..<size { data[offset] = UInt8(truncatingIfNeeded: (offset &* 2654435761) >> 13) }
            outgoingMessage.attachments = [.init(filename: "Quote \(index).pdf", contentType: "application/pdf", data: data)]
        }
        return MessageWriter.write(outgoingMessage)
    }

    /// A message in ISO-8859-1, quoted-printable, as older mailers still send.
    private mutating func legacyCharsetMessage(_ index: Int, from: MailAddress, subject: String, at date: Date) -> [UInt8] {
        let body = "Grüße aus Köln,\r\nanbei die Unterlagen für das Angebot. Schöne Grüße\r\n\(from.name ?? "")"
        let latin1 = body.data(using: .isoLatin1).map([UInt8].init) ?? Array(body.utf8)
        var text = "From: \(from.headerText)\r\nTo: Maria Keller <\(ownAddress)>\r\nSubject: \(subject)\r\n"
            + "Date: \(MailDate.format(date))\r\nMessage-ID: <legacy.\(index)@mail.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        text += String(decoding: QuotedPrintable.encode(latin1), as: UTF8.self)
        return Array(text.utf8)
    }
}

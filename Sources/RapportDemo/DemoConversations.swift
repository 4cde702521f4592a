import CRMCore
import DeterministicRandom
import Foundation
import MailFormat

/// The demo team's Gmail: months of threads with every contact (some with a teammate on copy, so two
/// mailboxes hold the same message; replies quote what they answer; proposals, quotes and notes
/// attached), plus the newsletters, notices and strangers nobody has as a contact. No sender repeats
/// a subject within a day. Repeatable: the same people and the same seed give the same messages, at
/// the same distance from `now`.
struct DemoConversations {
    /// One message as Gmail holds it in one mailbox.
    struct Delivery {
        let mailbox: String
        let raw: [UInt8]
        let labels: [String]
        let date: Date
    }

    /// A teammate and their mailbox.
    struct Member {
        let name: String
        let address: EmailAddress
    }

    let team: [Member]
    let contacts: [Contact]
    let now: Date
    var random = SeededRandom(seed: 20261129)
    private var ledger = DemoSubjectLedger()
    private var result: [Delivery] = []
    private var sequence = 0

    /// How long ago the demo's mail starts.
    static let history: TimeInterval = 120 * 86_400
    private static let closings = ["Best regards", "Thanks", "Kind regards", "Cheers", "All the best", "Best"]
    /// How many messages a thread has, each length as likely as it appears.
    private static let threadLengths = [1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6]

    init(team: [Member], contacts: [Contact], now: Date) {
        self.team = team
        self.contacts = contacts
        self.now = now
    }

    /// Every message of every mailbox, oldest first.
    mutating func deliveries() -> [Delivery] {
        result = []
        sequence = 0
        for (index, contact) in contacts.enumerated() {
            threads(with: contact, index: index)
        }
        for (index, member) in team.enumerated() {
            // Each teammate is further along every list, so their mail differs too.
            for kind in DemoBackgroundMail.allCases { background(kind, to: member, from: index * 5) }
        }
        return result.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    // MARK: - Threads with contacts

    private mutating func threads(with contact: Contact, index: Int) {
        guard let address = contact.emails.first, !team.isEmpty else { return }
        let owner = team[index % team.count]
        let teammate = team[(index + 1) % team.count]
        let company = contact.companyName ?? String(address.domain)
        let them = MailAddress(name: contact.name, address: address.value)
        let us = MailAddress(name: owner.name, address: owner.address.value)
        // Every seventh contact has gone quiet: nothing in the last weeks.
        let quiet = index % 7 == 0 ? Double(45 + index) * 86_400 : 0
        let first = random.below(DemoTopic.all.count)
        for thread in 0..<(3 + random.below(6)) {
            // Steps of 5 through 14 topics: a contact never gets the same topic twice.
            let topic = DemoTopic.all[(first + thread * 5) % DemoTopic.all.count]
            let number = 1_000 + random.below(9_000)
            func filled(_ text: String) -> String {
                text.replacingOccurrences(of: "{company}", with: company).replacingOccurrences(of: "{number}", with: "\(number)")
            }
            let subject = filled(random.pick(topic.subjects))
            let copied = random.chance(0.25)
            let length = random.pick(Self.threadLengths)
            let archived = random.chance(0.4)
            var at = now.addingTimeInterval(-quiet - random.unit() * Self.history)
            var previous: (text: String, author: String, date: Date)?
            var references: [String] = []
            for step in 0..<length {
                let contactWrites = (topic.opener == .contact) == (step % 2 == 0)
                let sender = contactWrites ? them : us
                let line = step == 0 ? subject : "Re: " + subject
                at = ledger.firstFree(sender: sender.address!, subject: line, from: at)
                guard at < now else { break }
                ledger.record(sender: sender.address!, subject: line, at: at)
                let text: String
                switch step {
                case 0: text = topic.opening
                case 1: text = topic.answer
                default: text = random.pick(contactWrites ? DemoTopic.contactFollowUps : DemoTopic.ownerFollowUps)
                }
                let greeting = contactWrites ? firstName(owner.name) : firstName(contact.name)
                var body = "Hi \(greeting),\n\n\(text)\n\n\(random.pick(Self.closings)),\n"
                body += contactWrites ? "\(contact.name)\n\(company)" : "\(owner.name)\n\n-- \n\(owner.name)\nAccount Executive, Northwind\n+49 30 5550 \(1_000 + index)"
                if let previous { body += "\n\n" + Self.quote(previous.text, by: previous.author, on: previous.date) }
                sequence += 1
                let messageID = "demo-\(sequence)@\(contactWrites ? String(address.domain) : DemoSeed.domain)"
                var message = OutgoingMessage(from: sender, to: [contactWrites ? us : them], subject: line, body: body,
                                              date: at, messageID: messageID)
                if copied { message.cc = [MailAddress(name: teammate.name, address: teammate.address.value)] }
                message.inReplyTo = references.last
                message.references = references
                if let file = topic.file, file.withOpening == (step == 0), step < 2 {
                    let name = filled(file.name)
                    message.attachments = [.init(filename: name, contentType: file.kind.contentType,
                                                 data: DemoFiles.make(file.kind, about: company, number: number))]
                }
                references.append(messageID)
                let unread = at > now.addingTimeInterval(-4 * 86_400)
                let old = at < now.addingTimeInterval(-45 * 86_400)
                let inbox = archived && old ? [String]() : ["INBOX"]
                if contactWrites {
                    deliver(message, to: owner.address, labels: inbox + (unread ? ["UNREAD"] : []))
                } else {
                    deliver(message, to: owner.address, labels: ["SENT"])
                }
                if copied { deliver(message, to: teammate.address, labels: inbox + (unread ? ["UNREAD"] : [])) }
                previous = (text, sender.name ?? sender.address!, at)
                at = at.addingTimeInterval(1_200 + random.unit() * 47 * 3_600)
            }
        }
    }

    private func firstName(_ name: String) -> String {
        name.split(separator: " ").first.map(String.init) ?? name
    }

    /// The text a reply quotes: "On DATE, NAME wrote:" and each line after "> ".
    private static func quote(_ text: String, by author: String, on date: Date) -> String {
        var format = Date.FormatStyle(date: .abbreviated, time: .shortened, locale: Locale(identifier: "en_GB"),
                                      timeZone: TimeZone(identifier: "UTC")!)
        format.calendar = Calendar(identifier: .gregorian)
        return "On \(date.formatted(format)), \(author) wrote:\n"
            + text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
    }

    // MARK: - Everything else

    private mutating func background(_ kind: DemoBackgroundMail, to member: Member, from first: Int) {
        let every = kind.everyDays * 86_400
        var at = now.addingTimeInterval(-Self.history + random.unit() * every)
        var count = first
        while at < now {
            let item = kind.item(count, random: &random)
            count += 1
            let when = at
            at = at.addingTimeInterval(every * (0.7 + random.unit() * 0.6))
            // A subject the sender used less than a day before is left out, as no newsletter does that.
            guard ledger.firstFree(sender: item.senderAddress, subject: item.subject, from: when) == when else { continue }
            ledger.record(sender: item.senderAddress, subject: item.subject, at: when)
            sequence += 1
            let domain = item.senderAddress.split(separator: "@").last.map(String.init) ?? "example.com"
            var message = OutgoingMessage(from: MailAddress(name: item.senderName, address: item.senderAddress),
                                          to: [MailAddress(name: member.name, address: member.address.value)],
                                          subject: item.subject, body: item.body, date: when,
                                          messageID: "demo-\(sequence)@\(domain)")
            if let file = item.file {
                message.attachments = [.init(filename: file.name, contentType: file.kind.contentType,
                                             data: DemoFiles.make(file.kind, about: file.about, number: file.number))]
            }
            let recent = when > now.addingTimeInterval(-5 * 86_400)
            let archived = kind.isArchivedWhenOld && when < now.addingTimeInterval(-21 * 86_400) && random.chance(0.6)
            var labels = archived ? [] : ["INBOX"]
            if let label = kind.label { labels.append(label) }
            if random.chance(recent ? 0.7 : 0.08) { labels.append("UNREAD") }
            deliver(message, to: member.address, labels: labels)
        }
    }

    private mutating func deliver(_ message: OutgoingMessage, to mailbox: EmailAddress, labels: [String]) {
        result.append(Delivery(mailbox: mailbox.value, raw: MessageWriter.write(message), labels: labels, date: message.date))
    }
}

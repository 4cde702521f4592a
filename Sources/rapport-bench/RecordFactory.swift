import CRMCore
import DeterministicRandom
import Foundation

/// Writes the words of each planned entry: who mailed whom from which mailbox, the subject of its
/// thread, a body, Gmail and Message-IDs; or a note, call or meeting by the contact's owner.
struct RecordFactory {
    let people: SyntheticPeople
    let contactIDs: [Int64]
    let users: [User]
    let mailboxes: [Mailbox]
    var random: SeededRandom
    private var serial: UInt64 = 0

    static let ownDomain = "northwindsales.com"

    init(people: SyntheticPeople, contactIDs: [Int64], users: [User], mailboxes: [Mailbox], random: SeededRandom) {
        self.people = people
        self.contactIDs = contactIDs
        self.users = users
        self.mailboxes = mailboxes
        self.random = random
    }

    mutating func record(for entry: ActivityPlan.Entry) -> PendingRecord {
        let person = people.people[Int(entry.contact)]
        let contactID = contactIDs[Int(entry.contact)]
        // Mostly the owner handles the contact; now and then a teammate does.
        let teammate = random.chance(0.8) ? person.owner : random.below(users.count)
        let user = users[teammate]
        let mailbox = mailboxes[teammate]
        let at = Date(timeIntervalSince1970: TimeInterval(entry.at))
        let userFirstName = String(user.name.split(separator: " ")[0])
        serial += 1
        let hex = String(serial, radix: 16)
        switch entry.kind {
        case .received, .sentFromGmail:
            let received = entry.kind == .received
            let contactAddress = person.emails.count > 1 && random.chance(0.2) ? person.emails[1] : person.emails[0]
            var body = received
                ? SyntheticText.mailBody(to: userFirstName, from: person.firstName, random: &random)
                : SyntheticText.mailBody(to: person.firstName, from: userFirstName, random: &random)
            // A few correspondents write a line in Japanese; some mail carries a file.
            if random.chance(0.03) { body += "\n\n" + random.pick(Vocabulary.japaneseLines) }
            let attachments = random.chance(0.08) ? [Self.quote] : []
            let cc = random.chance(0.1) ? [mailboxes[(teammate + 1) % mailboxes.count].email] : []
            return .incoming(IncomingEmail(
                mailboxID: mailbox.id, gmailID: "18c" + hex, threadID: "t" + String(entry.thread, radix: 16),
                messageID: received ? "CA\(hex)x\(entry.contact)@mail.gmail.com" : "\(hex).\(teammate)@mail.gmail.com",
                fromName: received ? person.name : user.name, fromAddress: received ? contactAddress : mailbox.email,
                to: received ? [mailbox.email] : [contactAddress], cc: cc, subject: subject(of: entry),
                snippet: SyntheticText.snippet(of: body), bodyText: body, internalDate: at,
                labels: received ? random.pick([["INBOX"], ["INBOX", "UNREAD"], ["INBOX", "IMPORTANT"]]) : ["SENT"],
                attachments: attachments))
        case .sentFromRapport:
            var request = ComposeRequest(
                from: mailbox.email, to: [person.emails[0]], subject: subject(of: entry),
                bodyText: SyntheticText.mailBody(to: person.firstName, from: userFirstName, random: &random))
            if random.chance(0.7) { request.link = .contact(contactID) }
            return .sent(PendingRecord.SentEmail(
                request: request, author: user, gmailID: "18d" + hex,
                threadID: "t" + String(entry.thread, radix: 16),
                composedAt: at.addingTimeInterval(-Double(60 + random.below(7_200))), sentAt: at))
        case .call, .meeting, .note:
            let type: ActivityType = entry.kind == .call ? .call : entry.kind == .meeting ? .meeting : .note
            return .manual(PendingRecord.ManualActivity(
                contact: contactID, type: type, summary: SyntheticText.note(random: &random),
                subject: random.chance(0.6) ? random.pick(Vocabulary.noteSubjects) : nil,
                direction: type == .call ? (random.chance(0.7) ? .outgoing : .incoming) : nil, at: at,
                user: user))
        }
    }

    /// The file some mail carries: its facts, without bytes.
    private static let quote = IncomingAttachment(position: 0, filename: "Quote.pdf", contentType: "application/pdf",
                                                  size: 48_213, sha256: String(repeating: "0", count: 64), partID: "2",
                                                  data: nil)

    private func subject(of entry: ActivityPlan.Entry) -> String {
        (entry.isReply ? "Re: " : "") + Vocabulary.subjects[Int(entry.subject)]
    }
}

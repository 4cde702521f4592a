import CRMCore
import CRMStore
import DeterministicRandom
import Foundation

/// The store `rapport-bench ui` opens the app on: the store benchmark's team of three with their
/// mailboxes, N contacts, and M messages recorded the way sync records them. Nine in ten are mail
/// with a contact, laid out by the store benchmark's long-tailed plan (a few contacts have hundreds
/// of messages, most a handful); the rest come from senders who are nobody's contact.
struct UIStoreBuilder {
    let contacts: Int
    let messages: Int
    let seed: UInt64
    let clock = ContinuousClock()

    static let messagesPerTransaction = 5_000
    static let contactsPerTransaction = 5_000
    /// The options that size it, as the benchmarks built on it take them.
    static let flagNames: Set<String> = ["--messages", "--contacts", "--seed"]

    init(contacts: Int, messages: Int, seed: UInt64) {
        self.contacts = contacts
        self.messages = messages
        self.seed = seed
    }

    /// The store `--messages N` (default 100,000), `--contacts N` (default 20,000) and `--seed N` ask for.
    init(flags: BenchmarkFlags, seed fallback: UInt64) throws(OptionError) {
        self.init(contacts: try flags.count("--contacts", default: 20_000),
                  messages: try flags.count("--messages", default: 100_000), seed: try flags.seed(default: fallback))
    }

    /// A contact whose timeline the key script opens.
    struct Target: Sendable {
        let id: Int64
        let name: String
        /// Messages on their timeline.
        let messages: Int
    }

    /// What was built.
    struct Result {
        /// Who the app runs as: the teammate whose mailbox holds the most mail.
        let user: User
        /// Messages in that user's mailbox.
        let mailboxMessages: Int
        /// The contacts with the most mail, busiest first.
        let busiest: [Target]
        /// Contacts drawn evenly, with timelines of ordinary length.
        let ordinary: [Target]
        let loadTime: Duration
    }

    func build(into store: Store) throws -> Result {
        let start = clock.now
        let (users, mailboxes) = try StoreBenchmark.addTeam(to: store)
        var random = SeededRandom(seed: seed)
        let people = SyntheticPeople(contacts: contacts, companies: max(1, contacts / 25), teammates: users.count,
                                     random: &random)
        let strangers = messages / 10
        let plan = ActivityPlan(contacts: contacts, activities: messages - strangers, now: store.now(), random: &random)

        let companies = try store.connection.write {
            try people.companies.map { try store.addCompany(name: $0.name, domain: $0.domain, by: users[0]).name }
        }
        var contactIDs: [Int64] = []
        contactIDs.reserveCapacity(contacts)
        for batch in stride(from: 0, to: contacts, by: Self.contactsPerTransaction) {
            contactIDs += try store.connection.write {
                try people.people[batch..<min(batch + Self.contactsPerTransaction, contacts)].map { person in
                    try store.addContact(name: person.name, emails: person.emails,
                                         companyName: person.company.map { companies[$0] }, phone: person.phone,
                                         by: users[person.owner]).id
                }
            }
        }

        var factory = RecordFactory(people: people, contactIDs: contactIDs, users: users, mailboxes: mailboxes,
                                    random: random)
        let entries = plan.entries
        let now = store.now()
        var records: [PendingRecord] = []
        var written = 0
        var lastReport = clock.now
        let perBatch = Self.messagesPerTransaction * entries.count / max(1, messages)
        for batch in stride(from: 0, to: entries.count, by: max(1, perBatch)) {
            let end = min(batch + max(1, perBatch), entries.count)
            records.removeAll(keepingCapacity: true)
            for entry in entries[batch..<end] { records.append(factory.record(for: Self.asMail(entry))) }
            // The strangers' share of this batch, so that they are spread over the whole load.
            let strangersSoFar = entries.isEmpty ? strangers : strangers * end / entries.count
            while written < strangersSoFar {
                let teammate = random.below(mailboxes.count)
                records.append(.incoming(Self.strangerMail(number: written, to: mailboxes[teammate], of: users[teammate],
                                                           now: now, random: &random)))
                written += 1
            }
            try store.connection.write {
                for record in records { try record.write(to: store) }
            }
            if clock.now - lastReport > .seconds(10) {
                lastReport = clock.now
                print("  … \(Figure.count(end + written)) messages, \(Figure.decimal((clock.now - start).seconds, 1)) s")
            }
        }

        let perMailbox = try store.connection.query("""
            SELECT mailbox_id, count(*) FROM incoming_emails GROUP BY mailbox_id ORDER BY 2 DESC, 1 LIMIT 1
            """).first
        let fullestID = try perMailbox?.int64(0)
        let fullest = mailboxes.firstIndex { $0.id == fullestID } ?? 0
        // After the newest mail there is, so that it heads the inbox.
        let newest = try store.connection.first("SELECT max(internal_date) FROM incoming_emails")?.optionalDate(0) ?? now
        try store.connection.write {
            for message in Self.longThread(in: mailboxes[fullest], of: users[fullest], after: newest, random: &random) {
                try store.recordIncoming(message)
            }
        }
        let ranked = plan.counts.indices.sorted { (plan.counts[$0], $1) > (plan.counts[$1], $0) }
        func target(_ index: Int) -> Target {
            Target(id: contactIDs[index], name: people.people[index].name, messages: plan.counts[index])
        }
        return Result(user: users[fullest], mailboxMessages: try perMailbox?.int(1) ?? 0,
                      busiest: ranked.prefix(10).map(target),
                      ordinary: (0..<10).map { _ in target(random.below(contacts)) },
                      loadTime: clock.now - start)
    }

    /// A planned entry as mail: mail sent from Rapport is found in Gmail's Sent instead, and calls,
    /// meetings and notes become mail from the contact in the conversation open at the time.
    static func asMail(_ entry: ActivityPlan.Entry) -> ActivityPlan.Entry {
        let kind: ActivityPlan.Kind
        switch entry.kind {
        case .received, .sentFromGmail: return entry
        case .sentFromRapport: kind = .sentFromGmail
        case .call, .meeting, .note: kind = .received
        }
        return ActivityPlan.Entry(at: entry.at, contact: entry.contact, kind: kind, thread: entry.thread,
                                  subject: entry.subject, isReply: kind == .received || entry.isReply)
    }

    /// How many messages the longest conversation holds.
    static let longThread = 50

    /// The longest conversation: `longThread` messages back and forth with a client, ten minutes apart
    /// from `after`, the last few unread.
    static func longThread(in mailbox: Mailbox, of user: User, after: Date, random: inout SeededRandom) -> [IncomingEmail] {
        let client = EmailAddress("dana@longthread.example")!
        return (0..<longThread).map { index in
            // The client writes last, so that the conversation is the newest of the inbox.
            let own = index.isMultiple(of: 2)
            let body = SyntheticText.mailBody(to: own ? "Dana" : String(user.name.split(separator: " ")[0]),
                                              from: own ? user.name : "Dana Long", random: &random)
                + "\n\nOn an earlier day, \(own ? "Dana Long" : user.name) wrote:\n> The message before.\n>\n> Thanks"
            return IncomingEmail(
                mailboxID: mailbox.id, gmailID: "19l\(index)", threadID: "long-thread", messageID: "long\(index)@mail.example",
                fromName: own ? user.name : "Dana Long", fromAddress: own ? mailbox.email : client,
                to: [own ? client : mailbox.email], cc: [], subject: index == 0 ? "Rollout plan" : "Re: Rollout plan",
                snippet: SyntheticText.snippet(of: body), bodyText: body,
                internalDate: after.addingTimeInterval(Double(index + 1) * 600),
                labels: own ? ["SENT"] : index >= longThread - 5 ? ["INBOX", "UNREAD"] : ["INBOX"])
        }
    }

    /// Mail from a sender no one has as a contact: a newsletter, an invoice run, an event invitation.
    static func strangerMail(number: Int, to mailbox: Mailbox, of user: User, now: Date,
                             random: inout SeededRandom) -> IncomingEmail {
        let stem = random.pick(Vocabulary.companyStems)
        let (local, role) = random.pick([("news", "News"), ("billing", "Billing"), ("events", "Events"),
                                          ("hello", "Team"), ("updates", "Updates")])
        let body = SyntheticText.mailBody(to: String(user.name.split(separator: " ")[0]), from: "\(stem) \(role)",
                                          random: &random)
        let hex = String(number, radix: 16)
        let at = now.addingTimeInterval(-ActivityPlan.span * random.unit())
        return IncomingEmail(
            mailboxID: mailbox.id, gmailID: "19s" + hex, threadID: "s" + hex, messageID: "s\(hex)@mailer.example",
            fromName: "\(stem) \(role)", fromAddress: EmailAddress("\(local)@\(SyntheticPeople.slug(stem))mail.com"),
            to: [mailbox.email], cc: [], subject: random.pick(Vocabulary.subjects), snippet: SyntheticText.snippet(of: body),
            bodyText: body, internalDate: at, labels: random.pick([["INBOX"], ["INBOX", "UNREAD"]]))
    }
}

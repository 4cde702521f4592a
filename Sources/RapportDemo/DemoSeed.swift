import CRMCore
import CRMStore
import Foundation

/// Fills a store with a believable sales team: companies, contacts, deals, calls and notes, and an
/// outbox with mail in every status. Repeatable: the same seed, the same data.
public struct DemoSeed {
    let store: Store
    let ownLogin: String
    /// The OS user's key: every demo user is this one OS user, so their mail is sealed with it.
    let sealingKey: SealingKey

    public init(store: Store, ownLogin: String, sealingKey: SealingKey) {
        self.store = store
        self.ownLogin = ownLogin
        self.sealingKey = sealingKey
    }

    public static let teamName = "Northwind Sales"
    static let domain = "northwind.example"

    public static let companies: [(String, String)] = [
        ("Acme Logistics", "acme-logistics.example"), ("Blue Harbor Foods", "blueharbor.example"),
        ("Cobalt Analytics", "cobalt.example"), ("Delta Fixtures", "deltafix.example"),
        ("Evergreen Clinics", "evergreen.example"), ("Fjord Outdoor", "fjord.example"),
        ("Granite Insurance", "granite.example"), ("Helios Solar", "helios.example"),
        ("Ivory Print", "ivoryprint.example"), ("株式会社サクラ", "sakura.example"),
        ("Jadeport Trading", "jadeport.example"), ("Kestrel Labs", "kestrel.example"),
    ]
    static let firstNames = ["Ann", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Gustavo", "Hana", "Ines",
                                     "Jonas", "Kwame", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa",
                                     "Sven", "Tomasz", "Uma", "Viktor", "Wen", "Yusuf", "Zoë"]
    static let lastNames = ["Lee", "Okafor", "Rossi", "Ivanov", "Yılmaz", "Haddad", "Costa", "Sato", "Moreau",
                                    "Berg", "Mensah", "Fischer", "García", "Novak", "Lindqvist", "Iyer", "Dubois",
                                    "Martín", "Holm", "Kowalski", "Tanaka", "Petrov", "Zhang", "Demir", "Schmidt"]

    /// Adds the team, three users with a mailbox each, companies, about fifty contacts, deals, calls,
    /// notes and an outbox. The mail itself comes from the simulated Gmail (`DemoConversations`).
    public mutating func run() throws -> Int {
        try store.addTeam(name: Self.teamName)
        let you = try store.addUser(login: ownLogin, name: "You (demo)", teamName: Self.teamName, isAdmin: true)
        let maria = try store.addUser(login: ownLogin == "maria" ? "maria2" : "maria", name: "Maria Keller",
                                      teamName: Self.teamName, isAdmin: false)
        let devon = try store.addUser(login: ownLogin == "devon" ? "devon2" : "devon", name: "Devon Price",
                                      teamName: Self.teamName, isAdmin: false)
        let team = [you, maria, devon]
        var mailboxes: [Int64: Mailbox] = [:]
        for user in team {
            mailboxes[user.id] = try store.addMailbox(email: EmailAddress("\(user.login)@\(Self.domain)")!, for: user)
        }
        var contacts: [Contact] = []
        for (index, company) in Self.companies.enumerated() {
            let record = try store.addCompany(name: company.0, domain: company.1, by: team[index % 3])
            for person in 0..<(index % 3 + 3) {
                let first = Self.firstNames[(index * 5 + person * 3) % Self.firstNames.count]
                let last = Self.lastNames[(index * 7 + person * 2) % Self.lastNames.count]
                let local = "\(first).\(last)".lowercased().folding(options: .diacriticInsensitive, locale: nil)
                    .replacingOccurrences(of: "ı", with: "i")
                let contact = try store.addContact(name: "\(first) \(last)",
                                                   emails: [EmailAddress("\(local)@\(company.1)")!],
                                                   companyName: record.name, by: team[(index + person) % 3])
                contacts.append(contact)
                if person == 0 {
                    try store.addDeal(name: "\(record.name) — \(["Pilot", "Expansion", "Renewal"][index % 3])",
                                      companyID: record.id, contactID: contact.id,
                                      stage: ["lead", "qualified", "proposal", "negotiation", "won"][index % 5],
                                      valueCents: Int64(5_000 + index * 2_750) * 100, by: team[index % 3])
                }
            }
        }
        let now = store.now()
        for (index, contact) in contacts.enumerated() {
            let owner = team[index % 3]
            if index % 4 == 1 {
                try store.addActivity(contact: contact.id, type: index % 8 == 1 ? .call : .meeting,
                                      summary: "Walked through the proposal; they want a revised quote by next week.",
                                      subject: "Proposal review", at: now.addingTimeInterval(-Double(index) * 86400),
                                      by: owner)
            }
            if index % 5 == 2 {
                try store.addActivity(contact: contact.id, type: .note,
                                      summary: "Prefers email over calls. Budget approved in Q3.", by: owner)
            }
        }
        try seedOutbox(you: you, mailbox: mailboxes[you.id]!, contacts: contacts)
        return contacts.count
    }

    /// One email in each status, so `rapport outbox` has something to show.
    private func seedOutbox(you: User, mailbox: Mailbox, contacts: [Contact]) throws {
        func draft(_ contact: Contact, _ subject: String, _ body: String) throws -> OutgoingEmail {
            var request = ComposeRequest(from: mailbox.email, to: [contact.emails[0]], subject: subject, bodyText: body)
            request.link = .contact(contact.id)
            return try store.compose(request, by: you)
        }
        _ = try draft(contacts[0], "Proposal draft", "Hi — here is a first cut of the proposal. Comments welcome.")
        let queued = try draft(contacts[1], "Checking in", "Just checking in on the pilot. Any questions so far?")
        try store.apply(.queue, to: queued.id, by: you,
                        Store.OutboxUpdate(sendAt: store.now().addingTimeInterval(3 * 86400), sealingKey: sealingKey))
        let sent = try draft(contacts[2], "Welcome aboard", "Great to have you with us. Your onboarding starts Monday.")
        try store.apply(.queue, to: sent.id, by: you, Store.OutboxUpdate(sealingKey: sealingKey))
        try store.apply(.claim, to: sent.id, by: you)
        try store.apply(.markSent, to: sent.id, by: you,
                        Store.OutboxUpdate(gmailID: "demo-sent-1", threadID: "demo-thread-1"))
        let failed = try draft(contacts[3], "Quote attached", "Please find the quote attached.")
        try store.apply(.queue, to: failed.id, by: you, Store.OutboxUpdate(sealingKey: sealingKey))
        try store.apply(.claim, to: failed.id, by: you)
        try store.apply(.markFail, to: failed.id, by: you,
                        Store.OutboxUpdate(error: "Gmail refused the message: a recipient address was rejected. "
                                           + "Check the address, then retry."))
    }
}

import CRMCore
import Foundation

extension Store {
    /// The contact policy of a team: its mailboxes' addresses, its blocklist, and `creation`.
    func contactPolicy(team: Int64, creation: ContactCreation) throws -> ContactPolicy {
        let addresses = try db.query("""
            SELECT m.email FROM mailboxes m JOIN users u ON u.id = m.user_id WHERE u.team_id = ?
            """, team).compactMap { try EmailAddress($0.string(0)) }
        return ContactPolicy(creation: creation, teamAddresses: Set(addresses), blocklist: try blocklist(team: team))
    }

    /// What the policy decides for each address on a stored message, knowing the team's contacts now.
    func decide(_ policy: ContactPolicy, _ email: IncomingEmail, direction: Direction,
                owner: MailboxOwner) throws -> [AddressDecision] {
        var names = email.displayNames
        if let from = email.fromAddress, let name = email.fromName { names[from] = name }
        let message = ContactPolicy.Message(direction: direction, from: email.fromAddress, recipients: email.recipients,
                                            names: names, automation: email.automation)
        var known: Set<EmailAddress> = []
        for address in [email.fromAddress].compactMap({ $0 }) + email.recipients
        where try contactID(owning: address, team: owner.teamID) != nil {
            known.insert(address)
        }
        return policy.decide(message, mailbox: owner.address) { known.contains($0) }
    }

    /// Makes the contact a decision asks for, with the company of its domain (found by domain, else by
    /// the name the domain gives, else made), and names the message it came from.
    func addContact(from decision: AddressDecision, team: Int64, owner: Int64, email: Int64) throws -> Int64 {
        let companyID = try decision.companyDomain.map { try company(forDomain: $0, team: team) }
        let now = timestamp
        try db.execute("""
            INSERT INTO contacts (team_id, name, company_id, owner_id, source_email_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, team, decision.name ?? decision.address.value, companyID, owner, email, now, now)
        let id = db.lastInsertRowID
        try db.execute("INSERT INTO contact_emails (team_id, address, contact_id, position) VALUES (?, ?, ?, 0)",
                       team, decision.address.value, id)
        return id
    }

    /// The team's company for a mail domain: the one with that domain, else the one named after it
    /// (which then takes the domain), else a new one.
    private func company(forDomain domain: String, team: Int64) throws -> Int64 {
        if let found = try db.first("SELECT id FROM companies WHERE team_id = ? AND domain = ? ORDER BY id LIMIT 1",
                                    team, domain) {
            return try found.int64(0)
        }
        let name = ContactPolicy.companyName(forDomain: domain)
        if let named = try company(named: name, team: team) {
            try db.execute("UPDATE companies SET domain = coalesce(domain, ?) WHERE id = ?", domain, named.id)
            return named.id
        }
        try db.execute("INSERT INTO companies (team_id, name, domain, created_at) VALUES (?, ?, ?, ?)",
                       team, name, domain, timestamp)
        return db.lastInsertRowID
    }

    // MARK: the blocklist

    /// The team's blocklist.
    func blocklist(team: Int64) throws -> Blocklist {
        Blocklist(try db.query("SELECT entry FROM blocklist WHERE team_id = ? ORDER BY entry", team)
            .map { try $0.string(0) })
    }

    /// The blocklist of `user`'s team, entries in order.
    public func blocklist(of user: User) throws -> Blocklist {
        try blocklist(team: user.teamID)
    }

    /// Adds an entry (normalised, `Blocklist.entry`) to `user`'s team's blocklist; false when it was there.
    /// Mail taken in from then on puts nothing on a timeline for it; entries already made stay.
    @discardableResult
    public func block(_ entry: String, by user: User) throws -> Bool {
        try db.write {
            try db.execute("""
                INSERT INTO blocklist (team_id, entry, user_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (team_id, entry) DO NOTHING
                """, user.teamID, entry, user.id, timestamp)
            return db.changes == 1
        }
    }

    /// Takes an entry off `user`'s team's blocklist; false when it was not there.
    @discardableResult
    public func unblock(_ entry: String, by user: User) throws -> Bool {
        try db.write {
            try db.execute("DELETE FROM blocklist WHERE team_id = ? AND entry = ?", user.teamID, entry)
            return db.changes == 1
        }
    }
}

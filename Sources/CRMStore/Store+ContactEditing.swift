import CRMCore
import Foundation

extension Store {
    /// What an edit of a contact changes; nil fields stay as they are.
    public struct ContactEdit: Sendable, Equatable {
        public var name: String?
        /// Every address, in order: these replace the contact's (none of them may be another contact's).
        public var emails: [EmailAddress]?
        /// The company's name; empty: no company.
        public var companyName: String?
        /// Empty: no phone.
        public var phone: String?
        /// The owner's login; empty: nobody.
        public var ownerLogin: String?

        public init(name: String? = nil, emails: [EmailAddress]? = nil, companyName: String? = nil, phone: String? = nil,
                    ownerLogin: String? = nil) {
            self.name = name
            self.emails = emails
            self.companyName = companyName
            self.phone = phone
            self.ownerLogin = ownerLogin
        }
    }

    /// Changes a contact of `user`'s team in one transaction.
    @discardableResult
    public func editContact(id: Int64, _ edit: ContactEdit, by user: User) throws -> Contact {
        let name = edit.name?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let name, name.isEmpty { throw Refusal.nameMissing(.contact) }
        if let emails = edit.emails, emails.isEmpty { throw Refusal.addressMissing }
        return try db.write {
            guard try contact(id: id, in: .team(user.teamID)) != nil else { throw Refusal.notFound(.contact, id: id) }
            if let emails = edit.emails {
                for address in emails {
                    if let owner = try contactID(owning: address, team: user.teamID), owner != id {
                        throw Refusal.addressTaken(contactID: owner)
                    }
                }
                try db.execute("DELETE FROM contact_emails WHERE contact_id = ?", id)
                for (position, address) in Self.distinct(emails).enumerated() {
                    try db.execute("INSERT INTO contact_emails (team_id, address, contact_id, position) VALUES (?, ?, ?, ?)",
                                   user.teamID, address.value, id, position)
                }
            }
            let company = try edit.companyName.map { text -> Int64? in
                let text = text.trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : try findOrAddCompany(named: text, team: user.teamID).id
            }
            let owner = try edit.ownerLogin.map { try ownerID($0, team: user.teamID) }
            let phone = edit.phone.map { $0.trimmingCharacters(in: .whitespaces) }
            try db.execute("""
                UPDATE contacts SET name = coalesce(?1, name),
                    company_id = CASE WHEN ?2 THEN ?3 ELSE company_id END,
                    phone = CASE WHEN ?4 IS NULL THEN phone ELSE nullif(?4, '') END,
                    owner_id = CASE WHEN ?5 THEN ?6 ELSE owner_id END, updated_at = ?7
                WHERE id = ?8
                """, name, company != nil, company ?? nil, phone, owner != nil, owner ?? nil, timestamp, id)
            return try contact(id: id, in: .team(user.teamID))!
        }
    }

    /// Deletes a contact of `user`'s team with its addresses and timeline entries (the mail itself
    /// stays on record); its deals and emails linked to it lose the link.
    public func deleteContact(id: Int64, by user: User) throws {
        try db.write {
            guard try contact(id: id, in: .team(user.teamID)) != nil else { throw Refusal.notFound(.contact, id: id) }
            try db.execute("UPDATE outgoing_emails SET linked_type = NULL, linked_id = NULL WHERE linked_type = 'contact' AND linked_id = ?", id)
            try db.execute("DELETE FROM contacts WHERE id = ?", id)
        }
    }

    /// Merges contact `merged` into `kept`, in one transaction: its addresses, timeline entries, deals
    /// and linked emails move to `kept` (an email on both timelines stays once), a company or phone
    /// `kept` lacks is taken from it, and `merged` is deleted. Returns the contact as merged.
    @discardableResult
    public func mergeContact(_ merged: Int64, into kept: Int64, by user: User) throws -> Contact {
        guard merged != kept else { throw CRMError("Choose two different contacts to merge.") }
        return try db.write {
            let scope = Scope.team(user.teamID)
            guard try contact(id: kept, in: scope) != nil else { throw Refusal.notFound(.contact, id: kept) }
            guard let from = try contact(id: merged, in: scope) else { throw Refusal.notFound(.contact, id: merged) }
            let known = try db.first("SELECT count(*) FROM contact_emails WHERE contact_id = ?", kept)?.int(0) ?? 0
            try db.execute("DELETE FROM contact_emails WHERE contact_id = ?", merged)
            for (offset, address) in from.emails.enumerated() {
                try db.execute("INSERT INTO contact_emails (team_id, address, contact_id, position) VALUES (?, ?, ?, ?)",
                               user.teamID, address.value, kept, known + offset)
            }
            // The same message on both timelines (mail to both of them) is kept once.
            try db.execute("""
                DELETE FROM activities WHERE contact_id = ?1 AND message_key IS NOT NULL
                  AND message_key IN (SELECT message_key FROM activities WHERE contact_id = ?2 AND message_key IS NOT NULL)
                """, merged, kept)
            try db.execute("UPDATE activities SET contact_id = ? WHERE contact_id = ?", kept, merged)
            try db.execute("UPDATE deals SET contact_id = ? WHERE contact_id = ?", kept, merged)
            try db.execute("UPDATE outgoing_emails SET linked_id = ? WHERE linked_type = 'contact' AND linked_id = ?",
                           kept, merged)
            try db.execute("""
                UPDATE contacts SET company_id = coalesce(company_id, ?1), phone = coalesce(phone, ?2),
                    owner_id = coalesce(owner_id, (SELECT owner_id FROM contacts WHERE id = ?3)), updated_at = ?4
                WHERE id = ?5
                """, from.companyID, from.phone, merged, timestamp, kept)
            try db.execute("DELETE FROM contacts WHERE id = ?", merged)
            return try contact(id: kept, in: scope)!
        }
    }

    /// The id of the teammate with `login`, nil for an empty login (nobody).
    func ownerID(_ login: String, team: Int64) throws -> Int64? {
        let login = login.trimmingCharacters(in: .whitespaces)
        guard !login.isEmpty else { return nil }
        guard let owner = try user(login: login), owner.teamID == team else {
            throw CRMError("There is no teammate with the login “\(login)”; type a teammate's login, or nothing for no owner.")
        }
        return owner.id
    }

    private static func distinct(_ emails: [EmailAddress]) -> [EmailAddress] {
        var seen: Set<String> = []
        return emails.filter { seen.insert($0.value).inserted }
    }
}

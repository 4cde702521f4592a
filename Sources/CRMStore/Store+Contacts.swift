import CRMCore
import Foundation

extension Store {
    /// Adds a contact to `user`'s team, owned by `user` (or the teammate `ownerLogin`; empty: nobody).
    /// Every address must be new to the team.
    @discardableResult
    public func addContact(name: String, emails: [EmailAddress], companyName: String? = nil,
                           phone: String? = nil, ownerLogin: String? = nil, by user: User) throws -> Contact {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw Refusal.nameMissing(.contact) }
        guard !emails.isEmpty else { throw Refusal.addressMissing }
        return try db.write {
            for address in emails {
                if let owner = try contactID(owning: address, team: user.teamID) {
                    throw Refusal.addressTaken(contactID: owner)
                }
            }
            let companyID = try companyName.map { try findOrAddCompany(named: $0, team: user.teamID).id }
            let owner = try ownerLogin.map { try ownerID($0, team: user.teamID) } ?? user.id
            let id = try insertContact(team: user.teamID, name: name, companyID: companyID, phone: phone,
                                       owner: owner)
            try add(emails: emails, to: id, team: user.teamID, after: 0)
            return try contact(id: id, in: .team(user.teamID))!
        }
    }

    /// The contact with this id, when visible in `scope`.
    public func contact(id: Int64, in scope: Scope) throws -> Contact? {
        try db.first(Self.contactSelect + " WHERE c.id = ?1 AND (?2 IS NULL OR c.team_id = ?2)", id, scope.teamID)
            .map(Self.contact)
    }

    /// The contact who writes from `address`, when visible in `scope` (the first team's, for an admin).
    public func contact(email address: EmailAddress, in scope: Scope) throws -> Contact? {
        try db.first("""
            SELECT contact_id FROM contact_emails WHERE address = ?1 AND (?2 IS NULL OR team_id = ?2)
            ORDER BY team_id LIMIT 1
            """, address.value, scope.teamID)
            .flatMap { try contact(id: $0.int64(0), in: scope) }
    }

    /// Contacts visible in `scope`, by name; `query` matches name, address or company.
    public func contacts(in scope: Scope, matching query: String? = nil, limit: Int = 500) throws -> [Contact] {
        let pattern = query.map { "%" + Self.escapeLike(Connection.fold($0.trimmingCharacters(in: .whitespaces))) + "%" }
        return try db.query(Self.contactSelect + """
             WHERE (?1 IS NULL OR c.team_id = ?1)
               AND (?2 IS NULL OR c.match_text LIKE ?2 ESCAPE '\\' OR CAST(c.id AS TEXT) = ?3)
             ORDER BY c.name COLLATE NOCASE, c.id LIMIT ?4
            """, scope.teamID, pattern, query?.trimmingCharacters(in: .whitespaces), limit).map(Self.contact)
    }

    /// The contacts with these ids visible in `scope`, in the order of `ids` (one query for a whole list).
    public func contacts(ids: [Int64], in scope: Scope) throws -> [Contact] {
        let json = "[" + ids.map(String.init).joined(separator: ",") + "]"
        let found = try db.query(Self.contactSelect + """
             WHERE c.id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR c.team_id = ?2)
            """, json, scope.teamID).map(Self.contact)
        let byID = Dictionary(found.map { ($0.id, $0) }) { first, _ in first }
        return ids.compactMap { byID[$0] }
    }

    /// How many contacts `scope` holds.
    public func contactCount(in scope: Scope) throws -> Int {
        try db.first("SELECT count(*) FROM contacts WHERE (?1 IS NULL OR team_id = ?1)", scope.teamID)?.int(0) ?? 0
    }

    // MARK: import

    /// What an import did.
    public struct ImportSummary: Sendable, Equatable {
        public var created = 0
        public var merged = 0
        public var rejections: [ContactImport.Rejection] = []

        public init() {}

        /// Counts in what another part of the same import did.
        public mutating func add(_ part: ImportSummary) {
            created += part.created
            merged += part.merged
            rejections += part.rejections
        }
    }

    /// Imports rows into `user`'s team, merging by address: a row whose address is already known adds
    /// its new addresses (and any missing company or phone) to that contact. It commits in short
    /// batches (see `BulkWrite`), so other writers never wait long; a run stopped half way keeps the
    /// batches it committed, and running the same rows again merges those and adds the rest.
    public func importContacts(_ rows: [ContactImport.Row], by user: User) throws -> ImportSummary {
        var summary = ImportSummary()
        var rest = rows[...]
        while !rest.isEmpty {
            var batch = ImportSummary()
            rest = try BulkWrite.batch(rest, on: db, begin: { batch = ImportSummary() }) { row in
                try importContact(row, by: user, into: &batch)
            }
            summary.add(batch)
        }
        return summary
    }

    private func importContact(_ row: ContactImport.Row, by user: User, into summary: inout ImportSummary) throws {
        let team = user.teamID
        var owners: [Int64] = []
        for address in row.emails {
            if let owner = try contactID(owning: address, team: team), !owners.contains(owner) {
                owners.append(owner)
            }
        }
        let companyID = try row.company.map { try findOrAddCompany(named: $0, team: team).id }
        switch owners.count {
        case 0:
            let id = try insertContact(team: team, name: row.name, companyID: companyID, phone: row.phone,
                                       owner: user.id)
            try add(emails: row.emails, to: id, team: team, after: 0)
            summary.created += 1
        case 1:
            let id = owners[0]
            let known = try db.query("SELECT address FROM contact_emails WHERE contact_id = ?", id)
                .map { try $0.string(0) }
            try add(emails: row.emails.filter { !known.contains($0.value) }, to: id, team: team,
                    after: known.count)
            try db.execute("""
                UPDATE contacts SET company_id = coalesce(company_id, ?), phone = coalesce(phone, ?),
                    updated_at = ? WHERE id = ?
                """, companyID, row.phone, timestamp, id)
            summary.merged += 1
        default:
            summary.rejections.append(ContactImport.Rejection(
                line: row.line,
                reason: "its addresses belong to different contacts (\(owners.map(String.init).joined(separator: ", "))); "
                    + "merge them by hand first"))
        }
    }

    // MARK: internals

    func contactID(owning address: EmailAddress, team: Int64) throws -> Int64? {
        try db.first("SELECT contact_id FROM contact_emails WHERE team_id = ? AND address = ?", team, address.value)?
            .int64(0)
    }

    private func insertContact(team: Int64, name: String, companyID: Int64?, phone: String?, owner: Int64?) throws -> Int64 {
        let now = timestamp
        try db.execute("""
            INSERT INTO contacts (team_id, name, company_id, phone, owner_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, team, name, companyID, phone, owner, now, now)
        return db.lastInsertRowID
    }

    private func add(emails: [EmailAddress], to contact: Int64, team: Int64, after position: Int) throws {
        for (offset, address) in emails.enumerated() {
            try db.execute("INSERT INTO contact_emails (team_id, address, contact_id, position) VALUES (?, ?, ?, ?)",
                           team, address.value, contact, position + offset)
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// SQL for the addresses of the contact whose id is `contactID` (a column), in order, separated by
    /// spaces; NULL when it has none. The one way contact rows read their addresses.
    static func addressList(of contactID: String) -> String {
        """
        (SELECT group_concat(address, ' ') FROM
            (SELECT address FROM contact_emails e WHERE e.contact_id = \(contactID) ORDER BY position))
        """
    }

    static let contactSelect = """
        SELECT c.id, c.team_id, c.name, c.company_id, co.name AS company_name, c.phone, u.login,
               \(addressList(of: "c.id")) AS emails
        FROM contacts c
        LEFT JOIN companies co ON co.id = c.company_id
        LEFT JOIN users u ON u.id = c.owner_id
        """

    /// `emails` is NULL for a contact without addresses (`group_concat` of no rows).
    static func contact(_ row: Row) throws -> Contact {
        try Contact(id: row.int64("id"), teamID: row.int64("team_id"), name: row.string("name"),
                    emails: (row.optionalString("emails") ?? "").split(separator: " ")
                        .compactMap { EmailAddress(String($0)) },
                    companyID: row.optionalInt64("company_id"), companyName: row.optionalString("company_name"),
                    phone: row.optionalString("phone"), ownerLogin: row.optionalString("login"))
    }
}

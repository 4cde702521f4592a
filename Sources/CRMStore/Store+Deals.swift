import CRMCore
import Foundation

extension Store {
    /// Adds a deal to `user`'s team; its company and contact must be the team's own.
    @discardableResult
    public func addDeal(name: String, companyID: Int64?, contactID: Int64?, stage: String?, valueCents: Int64?,
                        by user: User) throws -> Deal {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw Refusal.nameMissing(.deal) }
        let stage = stage?.trimmingCharacters(in: .whitespaces).lowercased() ?? Deal.defaultStage
        return try db.write {
            if let companyID, try company(id: companyID, in: .team(user.teamID)) == nil {
                throw Refusal.notFound(.company, id: companyID)
            }
            if let contactID, try contact(id: contactID, in: .team(user.teamID)) == nil {
                throw Refusal.notFound(.contact, id: contactID)
            }
            try db.execute("""
                INSERT INTO deals (team_id, name, company_id, contact_id, stage, value_cents, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, user.teamID, name, companyID, contactID, stage, valueCents, timestamp)
            return Deal(id: db.lastInsertRowID, teamID: user.teamID, name: name, companyID: companyID,
                        contactID: contactID, stage: stage, valueCents: valueCents)
        }
    }

    /// The deal with this id, when visible in `scope`.
    public func deal(id: Int64, in scope: Scope) throws -> Deal? {
        try db.first("""
            SELECT id, team_id, name, company_id, contact_id, stage, value_cents FROM deals
            WHERE id = ?1 AND (?2 IS NULL OR team_id = ?2)
            """, id, scope.teamID).map(Self.deal)
    }

    /// Deals involving a contact, visible in `scope`.
    public func deals(contact: Int64, in scope: Scope) throws -> [Deal] {
        try db.query("""
            SELECT id, team_id, name, company_id, contact_id, stage, value_cents FROM deals
            WHERE contact_id = ?1 AND (?2 IS NULL OR team_id = ?2) ORDER BY id
            """, contact, scope.teamID).map(Self.deal)
    }

    /// Deals visible in `scope` whose name holds `text` (any case, any accents) or whose id it is, by name.
    public func deals(in scope: Scope, matching text: String, limit: Int = 20) throws -> [Deal] {
        let text = text.trimmingCharacters(in: .whitespaces)
        return try db.query("""
            SELECT id, team_id, name, company_id, contact_id, stage, value_cents FROM deals
            WHERE (?1 IS NULL OR team_id = ?1) AND (rapport_fold(name) LIKE ?2 ESCAPE '\\' OR CAST(id AS TEXT) = ?3)
            ORDER BY name COLLATE NOCASE, id LIMIT ?4
            """, scope.teamID, "%" + Self.escapeLike(Connection.fold(text)) + "%", text, limit).map(Self.deal)
    }

    static func deal(_ row: Row) throws -> Deal {
        try Deal(id: row.int64("id"), teamID: row.int64("team_id"), name: row.string("name"),
                 companyID: row.optionalInt64("company_id"), contactID: row.optionalInt64("contact_id"),
                 stage: row.string("stage"), valueCents: row.optionalInt64("value_cents"))
    }
}

import CRMCore
import Foundation

extension Store {
    /// Adds a company to `user`'s team; names are unique within a team.
    @discardableResult
    public func addCompany(name: String, domain: String?, by user: User) throws -> Company {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw Refusal.nameMissing(.company) }
        return try db.write {
            if try company(named: name, team: user.teamID) != nil {
                throw Refusal.nameTaken(.company, name: name)
            }
            try db.execute("INSERT INTO companies (team_id, name, domain, created_at) VALUES (?, ?, ?, ?)",
                           user.teamID, name, domain, timestamp)
            return Company(id: db.lastInsertRowID, teamID: user.teamID, name: name, domain: domain)
        }
    }

    /// The company with this id, when visible in `scope`.
    public func company(id: Int64, in scope: Scope) throws -> Company? {
        try db.first("SELECT id, team_id, name, domain FROM companies WHERE id = ?1 AND (?2 IS NULL OR team_id = ?2)",
                     id, scope.teamID).map(Self.company)
    }

    /// Companies visible in `scope`, by name.
    public func companies(in scope: Scope) throws -> [Company] {
        try db.query("SELECT id, team_id, name, domain FROM companies WHERE (?1 IS NULL OR team_id = ?1) ORDER BY name",
                     scope.teamID).map(Self.company)
    }

    /// Companies visible in `scope` whose name or domain holds `text` (any case, any accents) or whose id it is.
    public func companies(in scope: Scope, matching text: String, limit: Int = 20) throws -> [Company] {
        let text = text.trimmingCharacters(in: .whitespaces)
        return try db.query("""
            SELECT id, team_id, name, domain FROM companies
            WHERE (?1 IS NULL OR team_id = ?1)
              AND (rapport_fold(name) LIKE ?2 ESCAPE '\\' OR domain LIKE ?2 ESCAPE '\\' OR CAST(id AS TEXT) = ?3)
            ORDER BY name COLLATE NOCASE, id LIMIT ?4
            """, scope.teamID, "%" + Self.escapeLike(Connection.fold(text)) + "%", text, limit).map(Self.company)
    }

    func company(named name: String, team: Int64) throws -> Company? {
        try db.first("SELECT id, team_id, name, domain FROM companies WHERE team_id = ? AND name = ? COLLATE NOCASE",
                     team, name).map(Self.company)
    }

    func findOrAddCompany(named name: String, team: Int64) throws -> Company {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let existing = try company(named: name, team: team) { return existing }
        try db.execute("INSERT INTO companies (team_id, name, created_at) VALUES (?, ?, ?)", team, name, timestamp)
        return Company(id: db.lastInsertRowID, teamID: team, name: name, domain: nil)
    }

    static func company(_ row: Row) throws -> Company {
        try Company(id: row.int64("id"), teamID: row.int64("team_id"), name: row.string("name"),
                    domain: row.optionalString("domain"))
    }
}

import CRMCore
import Foundation

extension Store {
    /// A page of the contacts list, by name (in two short queries): each contact with when the team last heard
    /// from them and wrote to them, and their open deals. `query` matches name, address or company.
    public func contactSummaries(in scope: Scope, matching query: String? = nil, limit: Int = 200,
                                 offset: Int = 0) throws -> [ContactSummary] {
        let trimmed = query?.trimmingCharacters(in: .whitespaces)
        let pattern = trimmed.flatMap { $0.isEmpty ? nil : "%" + Self.escapeLike(Connection.fold($0)) + "%" }
        // The page's ids first, then their columns: sorting the matches with their subqueries would
        // run those for every match (thousands for one letter), not for the rows shown.
        let ids = try db.query("""
            SELECT c.id FROM contacts c
             WHERE (?1 IS NULL OR c.team_id = ?1)
               AND (?2 IS NULL OR c.match_text LIKE ?2 ESCAPE '\\' OR CAST(c.id AS TEXT) = ?3)
             ORDER BY c.name COLLATE NOCASE, c.id LIMIT ?4 OFFSET ?5
            """, scope.teamID, pattern, trimmed, limit, offset).map { try $0.int64("id") }
        return try contactSummaries(ids: ids, in: scope)
    }

    /// The list rows of the contacts with these ids visible in `scope`, in the order of `ids`.
    public func contactSummaries(ids: [Int64], in scope: Scope) throws -> [ContactSummary] {
        let json = "[" + ids.map(String.init).joined(separator: ",") + "]"
        let found = try db.query(Self.summarySelect + """
             WHERE c.id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR c.team_id = ?2)
            """, json, scope.teamID).map(Self.summary)
        let byID = Dictionary(found.map { ($0.contact.id, $0) }) { first, _ in first }
        return ids.compactMap { byID[$0] }
    }

    /// Each last-contact column reads the newest entry of its direction through the timeline index
    /// (newest first, stopping at the first), so a page costs its rows, not the team's mail.
    private static let summarySelect = """
        SELECT c.id, c.team_id, c.name, c.company_id, co.name AS company_name, c.phone, u.login,
               \(addressList(of: "c.id")) AS emails,
               (SELECT a.occurred_at FROM activities a WHERE a.contact_id = c.id AND a.type = 'email'
                   AND a.direction = 'in' AND a.hidden = 0 AND a.off_timeline = 0
                   ORDER BY a.occurred_at DESC LIMIT 1) AS last_in,
               (SELECT a.occurred_at FROM activities a WHERE a.contact_id = c.id AND a.type = 'email'
                   AND a.direction = 'out' AND a.hidden = 0 AND a.off_timeline = 0
                   ORDER BY a.occurred_at DESC LIMIT 1) AS last_out,
               (SELECT count(*) FROM deals d WHERE d.contact_id = c.id AND d.stage NOT IN ('won', 'lost')) AS open_deals
        FROM contacts c
        LEFT JOIN companies co ON co.id = c.company_id
        LEFT JOIN users u ON u.id = c.owner_id
        """

    private static func summary(_ row: Row) throws -> ContactSummary {
        try ContactSummary(contact: contact(row), lastIncoming: row.optionalDate("last_in"),
                           lastOutgoing: row.optionalDate("last_out"), openDeals: row.int("open_deals"))
    }
}

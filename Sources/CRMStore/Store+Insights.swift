import CRMCore
import Foundation

extension Store {
    /// Cadence and reply times with one contact visible in `scope`.
    public func insights(contact: Int64, in scope: Scope, weeks: Int = 12) throws -> ContactInsights {
        let events = try db.query("""
            SELECT type, direction, occurred_at FROM activities
            WHERE contact_id = ?1 AND (?2 IS NULL OR team_id = ?2) AND hidden = 0 AND off_timeline = 0
              AND type = 'email'
            """, contact, scope.teamID).map { row in
            try ContactInsights.Event(type: ActivityType(rawValue: row.string("type")) ?? .note,
                                      direction: row.optionalString("direction").flatMap(Direction.init(rawValue:)),
                                      at: row.date("occurred_at"))
        }
        return ContactInsights(events: events, now: now(), weekCount: weeks)
    }

    /// The last time anyone on the team was in touch with the contact (email, call or meeting).
    public func lastTouch(contact: Int64, in scope: Scope) throws -> Date? {
        try db.first("""
            SELECT max(occurred_at) FROM activities
            WHERE contact_id = ?1 AND (?2 IS NULL OR team_id = ?2) AND hidden = 0 AND off_timeline = 0
              AND type != 'note'
            """, contact, scope.teamID)?.optionalDate(0)
    }

    /// Contacts in `scope` the team was once in touch with but not for `days` days, most recently
    /// lapsed first; with a `query`, only those it matches as `contacts(in:matching:)` matches.
    public func coldContacts(in scope: Scope, days: Int = ContactInsights.defaultColdDays, matching query: String? = nil,
                             limit: Int = 100) throws -> [ColdContact] {
        let query = query?.trimmingCharacters(in: .whitespaces)
        let pattern = query.map { "%" + Self.escapeLike(Connection.fold($0)) + "%" }
        return try db.query("""
            SELECT c.id, c.name, max(a.occurred_at) AS last_touch
            FROM contacts c JOIN activities a ON a.contact_id = c.id AND a.hidden = 0 AND a.off_timeline = 0
                AND a.type != 'note'
            WHERE (?1 IS NULL OR c.team_id = ?1)
              AND (?4 IS NULL OR c.match_text LIKE ?4 ESCAPE '\\' OR CAST(c.id AS TEXT) = ?5)
            GROUP BY c.id HAVING last_touch < ?2
            ORDER BY last_touch DESC, c.id LIMIT ?3
            """, scope.teamID, ContactInsights.coldThreshold(now: now(), days: days), limit, pattern, query).map {
            try ColdContact(contactID: $0.int64("id"), name: $0.string("name"), lastTouch: $0.date("last_touch"))
        }
    }
}

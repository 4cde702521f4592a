import CRMCore
import Foundation

extension Store {
    /// The pipeline of `scope`'s deals: per stage, how many and their value together, in stage order.
    public func pipeline(in scope: Scope) throws -> [PipelineStage] {
        try db.query("""
            SELECT stage, count(*) AS deals, coalesce(sum(value_cents), 0) AS value FROM deals
            WHERE (?1 IS NULL OR team_id = ?1) GROUP BY stage
            """, scope.teamID)
            .map { try PipelineStage(stage: $0.string("stage"), count: $0.int("deals"), valueCents: $0.int64("value")) }
            .sorted { (Deal.order(of: $0.stage), $0.stage) < (Deal.order(of: $1.stage), $1.stage) }
    }

    /// `scope`'s deals in pipeline order (stage, then name), at most `limit`.
    public func deals(in scope: Scope, limit: Int = 500) throws -> [Deal] {
        try db.query("""
            SELECT id, team_id, name, company_id, contact_id, stage, value_cents FROM deals
            WHERE (?1 IS NULL OR team_id = ?1) ORDER BY name COLLATE NOCASE, id LIMIT ?2
            """, scope.teamID, limit).map(Self.deal)
            .sorted { Deal.order(of: $0.stage) < Deal.order(of: $1.stage) }
    }

    /// Moves a deal of `user`'s team to `stage`, and records the move, with who and when, on the
    /// timeline of its contact (when it has one), in one transaction.
    @discardableResult
    public func moveDeal(id: Int64, to stage: String, by user: User) throws -> Deal {
        let stage = stage.trimmingCharacters(in: .whitespaces).lowercased()
        guard !stage.isEmpty else { throw CRMError("Say which stage to move the deal to, such as qualified or won.") }
        return try db.write {
            guard let deal = try deal(id: id, in: .team(user.teamID)) else { throw Refusal.notFound(.deal, id: id) }
            guard deal.stage != stage else { return deal }
            try db.execute("UPDATE deals SET stage = ? WHERE id = ?", stage, id)
            if let contact = deal.contactID {
                let now = timestamp
                try db.execute("""
                    INSERT INTO activities (team_id, contact_id, user_id, type, occurred_at, subject, summary,
                        source_type, created_at, updated_at)
                    VALUES (?, ?, ?, 'note', ?, ?, ?, 'manual', ?, ?)
                    """, user.teamID, contact, user.id, now, "Deal stage",
                    "\(deal.name): \(deal.stage) → \(stage)", now, now)
            }
            return try self.deal(id: id, in: .team(user.teamID))!
        }
    }

    /// The contacts of a deal: its own contact first, then the other contacts of its company, by name.
    public func dealContacts(_ deal: Deal, in scope: Scope, limit: Int = 20) throws -> [Contact] {
        try db.query(Self.contactSelect + """
             WHERE (?3 IS NULL OR c.team_id = ?3) AND (c.id = ?1 OR (?2 IS NOT NULL AND c.company_id = ?2))
             ORDER BY c.id = ?1 DESC, c.name COLLATE NOCASE LIMIT ?4
            """, deal.contactID, deal.companyID, scope.teamID, limit).map(Self.contact)
    }

    /// The newest entries on the timelines of `contacts`, newest first (a deal's mail and activities).
    public func timeline(contacts: [Int64], in scope: Scope, limit: Int = 200) throws -> [Activity] {
        let json = "[" + contacts.map(String.init).joined(separator: ",") + "]"
        return try db.query(Self.activitySelect + """
             WHERE a.contact_id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR a.team_id = ?2)
               AND a.hidden = 0 AND a.off_timeline = 0
             ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?3
            """, json, scope.teamID, limit).map(Self.activity)
    }
}

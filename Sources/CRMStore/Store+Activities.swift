import CRMCore
import Foundation

extension Store {
    /// A contact's timeline, newest first: `limit` entries before the activity `before` (a cursor).
    public func timeline(contact: Int64, in scope: Scope, limit: Int = 50, before: Int64? = nil) throws -> [Activity] {
        var cursorTime = Int64.max
        var cursorID = Int64.max
        if let before {
            guard let row = try db.first("SELECT occurred_at, id FROM activities WHERE id = ? AND contact_id = ?",
                                         before, contact) else {
                throw Refusal.notOnTimeline(activityID: before)
            }
            cursorTime = try row.int64("occurred_at")
            cursorID = try row.int64("id")
        }
        return try db.query(Self.activitySelect + """
             WHERE a.contact_id = ?1 AND (?2 IS NULL OR a.team_id = ?2) AND a.hidden = 0 AND a.off_timeline = 0
               AND (a.occurred_at, a.id) < (?3, ?4)
             ORDER BY a.occurred_at DESC, a.id DESC LIMIT ?5
            """, contact, scope.teamID, cursorTime, cursorID, limit).map(Self.activity)
    }

    /// The activity with this id, when visible in `scope`, not deleted, and not of mail in Trash or Spam.
    public func activity(id: Int64, in scope: Scope) throws -> Activity? {
        try db.first(Self.activitySelect + """
             WHERE a.id = ?1 AND (?2 IS NULL OR a.team_id = ?2) AND a.hidden = 0 AND a.off_timeline = 0
            """, id, scope.teamID).map(Self.activity)
    }

    /// Records a call, meeting or note on a contact of `user`'s team.
    @discardableResult
    public func addActivity(contact: Int64, type: ActivityType, summary: String, subject: String? = nil,
                            direction: Direction? = nil, at date: Date? = nil, durationMinutes: Int? = nil,
                            outcome: String? = nil, by user: User) throws -> Activity {
        guard ActivityType.manual.contains(type) else {
            throw Refusal.onlyNotesCallsMeetings
        }
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else { throw Refusal.summaryMissing }
        try Self.checkDuration(durationMinutes)
        let outcome = Self.cleanOutcome(outcome)
        return try db.write {
            guard try db.first("SELECT 1 FROM contacts WHERE id = ? AND team_id = ?", contact, user.teamID) != nil else {
                throw Refusal.notFound(.contact, id: contact)
            }
            let now = timestamp
            try db.execute("""
                INSERT INTO activities (team_id, contact_id, user_id, type, direction, occurred_at, subject, summary,
                    duration_minutes, outcome, source_type, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?)
                """, user.teamID, contact, user.id, type.rawValue, direction?.rawValue, date ?? now, subject,
                summary, durationMinutes, outcome, now, now)
            return try activity(id: db.lastInsertRowID, in: user.scope)!
        }
    }

    /// What an edit changes; nil fields stay as they are.
    public struct ActivityEdit: Sendable {
        public var type: ActivityType?
        public var summary: String?
        public var subject: String?
        public var occurredAt: Date?
        /// Minutes; 0 clears a duration given before.
        public var durationMinutes: Int?
        /// How it ended; an empty text clears an outcome given before.
        public var outcome: String?

        public init(type: ActivityType? = nil, summary: String? = nil, subject: String? = nil, occurredAt: Date? = nil,
                    durationMinutes: Int? = nil, outcome: String? = nil) {
            self.type = type
            self.summary = summary
            self.subject = subject
            self.occurredAt = occurredAt
            self.durationMinutes = durationMinutes
            self.outcome = outcome
        }

        /// Whether the edit changes anything at all.
        public var isEmpty: Bool {
            type == nil && summary == nil && subject == nil && occurredAt == nil && durationMinutes == nil && outcome == nil
        }
    }

    /// Changes a call, meeting or note; entries that came from mail keep the mail's words.
    @discardableResult
    public func editActivity(id: Int64, _ edit: ActivityEdit, by user: User) throws -> Activity {
        try db.write {
            let current = try ownActivity(id: id, by: user, change: .edit)
            guard current.source == .manual else {
                throw Refusal.activityFromEmail(id: id)
            }
            if let type = edit.type, !ActivityType.manual.contains(type) {
                throw Refusal.onlyNotesCallsMeetings
            }
            if let summary = edit.summary, summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw Refusal.summaryMissing
            }
            if let minutes = edit.durationMinutes, minutes != 0 { try Self.checkDuration(minutes) }
            try db.execute("""
                UPDATE activities SET type = coalesce(?, type), summary = coalesce(?, summary),
                    subject = coalesce(?, subject), occurred_at = coalesce(?, occurred_at),
                    duration_minutes = CASE WHEN ?5 IS NULL THEN duration_minutes ELSE nullif(?5, 0) END,
                    outcome = CASE WHEN ?6 IS NULL THEN outcome ELSE nullif(?6, '') END, updated_at = ?7
                WHERE id = ?8
                """, edit.type?.rawValue, edit.summary?.trimmingCharacters(in: .whitespacesAndNewlines), edit.subject,
                edit.occurredAt, edit.durationMinutes, edit.outcome.map { Self.cleanOutcome($0) ?? "" }, timestamp, id)
            return try activity(id: id, in: user.scope)!
        }
    }

    /// Takes an entry off the timeline. A call, meeting or note is deleted; an entry that came from an
    /// email is hidden, and the email itself stays on record (sync will not bring the entry back).
    public func deleteActivity(id: Int64, by user: User) throws {
        try db.write {
            let current = try ownActivity(id: id, by: user, change: .delete)
            if current.source == .manual {
                try db.execute("DELETE FROM activities WHERE id = ?", id)
            } else {
                try db.execute("UPDATE activities SET hidden = 1, updated_at = ? WHERE id = ?", timestamp, id)
            }
        }
    }

    /// A duration must be a positive number of minutes, at most a day.
    private static func checkDuration(_ minutes: Int?) throws {
        guard let minutes else { return }
        guard (1...24 * 60).contains(minutes) else {
            throw CRMError("A duration is between 1 minute and 24 hours, such as 30m or 1h30; \(minutes) minutes is not.")
        }
    }

    /// An outcome as one trimmed line; nil when blank.
    private static func cleanOutcome(_ text: String?) -> String? {
        guard let text = text?.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    private func ownActivity(id: Int64, by user: User, change: RecordChange) throws -> Activity {
        guard let activity = try activity(id: id, in: user.scope) else {
            throw Refusal.notFound(.activity, id: id)
        }
        guard activity.userLogin == user.login || user.isAdmin else {
            throw Refusal.notYours(.activity, id: id, owner: activity.userLogin, change: change)
        }
        return activity
    }

    static let activitySelect = """
        SELECT a.id, a.team_id, a.contact_id, u.login, a.type, a.direction, a.occurred_at, a.subject, a.summary,
               a.source_type, a.source_id, a.duration_minutes, a.outcome
        FROM activities a LEFT JOIN users u ON u.id = a.user_id
        """

    static func activity(_ row: Row) throws -> Activity {
        try Activity(id: row.int64("id"), teamID: row.int64("team_id"), contactID: row.int64("contact_id"),
                     userLogin: row.optionalString("login"), type: ActivityType(rawValue: row.string("type")) ?? .note,
                     direction: row.optionalString("direction").flatMap(Direction.init(rawValue:)),
                     occurredAt: row.date("occurred_at"), subject: row.optionalString("subject"),
                     summary: row.string("summary"),
                     source: ActivitySource(type: row.string("source_type"), id: row.optionalInt64("source_id"))
                        ?? .manual,
                     durationMinutes: row.optionalInt64("duration_minutes").map { Int($0) },
                     outcome: row.optionalString("outcome"))
    }
}

import CRMCore
import Foundation

extension Store {
    /// The follow-ups of `scope` (`FollowupPlan.list`): sent emails with no reply after `days` days,
    /// not marked done, and open reminders.
    ///
    /// A reply is received mail in any mailbox of the team, dated after the email went out and not from
    /// a team mailbox, that either answers it (its In-Reply-To or References name the email's
    /// Message-ID, or it is in the email's Gmail thread in the sending mailbox) or comes from one of its
    /// recipients, or from another address of the contact a recipient is. So an answer to a teammate
    /// counts, and so does a fresh message from the buyer.
    public func followups(in scope: Scope, days: Int) throws -> [Followup] {
        let unanswered = try db.query(Self.unansweredSelect, scope.teamID).map { row in
                try FollowupPlan.Unanswered(id: row.int64("id"), contactID: row.optionalInt64("contact_id"),
                                            to: row.addresses("to_addrs"), subject: row.string("subject"),
                                            sentAt: row.date("sent_at"), snoozedUntil: row.optionalDate("snoozed_until"))
            }
        let reminders = try db.query(Self.reminderSelect + """
             WHERE r.done_at IS NULL AND (?1 IS NULL OR r.team_id = ?1)
            """, scope.teamID).map { row in
                let reminder = try Self.reminder(row)
                let to = try row.optionalString("email_to") != nil ? row.addresses("email_to")
                    : (row.optionalString("contact_emails") ?? "").split(separator: " ").compactMap { EmailAddress(String($0)) }
                return FollowupPlan.OpenReminder(reminder: reminder, to: to, subject: row.optionalString("subject"),
                                                 sentAt: try row.optionalDate("sent_at"))
            }
        return FollowupPlan.list(unanswered: unanswered, reminders: reminders, days: days, now: timestamp)
    }

    /// How many follow-ups are due now (what `followups(in:days:)` lists with a due date passed), in one
    /// query: the tab bar shows it on every refresh, which must not read the whole list.
    public func dueFollowupCount(in scope: Scope, days: Int) throws -> Int {
        let row = try db.first("""
            SELECT (SELECT count(*) FROM (\(Self.unansweredSelect))
                    WHERE coalesce(snoozed_until, sent_at + ?2) <= ?3)
                 + (SELECT count(*) FROM reminders WHERE done_at IS NULL AND (?1 IS NULL OR team_id = ?1) AND due_at <= ?3)
            """, scope.teamID, Int64(days) * 86_400, timestamp)
        return Int(try row?.int64(0) ?? 0)
    }

    /// Sent emails of the team `?1` (every team when NULL) with no reply and not marked done, with
    /// their contact and the end of any snooze: what the follow-up list and its count start from.
    static let unansweredSelect = """
            WITH sent AS (
                SELECT o.id, o.team_id, o.mailbox_id, o.message_id, o.thread_id, o.to_addrs, o.cc_addrs, o.subject,
                       o.linked_type, o.linked_id,
                       coalesce((SELECT max(h.at) FROM outgoing_email_status_history h
                                 WHERE h.outgoing_email_id = o.id AND h.to_status = 'sent'), o.updated_at) AS sent_at,
                       f.snoozed_until
                FROM outgoing_emails o LEFT JOIN followup_marks f ON f.outgoing_email_id = o.id
                WHERE o.status = 'sent' AND (?1 IS NULL OR o.team_id = ?1) AND f.done_at IS NULL
            )
            SELECT s.id, s.to_addrs, s.subject, s.sent_at, s.snoozed_until,
                   CASE s.linked_type WHEN 'contact' THEN s.linked_id ELSE
                       (SELECT e.contact_id FROM contact_emails e
                        WHERE e.team_id = s.team_id AND e.address = json_extract(s.to_addrs, '$[0]')) END AS contact_id
            FROM sent s
            WHERE NOT EXISTS (
                SELECT 1 FROM incoming_emails i
                WHERE i.team_id = s.team_id AND i.direction = 'in' AND i.internal_date >= s.sent_at
                  AND i.from_address NOT IN (SELECT m.email FROM mailboxes m JOIN users u ON u.id = m.user_id
                                             WHERE u.team_id = s.team_id)
                  AND ((s.message_id IS NOT NULL AND (
                          s.message_id IN (SELECT value FROM json_each(i.in_reply_to))
                          OR s.message_id IN (SELECT value FROM json_each(i.references_ids))))
                       OR (s.thread_id IS NOT NULL AND i.thread_id = s.thread_id AND i.mailbox_id = s.mailbox_id)
                       OR i.from_address IN (SELECT value FROM json_each(s.to_addrs) UNION SELECT value FROM json_each(s.cc_addrs))
                       OR i.from_address IN (
                          SELECT other.address FROM contact_emails recipient
                          JOIN contact_emails other ON other.contact_id = recipient.contact_id
                          WHERE recipient.team_id = s.team_id AND recipient.address IN
                              (SELECT value FROM json_each(s.to_addrs) UNION SELECT value FROM json_each(s.cc_addrs)))))
        """

    /// Sets a reminder on a contact of `user`'s team, or on a sent email (whose contact it is then
    /// about: the linked contact, else the first recipient's), due at `date`.
    /// - Throws: `Refusal.notFound` for a contact or email outside the team, and `Refusal.notFound(.contact, id: 0)`
    ///   when no contact is given and the email is to nobody who is one.
    public func addReminder(contact: Int64?, email: Int64? = nil, at date: Date, note: String?, by user: User) throws -> Reminder {
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try db.write {
            var contactID = contact
            if let email {
                guard let row = try db.first("""
                    SELECT CASE linked_type WHEN 'contact' THEN linked_id ELSE
                        (SELECT e.contact_id FROM contact_emails e
                         WHERE e.team_id = o.team_id AND e.address = json_extract(o.to_addrs, '$[0]')) END
                    FROM outgoing_emails o WHERE id = ? AND team_id = ?
                    """, email, user.teamID) else { throw Refusal.notFound(.outgoingEmail, id: email) }
                let linked = try row.optionalInt64(0)
                contactID = contactID ?? linked
            }
            guard let contactID,
                  try db.first("SELECT 1 FROM contacts WHERE id = ? AND team_id = ?", contactID, user.teamID) != nil
            else { throw Refusal.notFound(.contact, id: contact ?? 0) }
            try db.execute("""
                INSERT INTO reminders (team_id, contact_id, outgoing_email_id, user_id, due_at, note, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, user.teamID, contactID, email, user.id, date.stored, note?.isEmpty == false ? note : nil, timestamp)
            return try Self.reminder(db.first(Self.reminderSelect + " WHERE r.id = ?", db.lastInsertRowID)!)
        }
    }

    /// Marks a follow-up of `user`'s team done: a sent email stops waiting for a reply; a reminder is
    /// closed and leaves a note on its contact's timeline. False when the team has no such follow-up
    /// (an email that is not sent, a reminder already done).
    @discardableResult
    public func finishFollowup(_ key: FollowupKey, by user: User) throws -> Bool {
        try db.write {
            let now = timestamp
            switch key {
            case .email(let id):
                return try markSentEmail(id, "done_at", now, by: user)
            case .reminder(let id):
                guard let row = try db.first(Self.reminderSelect + " WHERE r.id = ? AND r.team_id = ? AND r.done_at IS NULL",
                                             id, user.teamID) else { return false }
                let reminder = try Self.reminder(row)
                try db.execute("UPDATE reminders SET done_at = ? WHERE id = ?", now, id)
                _ = try addActivity(contact: reminder.contactID, type: .note, summary: reminder.doneSummary, by: user)
                return true
            }
        }
    }

    /// Puts a follow-up of `user`'s team off until `date`: a sent email is listed again then (unless a
    /// reply comes), a reminder falls due then. False when the team has no such open follow-up.
    @discardableResult
    public func snoozeFollowup(_ key: FollowupKey, until date: Date, by user: User) throws -> Bool {
        try db.write {
            switch key {
            case .email(let id):
                return try markSentEmail(id, "snoozed_until", date.stored, by: user)
            case .reminder(let id):
                try db.execute("UPDATE reminders SET due_at = ? WHERE id = ? AND team_id = ? AND done_at IS NULL",
                               date.stored, id, user.teamID)
                return db.changes == 1
            }
        }
    }

    /// Sets `column` (done_at or snoozed_until) of a sent email's follow-up mark; false when the team
    /// sent no such email.
    private func markSentEmail(_ id: Int64, _ column: String, _ value: Date, by user: User) throws -> Bool {
        guard try db.first("SELECT 1 FROM outgoing_emails WHERE id = ? AND team_id = ? AND status = 'sent'",
                           id, user.teamID) != nil else { return false }
        try db.execute("""
            INSERT INTO followup_marks (outgoing_email_id, team_id, \(column), user_id, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (outgoing_email_id) DO UPDATE SET \(column) = ?3, user_id = ?4, updated_at = ?5
            """, id, user.teamID, value, user.id, timestamp)
        return true
    }

    static let reminderSelect = """
        SELECT r.id, r.contact_id, r.outgoing_email_id, r.due_at, r.note, u.login,
               o.to_addrs AS email_to, o.subject,
               CASE WHEN o.id IS NOT NULL THEN (SELECT max(h.at) FROM outgoing_email_status_history h
                    WHERE h.outgoing_email_id = o.id AND h.to_status = 'sent') END AS sent_at,
               \(addressList(of: "r.contact_id")) AS contact_emails
        FROM reminders r
        LEFT JOIN users u ON u.id = r.user_id
        LEFT JOIN outgoing_emails o ON o.id = r.outgoing_email_id
        """

    static func reminder(_ row: Row) throws -> Reminder {
        try Reminder(id: row.int64("id"), contactID: row.int64("contact_id"),
                     outgoingEmailID: row.optionalInt64("outgoing_email_id"), dueAt: row.date("due_at"),
                     note: row.optionalString("note"), login: row.optionalString("login"))
    }
}

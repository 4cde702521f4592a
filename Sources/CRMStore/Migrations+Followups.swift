extension Migrations {
    /// Follow-ups: reminders set on a contact (or on a sent email to them), and the marks people put
    /// on a sent email awaiting a reply (done, or snoozed until a time). Both belong to a team.
    static let followups = Migration("015_followups", """
        CREATE TABLE reminders (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            outgoing_email_id INTEGER REFERENCES outgoing_emails(id) ON DELETE CASCADE,
            user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            due_at INTEGER NOT NULL,
            note TEXT,
            done_at INTEGER,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX reminders_open ON reminders(team_id, done_at, due_at);
        CREATE TABLE followup_marks (
            outgoing_email_id INTEGER PRIMARY KEY REFERENCES outgoing_emails(id) ON DELETE CASCADE,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            snoozed_until INTEGER,
            done_at INTEGER,
            user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            updated_at INTEGER NOT NULL
        );
        """)
}

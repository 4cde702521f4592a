extension Migrations {
    /// The contact policy: each message keeps the headers that mark it bulk or automatic
    /// (`automation`, a JSON list such as ["Precedence: bulk"]; mail stored before is taken as
    /// neither), a contact made from mail names the message (`source_email_id`), and each team keeps
    /// a blocklist of addresses and "@domain" entries.
    static let contactPolicy = Migration("015b_contact_policy", """
        ALTER TABLE incoming_emails ADD COLUMN automation TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE contacts ADD COLUMN source_email_id INTEGER REFERENCES incoming_emails(id) ON DELETE SET NULL;
        CREATE TABLE blocklist (
            team_id INTEGER NOT NULL REFERENCES teams(id),
            entry TEXT NOT NULL,
            user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (team_id, entry)
        ) WITHOUT ROWID;
        """)
}

extension Migrations {
    /// Who is alive and who is writing: `sync_heartbeats` holds a row per mailbox a `rapport sync`
    /// daemon serves, renewed on a timer (beside the per-cycle lease, which only says a cycle runs);
    /// `writer_notes` holds a row per long write job running now (a contact import, a mail import, a
    /// merge), so that a writer who waited past the limit can be told who held the database.
    static let liveness = Migration("016_liveness", """
        CREATE TABLE sync_heartbeats (
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
            holder TEXT NOT NULL,
            beat_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (mailbox_id, holder)
        ) WITHOUT ROWID;
        CREATE TABLE writer_notes (
            holder TEXT PRIMARY KEY,
            user_login TEXT,
            command TEXT NOT NULL,
            since INTEGER NOT NULL
        ) WITHOUT ROWID;
        """)
}

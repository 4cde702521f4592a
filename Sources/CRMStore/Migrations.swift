/// The schema, as the ordered list of every step ever released. Append only: never edit a step.
public enum Migrations {
    public static let all: [Migration] = [
        teamsUsersMailboxes, crmRecords, mail, activities, search, sync, composerSessions, contactMatching,
        searchAtCommit, forgetAPIBase, sealedSends, labelChanges, incomingAttachments, replyHeaders, conversations,
        searchByDate,
        followups, contactPolicy,
        liveness,
        activityDetails,
    ]

    static let teamsUsersMailboxes = Migration("001_teams_users_mailboxes", """
        CREATE TABLE teams (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            login TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
            created_at INTEGER NOT NULL
        );
        CREATE INDEX users_team ON users(team_id);
        CREATE TABLE mailboxes (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            email TEXT NOT NULL UNIQUE,
            api_base TEXT,
            history_id TEXT,
            state TEXT NOT NULL DEFAULT 'needs_login'
                CHECK (state IN ('idle', 'syncing', 'error', 'needs_login')),
            last_sync_at INTEGER,
            last_error TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX mailboxes_user ON mailboxes(user_id);
        """)

    static let crmRecords = Migration("002_contacts_companies_deals", """
        CREATE TABLE companies (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            name TEXT NOT NULL,
            domain TEXT,
            created_at INTEGER NOT NULL,
            UNIQUE (team_id, name COLLATE NOCASE)
        );
        CREATE INDEX companies_domain ON companies(team_id, domain);
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            name TEXT NOT NULL,
            company_id INTEGER REFERENCES companies(id) ON DELETE SET NULL,
            phone TEXT,
            owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX contacts_team_name ON contacts(team_id, name COLLATE NOCASE);
        CREATE INDEX contacts_company ON contacts(company_id);
        CREATE TABLE contact_emails (
            team_id INTEGER NOT NULL REFERENCES teams(id),
            address TEXT NOT NULL,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (team_id, address)
        ) WITHOUT ROWID;
        CREATE INDEX contact_emails_contact ON contact_emails(contact_id, position);
        CREATE TABLE deals (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            name TEXT NOT NULL,
            company_id INTEGER REFERENCES companies(id) ON DELETE SET NULL,
            contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
            stage TEXT NOT NULL,
            value_cents INTEGER,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX deals_team ON deals(team_id);
        CREATE INDEX deals_contact ON deals(contact_id);
        CREATE INDEX deals_company ON deals(company_id);
        """)

    static let mail = Migration("003_outgoing_and_incoming_mail", """
        CREATE TABLE outgoing_emails (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
            author_id INTEGER NOT NULL REFERENCES users(id),
            linked_type TEXT CHECK (linked_type IN ('contact', 'company', 'deal')),
            linked_id INTEGER,
            to_addrs TEXT NOT NULL DEFAULT '[]',
            cc_addrs TEXT NOT NULL DEFAULT '[]',
            bcc_addrs TEXT NOT NULL DEFAULT '[]',
            subject TEXT NOT NULL DEFAULT '',
            body_text TEXT NOT NULL DEFAULT '',
            body_html TEXT,
            reply_to_activity_id INTEGER,
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'queued', 'sending', 'sent', 'failed')),
            send_at INTEGER,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER,
            last_error TEXT,
            message_id TEXT UNIQUE,
            gmail_id TEXT,
            thread_id TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            CHECK ((linked_type IS NULL) = (linked_id IS NULL))
        );
        CREATE INDEX outgoing_due ON outgoing_emails(status, send_at);
        CREATE INDEX outgoing_team ON outgoing_emails(team_id, status);
        CREATE INDEX outgoing_author ON outgoing_emails(author_id, status);
        CREATE INDEX outgoing_link ON outgoing_emails(linked_type, linked_id);
        CREATE TABLE outgoing_email_status_history (
            id INTEGER PRIMARY KEY,
            outgoing_email_id INTEGER NOT NULL REFERENCES outgoing_emails(id) ON DELETE CASCADE,
            from_status TEXT,
            to_status TEXT NOT NULL,
            at INTEGER NOT NULL,
            user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            login TEXT NOT NULL,
            error TEXT
        );
        CREATE INDEX outgoing_history_email ON outgoing_email_status_history(outgoing_email_id, id);
        CREATE TABLE outgoing_attachments (
            id INTEGER PRIMARY KEY,
            outgoing_email_id INTEGER NOT NULL REFERENCES outgoing_emails(id) ON DELETE CASCADE,
            filename TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX outgoing_attachments_email ON outgoing_attachments(outgoing_email_id);
        CREATE TABLE incoming_emails (
            id INTEGER PRIMARY KEY,
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            gmail_id TEXT NOT NULL,
            thread_id TEXT,
            message_id TEXT,
            from_name TEXT,
            from_address TEXT,
            to_addrs TEXT NOT NULL DEFAULT '[]',
            cc_addrs TEXT NOT NULL DEFAULT '[]',
            subject TEXT NOT NULL DEFAULT '',
            snippet TEXT NOT NULL DEFAULT '',
            body_text TEXT,
            internal_date INTEGER NOT NULL,
            labels TEXT NOT NULL DEFAULT '[]',
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            created_at INTEGER NOT NULL,
            UNIQUE (mailbox_id, gmail_id)
        );
        CREATE INDEX incoming_message_id ON incoming_emails(team_id, message_id);
        CREATE INDEX incoming_mailbox_date ON incoming_emails(mailbox_id, internal_date);
        """)

    static let activities = Migration("004_activities", """
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            type TEXT NOT NULL CHECK (type IN ('email', 'call', 'meeting', 'note')),
            direction TEXT CHECK (direction IN ('in', 'out')),
            occurred_at INTEGER NOT NULL,
            subject TEXT,
            summary TEXT NOT NULL DEFAULT '',
            source_type TEXT NOT NULL CHECK (source_type IN ('manual', 'incoming_email', 'outgoing_email')),
            source_id INTEGER,
            message_key TEXT,
            hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            CHECK ((source_type = 'manual') = (source_id IS NULL))
        );
        CREATE INDEX activities_timeline ON activities(contact_id, occurred_at, id);
        CREATE UNIQUE INDEX activities_one_per_message ON activities(contact_id, message_key)
            WHERE message_key IS NOT NULL;
        CREATE INDEX activities_source ON activities(source_type, source_id);
        CREATE INDEX activities_team_time ON activities(team_id, occurred_at);
        """)

    /// Full-text search over contacts, manual activities and mail. The rowid says what a row is:
    /// id × 4 + 0 contact, + 1 activity, + 2 incoming email, + 3 outgoing email. Triggers keep it true;
    /// rows that existed before this step are indexed by it.
    static let search = Migration("005_search_index", """
        CREATE VIRTUAL TABLE search_index USING fts5(
            team_id UNINDEXED, subject, body, people,
            tokenize = 'unicode61 remove_diacritics 2'
        );

        CREATE TRIGGER contacts_indexed AFTER INSERT ON contacts BEGIN
            INSERT INTO search_index (rowid, team_id, subject, body, people)
            VALUES (new.id * 4, new.team_id, new.name,
                    coalesce((SELECT name FROM companies WHERE id = new.company_id), '') || ' ' || coalesce(new.phone, ''),
                    '');
        END;
        CREATE TRIGGER contacts_reindexed AFTER UPDATE OF name, company_id, phone ON contacts BEGIN
            UPDATE search_index SET subject = new.name,
                body = coalesce((SELECT name FROM companies WHERE id = new.company_id), '') || ' ' || coalesce(new.phone, '')
            WHERE rowid = new.id * 4;
        END;
        CREATE TRIGGER contacts_unindexed AFTER DELETE ON contacts BEGIN
            DELETE FROM search_index WHERE rowid = old.id * 4;
        END;
        CREATE TRIGGER contact_emails_added AFTER INSERT ON contact_emails BEGIN
            UPDATE search_index SET people = trim(people || ' ' || new.address) WHERE rowid = new.contact_id * 4;
        END;
        CREATE TRIGGER contact_emails_removed AFTER DELETE ON contact_emails BEGIN
            UPDATE search_index
            SET people = coalesce((SELECT group_concat(address, ' ') FROM contact_emails
                                   WHERE contact_id = old.contact_id), '')
            WHERE rowid = old.contact_id * 4;
        END;

        CREATE TRIGGER activities_indexed AFTER INSERT ON activities WHEN new.source_type = 'manual' BEGIN
            INSERT INTO search_index (rowid, team_id, subject, body, people)
            VALUES (new.id * 4 + 1, new.team_id, coalesce(new.subject, ''), new.summary, '');
        END;
        CREATE TRIGGER activities_reindexed AFTER UPDATE OF subject, summary ON activities
        WHEN new.source_type = 'manual' BEGIN
            UPDATE search_index SET subject = coalesce(new.subject, ''), body = new.summary
            WHERE rowid = new.id * 4 + 1;
        END;
        CREATE TRIGGER activities_unindexed AFTER DELETE ON activities WHEN old.source_type = 'manual' BEGIN
            DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
        END;

        CREATE TRIGGER incoming_indexed AFTER INSERT ON incoming_emails BEGIN
            INSERT INTO search_index (rowid, team_id, subject, body, people)
            VALUES (new.id * 4 + 2, new.team_id, new.subject, coalesce(new.body_text, new.snippet),
                    coalesce(new.from_name, '') || ' ' || coalesce(new.from_address, '') || ' '
                        || new.to_addrs || ' ' || new.cc_addrs);
        END;
        CREATE TRIGGER incoming_reindexed AFTER UPDATE OF subject, body_text, snippet ON incoming_emails BEGIN
            UPDATE search_index SET subject = new.subject, body = coalesce(new.body_text, new.snippet)
            WHERE rowid = new.id * 4 + 2;
        END;
        CREATE TRIGGER incoming_unindexed AFTER DELETE ON incoming_emails BEGIN
            DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
        END;

        CREATE TRIGGER outgoing_indexed AFTER INSERT ON outgoing_emails BEGIN
            INSERT INTO search_index (rowid, team_id, subject, body, people)
            VALUES (new.id * 4 + 3, new.team_id, new.subject, new.body_text,
                    new.to_addrs || ' ' || new.cc_addrs || ' ' || new.bcc_addrs);
        END;
        CREATE TRIGGER outgoing_reindexed AFTER UPDATE OF subject, body_text, to_addrs, cc_addrs, bcc_addrs
        ON outgoing_emails BEGIN
            UPDATE search_index SET subject = new.subject, body = new.body_text,
                people = new.to_addrs || ' ' || new.cc_addrs || ' ' || new.bcc_addrs
            WHERE rowid = new.id * 4 + 3;
        END;
        CREATE TRIGGER outgoing_unindexed AFTER DELETE ON outgoing_emails BEGIN
            DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
        END;

        INSERT INTO search_index (rowid, team_id, subject, body, people)
        SELECT c.id * 4, c.team_id, c.name, coalesce(co.name, '') || ' ' || coalesce(c.phone, ''),
               coalesce((SELECT group_concat(address, ' ') FROM contact_emails e WHERE e.contact_id = c.id), '')
        FROM contacts c LEFT JOIN companies co ON co.id = c.company_id;
        INSERT INTO search_index (rowid, team_id, subject, body, people)
        SELECT id * 4 + 1, team_id, coalesce(subject, ''), summary, '' FROM activities WHERE source_type = 'manual';
        INSERT INTO search_index (rowid, team_id, subject, body, people)
        SELECT id * 4 + 2, team_id, subject, coalesce(body_text, snippet),
               coalesce(from_name, '') || ' ' || coalesce(from_address, '') || ' ' || to_addrs || ' ' || cc_addrs
        FROM incoming_emails;
        INSERT INTO search_index (rowid, team_id, subject, body, people)
        SELECT id * 4 + 3, team_id, subject, body_text, to_addrs || ' ' || cc_addrs || ' ' || bcc_addrs
        FROM outgoing_emails;
        """)

    /// Background Gmail sync. `off_timeline` is sync's flag (every copy of the message is in Trash or
    /// Spam), apart from `hidden`, which a person set. The fetch queue, full-sync progress, backfill
    /// list and leases make an interrupted sync resume where it stopped. Triggers queue a backfill of
    /// every teammate's mailbox for each new contact address, and of a new mailbox for every address
    /// its team knows; rows that existed before this step are queued by it, and mail queued before it
    /// gets its queue time from its status history.
    static let sync = Migration("006_sync", """
        ALTER TABLE activities ADD COLUMN off_timeline INTEGER NOT NULL DEFAULT 0 CHECK (off_timeline IN (0, 1));
        ALTER TABLE incoming_emails ADD COLUMN references_ids TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE incoming_emails ADD COLUMN history_id INTEGER;
        ALTER TABLE outgoing_emails ADD COLUMN queued_at INTEGER;
        UPDATE outgoing_emails SET queued_at = (
            SELECT max(h.at) FROM outgoing_email_status_history h
            WHERE h.outgoing_email_id = outgoing_emails.id AND h.to_status = 'queued'
              AND h.from_status IN ('draft', 'failed'))
        WHERE status IN ('queued', 'sending');
        CREATE INDEX outgoing_history_moves ON outgoing_email_status_history(to_status, at);

        CREATE TABLE sync_fetch_queue (
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
            gmail_id TEXT NOT NULL,
            thread_id TEXT,
            purpose TEXT NOT NULL CHECK (purpose IN ('full', 'partial', 'backfill')),
            attempts INTEGER NOT NULL DEFAULT 0,
            not_before INTEGER NOT NULL DEFAULT 0,
            seq INTEGER NOT NULL,
            PRIMARY KEY (mailbox_id, gmail_id)
        ) WITHOUT ROWID;
        CREATE INDEX sync_fetch_order ON sync_fetch_queue(mailbox_id, seq);

        CREATE TABLE sync_state (
            mailbox_id INTEGER PRIMARY KEY REFERENCES mailboxes(id) ON DELETE CASCADE,
            full_sync_cursor INTEGER,
            page_token TEXT,
            listing_done INTEGER NOT NULL DEFAULT 0 CHECK (listing_done IN (0, 1)),
            window_start INTEGER
        );

        CREATE TABLE sync_backfill (
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            PRIMARY KEY (mailbox_id, address)
        ) WITHOUT ROWID;
        CREATE TRIGGER contact_emails_backfilled AFTER INSERT ON contact_emails BEGIN
            INSERT OR IGNORE INTO sync_backfill (mailbox_id, address)
            SELECT m.id, new.address FROM users u JOIN mailboxes m ON m.user_id = u.id WHERE u.team_id = new.team_id;
        END;
        CREATE TRIGGER contact_emails_unbackfilled AFTER DELETE ON contact_emails BEGIN
            DELETE FROM sync_backfill WHERE address = old.address AND mailbox_id IN (
                SELECT m.id FROM users u JOIN mailboxes m ON m.user_id = u.id WHERE u.team_id = old.team_id);
        END;
        CREATE TRIGGER mailboxes_backfilled AFTER INSERT ON mailboxes BEGIN
            INSERT OR IGNORE INTO sync_backfill (mailbox_id, address)
            SELECT new.id, e.address FROM users u JOIN contact_emails e ON e.team_id = u.team_id
            WHERE u.id = new.user_id;
        END;
        INSERT OR IGNORE INTO sync_backfill (mailbox_id, address)
        SELECT m.id, e.address FROM mailboxes m JOIN users u ON u.id = m.user_id
        JOIN contact_emails e ON e.team_id = u.team_id;

        CREATE TABLE sync_leases (
            mailbox_id INTEGER PRIMARY KEY REFERENCES mailboxes(id) ON DELETE CASCADE,
            holder TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        );
        """)

    /// The full-screen composer's unsent work, saved as it is typed (fields exactly as typed, even
    /// half-written addresses, and where the cursor was), so a dropped session or a killed process
    /// reopens the composer where it was. One per user.
    static let composerSessions = Migration("007_composer_sessions", """
        CREATE TABLE composer_sessions (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            outgoing_id INTEGER REFERENCES outgoing_emails(id) ON DELETE SET NULL,
            state TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        """)

    /// What the contacts filter matches, folded once when a contact changes instead of on every
    /// keystroke for every contact: name, company and addresses, lower case without diacritics. The
    /// index holds it next to the name, so the filter reads the index alone until it finds a match.
    static let contactMatching = Migration("008_contact_match_text", """
        ALTER TABLE contacts ADD COLUMN match_text TEXT NOT NULL DEFAULT '';
        DROP INDEX contacts_team_name;
        CREATE INDEX contacts_team_name_match ON contacts(team_id, name COLLATE NOCASE, match_text);
        \(refreshMatchText("contacts_match_added", "AFTER INSERT ON contacts", where: "id = new.id"))
        \(refreshMatchText("contacts_match_changed", "AFTER UPDATE OF name, company_id ON contacts", where: "id = new.id"))
        \(refreshMatchText("contact_emails_match_added", "AFTER INSERT ON contact_emails", where: "id = new.contact_id"))
        \(refreshMatchText("contact_emails_match_removed", "AFTER DELETE ON contact_emails", where: "id = old.contact_id"))
        \(refreshMatchText("companies_match_renamed", "AFTER UPDATE OF name ON companies", where: "company_id = new.id"))
        UPDATE contacts SET match_text = \(matchText);
        """)

    /// New rows reach the search index once per write transaction, just before it commits, instead
    /// of one by one from their insert triggers: the triggers now note the search rowid in
    /// `search_pending`, and `Store.indexPendingSearchRows` indexes them all in one statement. SQLite
    /// asks the full-text index to write out what it holds at the start of every statement in a
    /// transaction, so indexing row by row wrote a tiny index segment for each row and then merged them.
    /// Changes and deletions still reach the index through their triggers; for a row still pending
    /// they find nothing, and the indexing at commit reads the row as it is then.
    static let searchAtCommit = Migration("009_search_indexed_at_commit", """
        CREATE TABLE search_pending (search_rowid INTEGER PRIMARY KEY);
        DROP TRIGGER contacts_indexed;
        CREATE TRIGGER contacts_indexed AFTER INSERT ON contacts BEGIN
            INSERT OR IGNORE INTO search_pending (search_rowid) VALUES (new.id * 4);
        END;
        DROP TRIGGER contact_emails_added;
        CREATE TRIGGER contact_emails_added AFTER INSERT ON contact_emails
        WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE search_rowid = new.contact_id * 4) BEGIN
            UPDATE search_index SET people = trim(people || ' ' || new.address) WHERE rowid = new.contact_id * 4;
        END;
        DROP TRIGGER activities_indexed;
        CREATE TRIGGER activities_indexed AFTER INSERT ON activities WHEN new.source_type = 'manual' BEGIN
            INSERT OR IGNORE INTO search_pending (search_rowid) VALUES (new.id * 4 + 1);
        END;
        DROP TRIGGER incoming_indexed;
        CREATE TRIGGER incoming_indexed AFTER INSERT ON incoming_emails BEGIN
            INSERT OR IGNORE INTO search_pending (search_rowid) VALUES (new.id * 4 + 2);
        END;
        DROP TRIGGER outgoing_indexed;
        CREATE TRIGGER outgoing_indexed AFTER INSERT ON outgoing_emails BEGIN
            INSERT OR IGNORE INTO search_pending (search_rowid) VALUES (new.id * 4 + 3);
        END;
        """)

    /// `mailboxes.api_base` is no longer read: anyone who can write a shared database could point a
    /// teammate's Gmail token at their own server. The API comes from the owner's credentials file.
    static let forgetAPIBase = Migration("010_mailboxes_forget_api_base", """
        UPDATE mailboxes SET api_base = NULL;
        """)

    /// Queued mail carries its author's seal (`OutboxSeal`), made with a key only the author's OS
    /// user can read; the sender sends nothing whose seal does not verify. Mail queued before has
    /// none and cannot be given one here (the keys are not in the database): the sender fails it
    /// with words saying to queue it again.
    static let sealedSends = Migration("011_sealed_sends", """
        ALTER TABLE outgoing_emails ADD COLUMN seal BLOB;
        """)

    /// Read state, archive and trash are applied to `incoming_emails.labels` at once and queued here
    /// in the same transaction until Gmail has them: one row per message, the person's changes
    /// folded together, removed only once Gmail answered success (or no longer has the message).
    /// Sync applies history under them, so a change still waiting is not undone by an older state.
    static let labelChanges = Migration("012b_label_changes", """
        CREATE TABLE label_changes (
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
            gmail_id TEXT NOT NULL,
            add_labels TEXT NOT NULL DEFAULT '[]',
            remove_labels TEXT NOT NULL DEFAULT '[]',
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            not_before INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            PRIMARY KEY (mailbox_id, gmail_id)
        ) WITHOUT ROWID;
        """)

    /// Attachments of incoming mail: name, type, size, digest and Gmail's partId of each (never an
    /// attachment id, which changes on every fetch), with the bytes up to `[mail] keep_attachments_mb`.
    /// `incoming_emails.attachment_count` is written with the row, so whatever reads a new row (a
    /// trigger too) knows at once; it stays NULL ("not known") on mail stored before this step, whose
    /// bytes were not kept, until the message is read again (a re-import, or a save from Gmail).
    static let incomingAttachments = Migration("012c_incoming_attachments", """
        ALTER TABLE incoming_emails ADD COLUMN attachment_count INTEGER;
        CREATE TABLE incoming_attachments (
            id INTEGER PRIMARY KEY,
            incoming_email_id INTEGER NOT NULL REFERENCES incoming_emails(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            part_id TEXT,
            filename TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            data BLOB,
            UNIQUE (incoming_email_id, position)
        );
        """)

    /// What replies need, kept with each message: received mail's In-Reply-To, Reply-To and the
    /// names of its recipients (`recipient_names`, a JSON object from address to name); outgoing
    /// mail's In-Reply-To, References and the display names typed with its recipients, all sealed
    /// with the rest (`thread_id` already holds the thread it goes into). Unsent replies written
    /// before this step get their headers from the parent their timeline entry names, as the sender
    /// used to work them out when it sent them: In-Reply-To its Message-ID, References those of the
    /// stored copy of it (the sending mailbox's first) plus that id, and the thread of the sending
    /// mailbox's copy (or of the parent, when it went out from that mailbox).
    /// A call or meeting's length and how it ended (its time is `occurred_at`).
    static let activityDetails = Migration("017_activity_details", """
        ALTER TABLE activities ADD COLUMN duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes > 0);
        ALTER TABLE activities ADD COLUMN outcome TEXT;
        """)

    static let replyHeaders = Migration("013_reply_headers", """
        ALTER TABLE incoming_emails ADD COLUMN in_reply_to TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE incoming_emails ADD COLUMN reply_to_addrs TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE incoming_emails ADD COLUMN recipient_names TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE outgoing_emails ADD COLUMN in_reply_to TEXT;
        ALTER TABLE outgoing_emails ADD COLUMN references_ids TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE outgoing_emails ADD COLUMN recipient_names TEXT NOT NULL DEFAULT '{}';
        UPDATE outgoing_emails SET in_reply_to = (
            SELECT CASE a.source_type
                WHEN 'incoming_email' THEN (SELECT i.message_id FROM incoming_emails i WHERE i.id = a.source_id)
                WHEN 'outgoing_email' THEN (SELECT p.message_id FROM outgoing_emails p WHERE p.id = a.source_id)
                END
            FROM activities a WHERE a.id = outgoing_emails.reply_to_activity_id AND a.team_id = outgoing_emails.team_id)
        WHERE reply_to_activity_id IS NOT NULL AND status <> 'sent';
        UPDATE outgoing_emails SET references_ids = coalesce(
            (SELECT json_insert(i.references_ids, '$[#]', outgoing_emails.in_reply_to) FROM incoming_emails i
             WHERE i.team_id = outgoing_emails.team_id AND i.message_id = outgoing_emails.in_reply_to
               AND i.mailbox_id = outgoing_emails.mailbox_id LIMIT 1),
            (SELECT json_insert(i.references_ids, '$[#]', outgoing_emails.in_reply_to) FROM incoming_emails i
             WHERE i.team_id = outgoing_emails.team_id AND i.message_id = outgoing_emails.in_reply_to
             ORDER BY i.id LIMIT 1),
            json_array(in_reply_to))
        WHERE in_reply_to IS NOT NULL AND status <> 'sent';
        UPDATE outgoing_emails SET thread_id = coalesce(
            (SELECT i.thread_id FROM incoming_emails i
             WHERE i.team_id = outgoing_emails.team_id AND i.message_id = outgoing_emails.in_reply_to
               AND i.mailbox_id = outgoing_emails.mailbox_id AND i.thread_id IS NOT NULL LIMIT 1),
            (SELECT p.thread_id FROM outgoing_emails p
             WHERE p.message_id = outgoing_emails.in_reply_to AND p.mailbox_id = outgoing_emails.mailbox_id))
        WHERE in_reply_to IS NOT NULL AND status <> 'sent' AND thread_id IS NULL;
        """)

    private static let matchText = """
        rapport_fold(name || ' ' || coalesce((SELECT name FROM companies WHERE id = contacts.company_id), '') || ' '
                     || coalesce((SELECT group_concat(address, ' ') FROM contact_emails WHERE contact_id = contacts.id), ''))
        """

    private static func refreshMatchText(_ name: String, _ event: String, where condition: String) -> String {
        "CREATE TRIGGER \(name) \(event) BEGIN UPDATE contacts SET match_text = \(matchText) WHERE \(condition); END;"
    }
}

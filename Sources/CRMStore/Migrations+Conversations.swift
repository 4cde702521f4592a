extension Migrations {
    /// Conversations: each mailbox's Gmail threads summed up for mail lists, kept right by triggers on
    /// `incoming_emails`, so every write path (sync, import, label changes, deletions) keeps them
    /// right without knowing about them.
    ///
    /// A message's conversation is its mailbox's thread `coalesce(thread_id, gmail_id)`: Gmail gives
    /// every message a thread (and the first message of a thread the thread's id), import gives the
    /// Message-ID its References start from, and a message with neither is a conversation of its own.
    /// `conversations` holds the summary (subject of the first message, participants, counts, newest
    /// time, whether any message is outside Trash and Spam); `conversation_labels` holds each label any
    /// of its messages carries, with the newest time, so that "label L of mailbox M, newest first,
    /// after cursor C" is one range of an index. Each change to a message sums its conversation up
    /// again from its messages (found through `incoming_thread`); rows that existed before this step
    /// are summed up by it. `mailbox_labels` holds the names of each mailbox's labels from Gmail's
    /// `labels.list`, which sync refreshes (`labels_listed_at`).
    static let conversations = Migration("012_conversations", """
        CREATE INDEX incoming_thread ON incoming_emails(mailbox_id, coalesce(thread_id, gmail_id), internal_date);
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            thread_key TEXT NOT NULL,
            subject TEXT NOT NULL,
            participants TEXT NOT NULL,
            message_count INTEGER NOT NULL,
            unread_count INTEGER NOT NULL,
            last_at INTEGER NOT NULL,
            in_all_mail INTEGER NOT NULL CHECK (in_all_mail IN (0, 1)),
            UNIQUE (mailbox_id, thread_key)
        );
        CREATE INDEX conversations_all_mail ON conversations(mailbox_id, in_all_mail, last_at);
        CREATE TABLE conversation_labels (
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            mailbox_id INTEGER NOT NULL,
            label TEXT NOT NULL,
            last_at INTEGER NOT NULL,
            PRIMARY KEY (conversation_id, label)
        ) WITHOUT ROWID;
        CREATE INDEX conversation_labels_page ON conversation_labels(mailbox_id, label, last_at, conversation_id);

        CREATE TABLE mailbox_labels (
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
            label_id TEXT NOT NULL,
            name TEXT NOT NULL,
            is_system INTEGER NOT NULL CHECK (is_system IN (0, 1)),
            PRIMARY KEY (mailbox_id, label_id)
        ) WITHOUT ROWID;
        CREATE INDEX mailbox_labels_name ON mailbox_labels(mailbox_id, name COLLATE NOCASE);
        ALTER TABLE mailboxes ADD COLUMN labels_listed_at INTEGER;

        \(conversationsBackfill)

        CREATE TRIGGER incoming_conversation_added AFTER INSERT ON incoming_emails BEGIN
            \(sumUp("new"))
        END;
        CREATE TRIGGER incoming_conversation_removed AFTER DELETE ON incoming_emails BEGIN
            \(sumUp("old"))
        END;
        CREATE TRIGGER incoming_conversation_changed
        AFTER UPDATE OF labels, thread_id, gmail_id, mailbox_id, subject, internal_date, from_name, from_address,
                        to_addrs, cc_addrs ON incoming_emails
        WHEN \(summedColumns.map { "old.\($0) IS NOT new.\($0)" }.joined(separator: " OR ")) BEGIN
            \(sumUp("new"))
        END;
        CREATE TRIGGER incoming_conversation_left AFTER UPDATE OF thread_id, gmail_id, mailbox_id ON incoming_emails
        WHEN old.mailbox_id IS NOT new.mailbox_id OR \(threadKey("old")) IS NOT \(threadKey("new")) BEGIN
            \(sumUp("old"))
        END;
        """)

    /// Sums up every conversation from the stored mail, in one pass each for summaries and labels (the
    /// joins are ordered by hand: SQLite would otherwise scan the conversations for each message).
    static let conversationsBackfill = """
        INSERT INTO conversations (\(summaryColumns))
        SELECT \(summary(mailbox: "i.mailbox_id", key: threadKey("i")))
        FROM incoming_emails i GROUP BY i.mailbox_id, \(threadKey("i"));
        INSERT INTO conversation_labels (conversation_id, mailbox_id, label, last_at)
        SELECT DISTINCT c.id, c.mailbox_id, l.value, c.last_at
        FROM incoming_emails i CROSS JOIN json_each(i.labels) l CROSS JOIN conversations c
        WHERE c.mailbox_id = i.mailbox_id AND c.thread_key = \(threadKey("i"));
        """

    /// The columns of a message a conversation's summary reads.
    private static let summedColumns = ["labels", "thread_id", "gmail_id", "mailbox_id", "subject", "internal_date",
                                        "from_name", "from_address", "to_addrs", "cc_addrs"]

    private static let summaryColumns = """
        mailbox_id, team_id, thread_key, subject, participants, message_count, unread_count, last_at, in_all_mail
        """

    /// The conversation key of the message `row` (a table alias, `new` or `old`). Queries must spell it
    /// exactly so for SQLite to use the `incoming_thread` index, and compare it with a value that has no
    /// column affinity (`+c.thread_key`, not `c.thread_key`), or SQLite reads only the mailbox part of it.
    static func threadKey(_ row: String) -> String { "coalesce(\(row).thread_id, \(row).gmail_id)" }

    /// Whether the message `row` belongs to the conversation (mailbox `mailbox`, key `key`).
    private static func isIn(_ row: String, mailbox: String, key: String) -> String {
        "\(row).mailbox_id = \(mailbox) AND \(threadKey(row)) = \(key)"
    }

    /// The statements of a trigger that sum up again the conversation of the message `row`: its labels
    /// go; the conversation goes when it has no message left, and is otherwise written anew (keeping its
    /// row id), its labels with it.
    private static func sumUp(_ row: String) -> String {
        let mailbox = "\(row).mailbox_id"
        let key = threadKey(row)
        return """
            DELETE FROM conversation_labels WHERE conversation_id =
                (SELECT id FROM conversations WHERE mailbox_id = \(mailbox) AND thread_key = \(key));
            DELETE FROM conversations WHERE mailbox_id = \(mailbox) AND thread_key = \(key)
                AND NOT EXISTS (SELECT 1 FROM incoming_emails x WHERE \(isIn("x", mailbox: mailbox, key: key)));
            INSERT INTO conversations (\(summaryColumns))
            SELECT \(summary(mailbox: mailbox, key: key))
            FROM incoming_emails i WHERE \(isIn("i", mailbox: mailbox, key: key)) GROUP BY i.mailbox_id
            ON CONFLICT (mailbox_id, thread_key) DO UPDATE SET team_id = excluded.team_id, subject = excluded.subject,
                participants = excluded.participants, message_count = excluded.message_count,
                unread_count = excluded.unread_count, last_at = excluded.last_at, in_all_mail = excluded.in_all_mail;
            INSERT INTO conversation_labels (conversation_id, mailbox_id, label, last_at)
            SELECT DISTINCT c.id, c.mailbox_id, l.value, c.last_at
            FROM conversations c JOIN incoming_emails i ON \(isIn("i", mailbox: mailbox, key: key)), json_each(i.labels) l
            WHERE c.mailbox_id = \(mailbox) AND c.thread_key = \(key);
            """
    }

    /// The summary columns (`summaryColumns`) of the conversation (`mailbox`, `key`), as aggregates over
    /// its messages `i`. Participants: each address once, in the order of first appearance (by date,
    /// then From before To before Cc), named by the first of their own messages that gave a name.
    private static func summary(mailbox: String, key: String) -> String {
        """
        \(mailbox), max(i.team_id), \(key),
            (SELECT s.subject FROM incoming_emails s WHERE \(isIn("s", mailbox: mailbox, key: key))
             ORDER BY s.internal_date, s.id LIMIT 1),
            (SELECT json_group_array(json_array(p.name, p.address)) FROM (
                SELECT a.address,
                       (SELECT n.from_name FROM incoming_emails n
                        WHERE \(isIn("n", mailbox: mailbox, key: key)) AND n.from_address = a.address
                          AND coalesce(n.from_name, '') != ''
                        ORDER BY n.internal_date, n.id LIMIT 1) AS name
                FROM (SELECT f.from_address AS address, f.internal_date * 10000 AS rank FROM incoming_emails f
                      WHERE \(isIn("f", mailbox: mailbox, key: key)) AND f.from_address IS NOT NULL
                      UNION ALL
                      SELECT t.value, r.internal_date * 10000 + 1 + min(t.key, 4998)
                      FROM incoming_emails r, json_each(r.to_addrs) t WHERE \(isIn("r", mailbox: mailbox, key: key))
                      UNION ALL
                      SELECT c.value, r.internal_date * 10000 + 5000 + min(c.key, 4999)
                      FROM incoming_emails r, json_each(r.cc_addrs) c WHERE \(isIn("r", mailbox: mailbox, key: key))) a
                GROUP BY a.address ORDER BY min(a.rank), a.address) p),
            count(*), sum(EXISTS (SELECT 1 FROM json_each(i.labels) WHERE value = 'UNREAD')), max(i.internal_date),
            max(NOT EXISTS (SELECT 1 FROM json_each(i.labels) WHERE value IN ('TRASH', 'SPAM')))
        """
    }
}

extension Migrations {
    /// Conversations: each mailbox's Gmail threads summed up for mail lists, kept right by triggers on
    /// `incoming_emails`, so every write path (sync, import, label changes, deletions) keeps them
    /// right without knowing about them.
    ///
    /// A message's conversation is its mailbox's thread `coalesce(thread_id, gmail_id)`: Gmail gives
    /// every message a thread (and the first message of a thread the thread's id), import gives the
    /// Message-ID its References start from, and a message with neither is a conversation of its own.
    /// `conversations` holds the summary (subject of the first message, counts, newest time, whether any
    /// message is outside Trash and Spam); `conversation_labels` holds each label any of its messages
    /// carries, with the newest time, so that "label L of mailbox M, newest first, after cursor C" is
    /// one range of an index. A new message adds itself to its conversation's summary (the common
    /// write, kept cheap: import and sync insert); a change or a deletion sums the conversation up
    /// again from its messages (found through `incoming_thread`); rows that existed before this step
    /// are summed up by it. Participants are not kept: a page reads its conversations' messages anyway.
    /// `mailbox_labels` holds the names of each mailbox's labels from Gmail's `labels.list`, which sync
    /// refreshes (`labels_listed_at`).
    static let conversations = Migration("013b_conversations", """
        CREATE INDEX incoming_thread ON incoming_emails(mailbox_id, coalesce(thread_id, gmail_id), internal_date);
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            thread_key TEXT NOT NULL,
            subject TEXT NOT NULL,
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
            \(addToSummary)
        END;
        CREATE TRIGGER incoming_conversation_removed AFTER DELETE ON incoming_emails BEGIN
            \(sumUp("old"))
        END;
        CREATE TRIGGER incoming_conversation_changed
        AFTER UPDATE OF \(summedColumns.joined(separator: ", ")) ON incoming_emails
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
    private static let summedColumns = ["labels", "thread_id", "gmail_id", "mailbox_id", "subject", "internal_date"]

    private static let summaryColumns = """
        mailbox_id, team_id, thread_key, subject, message_count, unread_count, last_at, in_all_mail
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
                message_count = excluded.message_count,
                unread_count = excluded.unread_count, last_at = excluded.last_at, in_all_mail = excluded.in_all_mail;
            INSERT INTO conversation_labels (conversation_id, mailbox_id, label, last_at)
            SELECT DISTINCT c.id, c.mailbox_id, l.value, c.last_at
            FROM conversations c JOIN incoming_emails i ON \(isIn("i", mailbox: mailbox, key: key)), json_each(i.labels) l
            WHERE c.mailbox_id = \(mailbox) AND c.thread_key = \(key);
            """
    }

    /// The summary columns (`summaryColumns`) of the conversation (`mailbox`, `key`), as aggregates over
    /// its messages `i`.
    private static func summary(mailbox: String, key: String) -> String {
        """
        \(mailbox), max(i.team_id), \(key),
            (SELECT s.subject FROM incoming_emails s WHERE \(isIn("s", mailbox: mailbox, key: key))
             ORDER BY s.internal_date, s.id LIMIT 1),
            count(*), sum(\(isUnread("i"))), max(i.internal_date), max(\(isOutsideBin("i")))
        """
    }

    private static func isUnread(_ row: String) -> String {
        "EXISTS (SELECT 1 FROM json_each(\(row).labels) WHERE value = 'UNREAD')"
    }

    private static func isOutsideBin(_ row: String) -> String {
        "NOT EXISTS (SELECT 1 FROM json_each(\(row).labels) WHERE value IN ('TRASH', 'SPAM'))"
    }

    /// The statements of the insert trigger: the new message adds itself to its conversation's summary
    /// (which is what summing it up again would give: a new row has the highest id, so its subject
    /// becomes the conversation's only when it is strictly older than every other message), and its
    /// labels to the conversation's, all of them taking the newest time.
    private static let addToSummary: String = {
        let mailbox = "new.mailbox_id"
        let key = threadKey("new")
        let conversation = "(SELECT id FROM conversations WHERE mailbox_id = \(mailbox) AND thread_key = \(key))"
        return """
            INSERT INTO conversations (\(summaryColumns))
            VALUES (\(mailbox), new.team_id, \(key), new.subject, 1, \(isUnread("new")), new.internal_date,
                    \(isOutsideBin("new")))
            ON CONFLICT (mailbox_id, thread_key) DO UPDATE SET
                subject = CASE WHEN excluded.last_at < (SELECT min(x.internal_date) FROM incoming_emails x
                                                        WHERE \(isIn("x", mailbox: mailbox, key: key)) AND x.id != new.id)
                               THEN excluded.subject ELSE subject END,
                message_count = message_count + 1, unread_count = unread_count + excluded.unread_count,
                last_at = max(last_at, excluded.last_at), in_all_mail = max(in_all_mail, excluded.in_all_mail);
            INSERT OR IGNORE INTO conversation_labels (conversation_id, mailbox_id, label, last_at)
            SELECT c.id, c.mailbox_id, l.value, c.last_at FROM conversations c, json_each(new.labels) l
            WHERE c.mailbox_id = \(mailbox) AND c.thread_key = \(key);
            UPDATE conversation_labels SET last_at = new.internal_date
            WHERE conversation_id = \(conversation) AND last_at < new.internal_date;
            """
    }()
}

extension Migrations {
    /// Search re-keyed by date, with columns for senders, recipients and tags, and a trigram index for
    /// scripts written without spaces (issue 15).
    ///
    /// The rowid is `(date << 31) | key`, where key = id × 4 + kind as before (0 contact, 1 activity,
    /// 2 incoming, 3 outgoing) and date is the row's seconds since 1970 (an activity's `occurred_at`, an
    /// email's `internal_date`, a sent email's `updated_at`, 0 for a contact), held to 0…2³²−1. So
    /// `ORDER BY rowid DESC` is newest first and stops when a page is full, a date range is a rowid
    /// range, and `rowid & 0x7FFFFFFF` is the key (ids up to 2²⁹). Columns: `sender` (from's name and
    /// address; a sent email's mailbox and author), `recipient` (to), `copied` (cc), `people` (a
    /// contact's addresses, a sent email's bcc) and `tags` (`attachment`, `read`/`unread`,
    /// `sent`/`received`, `insent`, and `l` + hex of each Gmail label id in upper case), which a word
    /// typed alone never matches. `search_trigram` holds the subject and body of rows with text in a
    /// script written without spaces, under the same rowid.
    ///
    /// New rows are noted in `search_pending` as before (migration 009); every change that alters what
    /// a row indexes, or its date, deletes the row from both indexes and indexes it again at once
    /// (unless it is still pending), with the same `searchRow` the indexing at commit uses. Rows that
    /// existed before this step are noted as pending here and indexed when a store next opens the
    /// database.
    static let searchByDate = Migration("014_search_v2", """
        DROP TABLE search_index;
        CREATE VIRTUAL TABLE search_index USING fts5(
            team_id UNINDEXED, subject, body, people, sender, recipient, copied, tags,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE VIRTUAL TABLE search_trigram USING fts5(subject, body, tokenize = 'trigram');

        DROP TRIGGER contacts_reindexed;
        CREATE TRIGGER contacts_reindexed AFTER UPDATE OF name, company_id, phone ON contacts BEGIN
            \(reindex(0, old: "old.id * 4", new: "new.id * 4", id: "new.id"))
        END;
        DROP TRIGGER contacts_unindexed;
        CREATE TRIGGER contacts_unindexed AFTER DELETE ON contacts BEGIN
            \(unindex(rowid: "old.id * 4", key: "old.id * 4"))
        END;
        DROP TRIGGER contact_emails_added;
        CREATE TRIGGER contact_emails_added AFTER INSERT ON contact_emails BEGIN
            \(reindex(0, old: "new.contact_id * 4", new: "new.contact_id * 4", id: "new.contact_id"))
        END;
        DROP TRIGGER contact_emails_removed;
        CREATE TRIGGER contact_emails_removed AFTER DELETE ON contact_emails BEGIN
            \(reindex(0, old: "old.contact_id * 4", new: "old.contact_id * 4", id: "old.contact_id"))
        END;

        \(datedTriggers(1, "activities", date: "occurred_at", manualOnly: true,
                        columns: "subject, summary, occurred_at, team_id"))
        \(datedTriggers(2, "incoming", date: "internal_date", columns: """
            subject, body_text, snippet, internal_date, labels, attachment_count, direction, from_name, from_address,
            to_addrs, cc_addrs, team_id
            """))
        \(datedTriggers(3, "outgoing", date: "updated_at", columns: """
            subject, body_text, to_addrs, cc_addrs, bcc_addrs, updated_at, status, mailbox_id, author_id, team_id
            """))
        CREATE TRIGGER outgoing_attachments_indexed AFTER INSERT ON outgoing_attachments BEGIN
            \(attachmentsChanged("new.outgoing_email_id"))
        END;
        CREATE TRIGGER outgoing_attachments_unindexed AFTER DELETE ON outgoing_attachments BEGIN
            \(attachmentsChanged("old.outgoing_email_id"))
        END;

        INSERT OR IGNORE INTO search_pending (search_rowid)
        SELECT id * 4 FROM contacts
        UNION ALL SELECT id * 4 + 1 FROM activities WHERE source_type = 'manual'
        UNION ALL SELECT id * 4 + 2 FROM incoming_emails
        UNION ALL SELECT id * 4 + 3 FROM outgoing_emails;
        """)

    /// The search rowid of the row with `key` dated `date` (seconds; NULL is 0), as the step above says.
    static func rowid(date: String, key: String) -> String {
        "((min(max(coalesce(\(date), 0), 0), 4294967295) << 31) | (\(key)))"
    }

    /// The triggers `<name>_reindexed` and `<name>_unindexed` (made by migration 005, replaced here) of
    /// the table of `kind` (1 activities, 2 incoming_emails, 3 outgoing_emails), whose rows are dated by
    /// `date`: a change of `columns` re-keys and re-indexes the row, a deletion drops it.
    private static func datedTriggers(_ kind: Int, _ name: String, date: String, manualOnly: Bool = false,
                                      columns: String) -> String {
        let table = ["", "activities", "incoming_emails", "outgoing_emails"][kind]
        let old = rowid(date: "old.\(date)", key: "old.id * 4 + \(kind)")
        return """
            DROP TRIGGER \(name)_reindexed;
            CREATE TRIGGER \(name)_reindexed AFTER UPDATE OF \(columns) ON \(table)
            \(manualOnly ? "WHEN new.source_type = 'manual'" : "") BEGIN
                \(reindex(kind, old: old, new: rowid(date: "new.\(date)", key: "new.id * 4 + \(kind)"), id: "new.id"))
            END;
            DROP TRIGGER \(name)_unindexed;
            CREATE TRIGGER \(name)_unindexed AFTER DELETE ON \(table) \(manualOnly ? "WHEN old.source_type = 'manual'" : "") BEGIN
                \(unindex(rowid: old, key: "old.id * 4 + \(kind)"))
            END;
            """
    }

    /// Drops the indexed row at rowid `old` from both indexes and indexes row `id` of `kind` again as
    /// it is now, unless it waits in `search_pending` (new in this transaction: indexed at commit).
    private static func reindex(_ kind: Int, old: String, new: String, id: String) -> String {
        let key = "\(id) * 4 + \(kind)"
        return """
        DELETE FROM search_index WHERE rowid = \(old);
            DELETE FROM search_trigram WHERE rowid = \(old);
            INSERT INTO search_index (rowid, team_id, subject, body, people, sender, recipient, copied, tags)
            \(searchRow(kind: kind, where: "= \(id) AND NOT EXISTS (SELECT 1 FROM search_pending WHERE search_rowid = \(key))"));
            INSERT INTO search_trigram (rowid, subject, body)
            SELECT rowid, subject, body FROM search_index
            WHERE rowid = \(new) AND (subject GLOB '\(unspacedPattern)' OR body GLOB '\(unspacedPattern)');
        """
    }

    /// Indexes outgoing email `id` again, whose attachments changed (its rowid stays).
    private static func attachmentsChanged(_ id: String) -> String {
        let rowid = rowid(date: "(SELECT updated_at FROM outgoing_emails WHERE id = \(id))", key: "\(id) * 4 + 3")
        return reindex(3, old: rowid, new: rowid, id: id)
    }

    /// Drops the indexed row at `rowid` from both indexes, and `key` from what is still to index.
    private static func unindex(rowid: String, key: String) -> String {
        """
        DELETE FROM search_index WHERE rowid = \(rowid);
            DELETE FROM search_trigram WHERE rowid = \(rowid);
            DELETE FROM search_pending WHERE search_rowid = \(key);
        """
    }

    /// A GLOB pattern for text with a letter of a script written without spaces (`SearchPlan.unspacedRanges`).
    static let unspacedPattern = "*[" + SearchPlan.unspacedRanges.map { range in
        String(Character(Unicode.Scalar(range.lowerBound)!)) + "-" + String(Character(Unicode.Scalar(range.upperBound)!))
    }.joined() + "]*"

    /// What a row of `kind` (0 contact, 1 activity, 2 incoming, 3 outgoing) indexes, in the columns of
    /// `search_index` from rowid on, for the rows whose id is `condition` ("= new.id", "IN (…)").
    static func searchRow(kind: Int, where condition: String) -> String {
        switch kind {
        case 0: """
            SELECT c.id * 4, c.team_id, c.name, coalesce(co.name, '') || ' ' || coalesce(c.phone, ''),
                   coalesce((SELECT group_concat(address, ' ') FROM contact_emails e WHERE e.contact_id = c.id), ''),
                   '', '', '', ''
            FROM contacts c LEFT JOIN companies co ON co.id = c.company_id WHERE c.id \(condition)
            """
        case 1: """
            SELECT \(rowid(date: "a.occurred_at", key: "a.id * 4 + 1")), a.team_id, coalesce(a.subject, ''), a.summary,
                   '', '', '', '', ''
            FROM activities a WHERE a.id \(condition) AND a.source_type = 'manual'
            """
        case 2: """
            SELECT \(rowid(date: "i.internal_date", key: "i.id * 4 + 2")), i.team_id, i.subject,
                   coalesce(i.body_text, i.snippet), '',
                   coalesce(i.from_name, '') || ' ' || coalesce(i.from_address, ''), i.to_addrs, i.cc_addrs,
                   CASE WHEN i.attachment_count > 0 THEN 'attachment ' ELSE '' END
                       || CASE i.direction WHEN 'out' THEN 'sent ' ELSE 'received ' END
                       || CASE WHEN EXISTS (SELECT 1 FROM json_each(i.labels) WHERE value = 'UNREAD') THEN 'unread '
                               ELSE 'read ' END
                       || CASE WHEN EXISTS (SELECT 1 FROM json_each(i.labels) WHERE value = 'SENT') THEN 'insent ' ELSE '' END
                       || coalesce((SELECT group_concat('l' || hex(upper(value)), ' ') FROM json_each(i.labels)), '')
            FROM incoming_emails i WHERE i.id \(condition)
            """
        default: """
            SELECT \(rowid(date: "o.updated_at", key: "o.id * 4 + 3")), o.team_id, o.subject, o.body_text, o.bcc_addrs,
                   coalesce((SELECT email FROM mailboxes WHERE id = o.mailbox_id), '') || ' '
                       || coalesce((SELECT name FROM users WHERE id = o.author_id), ''),
                   o.to_addrs, o.cc_addrs,
                   CASE WHEN EXISTS (SELECT 1 FROM outgoing_attachments WHERE outgoing_email_id = o.id)
                        THEN 'attachment ' ELSE '' END
                       || CASE WHEN o.status = 'sent' THEN 'sent insent' ELSE '' END
            FROM outgoing_emails o WHERE o.id \(condition)
            """
        }
    }
}

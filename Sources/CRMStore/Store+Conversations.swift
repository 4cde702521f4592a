import CRMCore
import Foundation

/// Mail lists: the conversations (threads) of mailboxes in a folder, newest first, page by page.
/// The summaries are kept by the triggers of `Migrations.conversations`; these only read them.
extension Store {
    /// Up to `limit` conversations of `mailboxes` in `folder`, newest first, all older than `before`
    /// (the `cursor` of the last conversation of the page before). Several mailboxes read as one list.
    /// A mailbox that has no label of that name adds nothing; mailboxes outside `scope` add nothing.
    /// Each page is one index range per mailbox, as fast at the end of 100,000 messages as at the start.
    public func conversations(mailboxes: [Int64], folder: MailFolder, in scope: Scope, limit: Int,
                              before: ConversationCursor? = nil) throws -> [Conversation] {
        try conversationPage(mailboxes: mailboxes, folder: folder, in: scope, limit: limit, older: true,
                             from: before ?? ConversationCursor(lastAt: .max, id: .max))
    }

    /// Up to `limit` conversations of `mailboxes` in `folder` just newer than `after` (nil: the oldest
    /// of all), still listed newest first: the page before `after` in the list, or its last page, read
    /// at once without the pages between.
    public func conversations(mailboxes: [Int64], folder: MailFolder, in scope: Scope, limit: Int,
                              after: ConversationCursor?) throws -> [Conversation] {
        try conversationPage(mailboxes: mailboxes, folder: folder, in: scope, limit: limit, older: false,
                             from: after ?? ConversationCursor(lastAt: .min, id: .min))
    }

    /// One page either way from `cursor`: the conversations older than it (`older`) or newer, the
    /// nearest `limit` of them, newest first.
    private func conversationPage(mailboxes: [Int64], folder: MailFolder, in scope: Scope, limit: Int,
                                  older: Bool, from cursor: ConversationCursor) throws -> [Conversation] {
        guard limit > 0 else { return [] }
        let (compare, order) = older ? ("<", "DESC") : (">", "ASC")
        var rows: [Row] = []
        for mailbox in Set(mailboxes).sorted() {
            if folder == .allMail {
                rows += try db.query("""
                    SELECT \(Self.conversationColumns) FROM conversations c JOIN mailboxes m ON m.id = c.mailbox_id
                    WHERE c.mailbox_id = ?1 AND c.in_all_mail = 1 AND (c.last_at, c.id) \(compare) (?2, ?3)
                      AND (?4 IS NULL OR c.team_id = ?4)
                    ORDER BY c.last_at \(order), c.id \(order) LIMIT ?5
                    """, mailbox, cursor.lastAt, cursor.id, scope.teamID, limit)
                continue
            }
            guard let label = try folder.systemLabel ?? labelID(folder.word, mailbox: mailbox) else { continue }
            rows += try db.query("""
                SELECT \(Self.conversationColumns)
                FROM conversation_labels l JOIN conversations c ON c.id = l.conversation_id
                JOIN mailboxes m ON m.id = c.mailbox_id
                WHERE l.mailbox_id = ?1 AND l.label = ?2 AND (l.last_at, l.conversation_id) \(compare) (?3, ?4)
                  AND (?5 IS NULL OR c.team_id = ?5)
                ORDER BY l.last_at \(order), l.conversation_id \(order) LIMIT ?6
                """, mailbox, label, cursor.lastAt, cursor.id, scope.teamID, limit)
        }
        let keyed = try rows.map { row in (row, try row.int64("last_at"), try row.int64("id")) }
        // The nearest `limit` to the cursor of every mailbox's nearest, then newest first.
        var nearest = Array(keyed.sorted { older ? ($0.1, $0.2) > ($1.1, $1.2) : ($0.1, $0.2) < ($1.1, $1.2) }.prefix(limit))
        if !older { nearest.reverse() }
        return try conversations(nearest.map { $0.0 })
    }

    /// The conversation the stored message `messageID` belongs to, when visible in `scope`.
    public func conversation(ofMessage messageID: Int64, in scope: Scope) throws -> Conversation? {
        let row = try db.first("""
            SELECT \(Self.conversationColumns)
            FROM incoming_emails i JOIN conversations c ON c.mailbox_id = i.mailbox_id
                 AND c.thread_key = \(Migrations.threadKey("i"))
            JOIN mailboxes m ON m.id = c.mailbox_id
            WHERE i.id = ?1 AND (?2 IS NULL OR i.team_id = ?2)
            """, messageID, scope.teamID)
        return try row.flatMap { try conversations([$0]).first }
    }

    /// The label of a mailbox that `name` means: a label Gmail listed with that name (in any case) or
    /// id, else a label its mail carries as written (labels of imported mail are folder names). nil
    /// when the mailbox has no such label.
    public func labelID(_ name: String, mailbox: Int64) throws -> String? {
        if let listed = try db.first("""
            SELECT label_id FROM mailbox_labels WHERE mailbox_id = ?1 AND (label_id = ?2 OR name = ?2 COLLATE NOCASE)
            ORDER BY label_id = ?2 DESC, name = ?2 DESC LIMIT 1
            """, mailbox, name) {
            return try listed.string(0)
        }
        let carried = try db.first("SELECT 1 FROM conversation_labels WHERE mailbox_id = ? AND label = ? LIMIT 1",
                                   mailbox, name)
        return carried == nil ? nil : name
    }

    // MARK: internals

    static let conversationColumns = """
        c.id, c.mailbox_id, m.email AS account, c.thread_key, c.subject, c.message_count, c.unread_count, c.last_at
        """

    /// Conversations from rows of `conversationColumns`, with their labels (by name) and message ids.
    private func conversations(_ rows: [Row]) throws -> [Conversation] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.int64("id") }
        let list = JSONValue.array(ids.map { .int($0) }).rendered(pretty: false)
        var labels: [Int64: [String]] = [:]
        for row in try db.query("""
            SELECT l.conversation_id, coalesce(n.name, l.label) AS name
            FROM conversation_labels l
            LEFT JOIN mailbox_labels n ON n.mailbox_id = l.mailbox_id AND n.label_id = l.label
            WHERE l.conversation_id IN (SELECT value FROM json_each(?1))
            ORDER BY l.conversation_id, name
            """, list) {
            labels[try row.int64("conversation_id"), default: []].append(try row.string("name"))
        }
        var messages: [Int64: [Int64]] = [:]
        var people: [Int64: Participants] = [:]
        var attachments: [Int64: Int] = [:]
        for row in try db.query("""
            SELECT c.id AS conversation_id, i.id, i.from_name, i.from_address, i.to_addrs, i.cc_addrs, i.attachment_count
            FROM conversations c JOIN incoming_emails i ON i.mailbox_id = c.mailbox_id
                 AND \(Migrations.threadKey("i")) = +c.thread_key
            WHERE c.id IN (SELECT value FROM json_each(?1))
            ORDER BY c.id, i.internal_date, i.id
            """, list) {
            let conversation = try row.int64("conversation_id")
            messages[conversation, default: []].append(try row.int64("id"))
            attachments[conversation, default: 0] += try row.optionalInt64("attachment_count").map(Int.init) ?? 0
            if let sender = row.optionalString("from_address") {
                people[conversation, default: Participants()].add(EmailAddress(stored: sender),
                                                                   name: row.optionalString("from_name"))
            }
            for address in try row.addresses("to_addrs") + row.addresses("cc_addrs") {
                people[conversation, default: Participants()].add(address, name: nil)
            }
        }
        return try rows.map { row in
            let id = try row.int64("id")
            return try Conversation(
                id: id, mailboxID: row.int64("mailbox_id"), account: EmailAddress(stored: row.string("account")),
                threadID: row.string("thread_key"), subject: row.string("subject"),
                participants: people[id]?.list ?? [],
                messageCount: row.int("message_count"), unreadCount: row.int("unread_count"),
                lastAt: row.date("last_at"), labels: labels[id] ?? [], messageIDs: messages[id] ?? [],
                attachmentCount: attachments[id] ?? 0)
        }
    }

    /// Everyone on a conversation's messages as they are read oldest first: each address once, where it
    /// first appears, named by the first of its own messages that gave a name.
    private struct Participants {
        private(set) var list: [Conversation.Participant] = []
        private var positions: [EmailAddress: Int] = [:]

        mutating func add(_ address: EmailAddress, name: String?) {
            let name = name?.isEmpty == false ? name : nil
            guard let position = positions[address] else {
                positions[address] = list.count
                list.append(Conversation.Participant(name: name, address: address))
                return
            }
            if list[position].name == nil, let name {
                list[position] = Conversation.Participant(name: name, address: address)
            }
        }
    }
}

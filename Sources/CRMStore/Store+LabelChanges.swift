import CRMCore
import Foundation
import Hardening

/// Read state, archive and trash: applied to the stored labels at once and queued for Gmail in the
/// same transaction (`label_changes`), one folded change per message, until sync has Gmail's yes.
///
/// Only a mailbox's owner changes its mail: sync changes Gmail with the owner's sign-in, so a
/// teammate's (or an administrator's) change would be made in the owner's name.
extension Store {
    /// Applies `action` to the stored message `id`, and to every other message of its conversation in
    /// that mailbox when the action covers conversations (archive and trash do; read state does not).
    /// A message outside the person's scope is `notFound`; one in somebody else's mailbox is
    /// `notYourMessage`.
    @discardableResult
    public func apply(_ action: MailAction, toMessage id: Int64, by user: User) throws -> LabelEdit {
        try apply(action, toMessages: [id], by: user)
    }

    /// Applies `action` to each of the stored messages `ids` as `apply(_:toMessage:by:)` does, in one
    /// transaction: one edit to undo (marking a whole conversation unread, say). Each message is
    /// changed once, however many of the ids cover it.
    @discardableResult
    public func apply(_ action: MailAction, toMessages ids: [Int64], by user: User) throws -> LabelEdit {
        try db.write {
            var covered: [Int64] = []
            var seen = Set<Int64>()
            for id in ids {
                guard let message = try ownMessage(id, by: user) else { throw Refusal.notFound(.message, id: id) }
                for each in action.coversConversation ? try conversation(of: message) : [id] where seen.insert(each).inserted {
                    covered.append(each)
                }
            }
            return try changeLabels(covered.map { ($0, action.effect(on:)) }, by: user)
        }
    }

    /// Undoes an edit made by `apply` (or an undo): each message's change reversed, here at once and
    /// queued for Gmail the same way. Messages deleted since are skipped.
    @discardableResult
    public func undo(_ edit: LabelEdit, by user: User) throws -> LabelEdit {
        try db.write { try changeLabels(edit.inverse.map { undo in (undo.id, undo.change.effect(on:)) }, by: user) }
    }

    /// How many messages of the mailbox have changes waiting for Gmail.
    public func pendingLabelChangeCount(mailbox: Int64) throws -> Int {
        try db.first("SELECT count(*) FROM label_changes WHERE mailbox_id = ?", mailbox)?.int(0) ?? 0
    }

    /// The changes sync may send at `now` (those Gmail refused wait out their delay), oldest first.
    public func pendingLabelChanges(mailbox: Int64, now: Date, limit: Int = 10_000) throws -> [PendingLabelChange] {
        try db.query("""
            SELECT gmail_id, add_labels, remove_labels, attempts, last_error FROM label_changes
            WHERE mailbox_id = ? AND not_before <= ? ORDER BY created_at, gmail_id LIMIT ?
            """, mailbox, now, limit).map { row in
            try PendingLabelChange(gmailID: row.string("gmail_id"),
                                   change: LabelChange(add: row.strings("add_labels"), remove: row.strings("remove_labels")),
                                   attempts: row.int("attempts"), lastError: row.optionalString("last_error"))
        }
    }

    /// Forgets changes Gmail has (it answered success) or can no longer take (it has no such message).
    /// A change made again since it was read is kept: Gmail does not have the newer one yet.
    public func forgetLabelChanges(mailbox: Int64, _ changes: [PendingLabelChange]) throws {
        try db.write {
            for pending in changes {
                try db.execute("DELETE FROM label_changes WHERE \(Self.unchangedRow)", mailbox, pending.gmailID,
                               JSONStringList.encode(pending.change.add), JSONStringList.encode(pending.change.remove))
            }
        }
    }

    /// Counts a refused try of each change and puts it off (`PendingLabelChange.retryDelay`); the error
    /// text goes through `Redaction`. A change made again since it was read is left as it is.
    public func deferLabelChanges(mailbox: Int64, _ changes: [PendingLabelChange], error: String, now: Date) throws {
        let text = Redaction.redact(error)
        try db.write {
            for pending in changes {
                let until = now.addingTimeInterval(PendingLabelChange.retryDelay(afterAttempts: pending.attempts + 1))
                try db.execute("""
                    UPDATE label_changes SET attempts = attempts + 1, last_error = ?5, not_before = ?6
                    WHERE \(Self.unchangedRow)
                    """, mailbox, pending.gmailID, JSONStringList.encode(pending.change.add),
                    JSONStringList.encode(pending.change.remove), text, until)
            }
        }
    }

    // MARK: internals

    /// The queued row of one message, still holding the change that was read (?1–?4).
    private static let unchangedRow = "mailbox_id = ?1 AND gmail_id = ?2 AND add_labels = ?3 AND remove_labels = ?4"

    /// A stored message the person may change, with what a change needs to know.
    private struct OwnMessage {
        let id: Int64
        let mailboxID: Int64
        let gmailID: String
        let threadID: String?
        let labels: [String]
    }

    /// The message `id` when it is in the person's scope and one of their own mailboxes; nil when it
    /// is not stored or outside the scope; `notYourMessage` when it is a teammate's.
    private func ownMessage(_ id: Int64, by user: User) throws -> OwnMessage? {
        guard let row = try db.first("""
            SELECT i.id, i.mailbox_id, i.team_id, i.gmail_id, i.thread_id, i.labels, m.user_id, u.login
            FROM incoming_emails i JOIN mailboxes m ON m.id = i.mailbox_id JOIN users u ON u.id = m.user_id
            WHERE i.id = ?
            """, id), user.scope.contains(team: try row.int64("team_id")) else { return nil }
        guard try row.int64("user_id") == user.id else {
            throw Refusal.notYourMessage(id: id, owner: row.optionalString("login"))
        }
        return try OwnMessage(id: id, mailboxID: row.int64("mailbox_id"), gmailID: row.string("gmail_id"),
                              threadID: row.optionalString("thread_id"), labels: row.strings("labels"))
    }

    /// The stored messages of `message`'s conversation in its mailbox, oldest first (itself alone
    /// when it has no thread).
    private func conversation(of message: OwnMessage) throws -> [Int64] {
        guard let thread = message.threadID else { return [message.id] }
        return try db.query("""
            SELECT id FROM incoming_emails WHERE mailbox_id = ? AND thread_id = ? ORDER BY internal_date, id
            """, message.mailboxID, thread).map { try $0.int64(0) }
    }

    /// Applies to each message what its change does to its labels now, and queues that for Gmail.
    private func changeLabels(_ changes: [(id: Int64, effect: ([String]) -> LabelChange)], by user: User) throws
        -> LabelEdit {
        var edit = LabelEdit(covered: changes.count)
        for requested in changes {
            guard let message = try ownMessage(requested.id, by: user) else { continue }
            let effect = requested.effect(message.labels)
            guard !effect.isEmpty else { continue }
            try replaceLabels(ofIncoming: message.id, with: effect.applied(to: message.labels))
            if !IncomingEmail.isImportedID(message.gmailID) {
                try queueLabelChange(effect, mailbox: message.mailboxID, gmailID: message.gmailID)
                edit.queued += 1
            }
            edit.messages.append(LabelEdit.Message(id: message.id, change: effect))
        }
        return edit
    }

    /// Queues a change for Gmail, folded into the one already waiting for the message (the later
    /// word wins per label); the fold is a new change, so it is tried at once.
    private func queueLabelChange(_ change: LabelChange, mailbox: Int64, gmailID: String) throws {
        let waiting = try pendingLabelChange(mailbox: mailbox, gmailID: gmailID)
        let folded = waiting.map { $0.then(change) } ?? change
        try db.execute("""
            INSERT INTO label_changes (mailbox_id, gmail_id, add_labels, remove_labels, created_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (mailbox_id, gmail_id) DO UPDATE SET add_labels = excluded.add_labels,
                remove_labels = excluded.remove_labels, attempts = 0, not_before = 0, last_error = NULL
            """, mailbox, gmailID, JSONStringList.encode(folded.add), JSONStringList.encode(folded.remove), timestamp)
    }

    /// The change waiting for Gmail for one message, if any.
    func pendingLabelChange(mailbox: Int64, gmailID: String) throws -> LabelChange? {
        try db.first("SELECT add_labels, remove_labels FROM label_changes WHERE mailbox_id = ? AND gmail_id = ?",
                     mailbox, gmailID).map { try LabelChange(add: $0.strings("add_labels"), remove: $0.strings("remove_labels")) }
    }
}

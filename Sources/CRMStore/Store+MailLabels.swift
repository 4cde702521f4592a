import CRMCore
import Foundation

/// Each mailbox's labels: their names from Gmail's `labels.list` (sync keeps them), and the labels
/// its mail carries.
extension Store {
    /// Replaces a mailbox's listed labels with Gmail's current list and notes when it was listed.
    public func replaceLabels(mailbox: Int64, with labels: [MailLabel], listedAt: Date) throws {
        try db.write {
            try db.execute("DELETE FROM mailbox_labels WHERE mailbox_id = ?", mailbox)
            for label in labels {
                try db.execute("""
                    INSERT OR REPLACE INTO mailbox_labels (mailbox_id, label_id, name, is_system) VALUES (?, ?, ?, ?)
                    """, mailbox, label.id, label.name, label.isSystem)
            }
            try db.execute("UPDATE mailboxes SET labels_listed_at = ? WHERE id = ?", listedAt, mailbox)
        }
    }

    /// Whether sync should list the mailbox's labels again at `now`: never listed, listed longer than
    /// `maximumAge` ago, or its mail carries a label the list does not name (a label made in Gmail
    /// since) and the list is older than `minimumAge`.
    public func labelsNeedListing(mailbox: Int64, now: Date, maximumAge: TimeInterval,
                                  minimumAge: TimeInterval) throws -> Bool {
        guard let listedAt = try db.first("SELECT labels_listed_at FROM mailboxes WHERE id = ?", mailbox)?
            .optionalDate(0) else { return true }
        let age = now.timeIntervalSince(listedAt)
        if age >= maximumAge { return true }
        guard age >= minimumAge else { return false }
        let listed = Set(try db.query("SELECT label_id FROM mailbox_labels WHERE mailbox_id = ?", mailbox)
            .map { try $0.string(0) })
        return try carriedLabels(mailbox: mailbox).contains { !listed.contains($0) }
    }

    /// Every label a mailbox has, by name: those Gmail listed and those its mail carries that the list
    /// does not name (as stored). Sorted, each once.
    public func labelNames(mailbox: Int64) throws -> [String] {
        var names: [String: String] = [:]
        for row in try db.query("SELECT label_id, name FROM mailbox_labels WHERE mailbox_id = ?", mailbox) {
            names[try row.string("label_id")] = try row.string("name")
        }
        for label in try carriedLabels(mailbox: mailbox) where names[label] == nil { names[label] = label }
        return Array(Set(names.values)).sorted { $0.lowercased() < $1.lowercased() }
    }

    /// The distinct labels a mailbox's conversations carry, read by skipping through the page index
    /// (one lookup per label, not one per conversation).
    func carriedLabels(mailbox: Int64) throws -> [String] {
        try db.query("""
            WITH RECURSIVE carried(label) AS (
                SELECT (SELECT min(label) FROM conversation_labels WHERE mailbox_id = ?1)
                UNION ALL
                SELECT (SELECT min(label) FROM conversation_labels WHERE mailbox_id = ?1 AND label > carried.label)
                FROM carried WHERE carried.label IS NOT NULL)
            SELECT label FROM carried WHERE label IS NOT NULL
            """, mailbox).map { try $0.string(0) }
    }
}

import CRMCore
import Foundation

/// One search result: a contact, a note/call/meeting, or an email in or out.
public struct SearchHit: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case contact, activity
        case incomingEmail = "incoming_email"
        case outgoingEmail = "outgoing_email"
    }

    public let kind: Kind
    public let id: Int64
    /// The contact the hit belongs to, when there is one.
    public let contactID: Int64?
    public let title: String
    public let snippet: String
    public let occurredAt: Date?
}

extension Store {
    /// Full-text search over names, addresses, subjects and bodies in `scope`, best matches first.
    /// Every word must match; the last one may be the start of a word (results as you type). Mail in
    /// Trash or Spam is left out, as it is from timelines.
    public func search(_ text: String, in scope: Scope, limit: Int = 20) throws -> [SearchHit] {
        guard let expression = Self.ftsExpression(for: text) else { return [] }
        let rows = try db.query("""
            SELECT rowid, snippet(search_index, -1, '', '', '…', 12) AS snippet FROM search_index
            WHERE search_index MATCH ?1 AND (?2 IS NULL OR team_id = ?2)
              AND NOT (rowid % 4 = 2 AND EXISTS (
                  SELECT 1 FROM incoming_emails i, json_each(i.labels) l
                  WHERE i.id = search_index.rowid / 4 AND l.value IN ('TRASH', 'SPAM')))
            ORDER BY rank LIMIT ?3
            """, expression, scope.teamID, limit)
        return try rows.compactMap { row in
            try hit(rowid: row.int64("rowid"), snippet: row.string("snippet"), scope: scope)
        }
    }

    /// Quotes each word so that nothing a person types is read as FTS syntax. The last word matches as
    /// a prefix, unless it is a whole address: "…@client.com*" would match every word starting "com".
    static func ftsExpression(for text: String) -> String? {
        let words = text.split(whereSeparator: { $0.isWhitespace })
            .map { $0.replacingOccurrences(of: "\"", with: "") }
            .filter { word in word.unicodeScalars.contains { CharacterSet.alphanumerics.contains($0) } }
        guard let last = words.last else { return nil }
        let isWholeAddress = last.firstIndex(of: "@").map { last[$0...].contains(".") } ?? false
        return words.map { "\"\($0)\"" }.joined(separator: " ") + (isWholeAddress ? "" : "*")
    }

    private func hit(rowid: Int64, snippet: String, scope: Scope) throws -> SearchHit? {
        let id = rowid / 4
        switch rowid % 4 {
        case 0:
            return try contact(id: id, in: scope).map {
                SearchHit(kind: .contact, id: id, contactID: id, title: $0.name, snippet: snippet, occurredAt: nil)
            }
        case 1:
            return try activity(id: id, in: scope).map {
                SearchHit(kind: .activity, id: id, contactID: $0.contactID, title: $0.subject ?? $0.type.rawValue,
                          snippet: snippet, occurredAt: $0.occurredAt)
            }
        case 2:
            return try db.first("""
                SELECT i.subject, i.internal_date AS at,
                       (SELECT contact_id FROM activities WHERE source_type = 'incoming_email' AND source_id = i.id
                        ORDER BY id LIMIT 1) AS contact_id
                FROM incoming_emails i WHERE i.id = ?1 AND (?2 IS NULL OR i.team_id = ?2)
                """, id, scope.teamID).map { try emailHit(.incomingEmail, id: id, snippet: snippet, $0) }
        default:
            return try db.first("""
                SELECT subject, updated_at AS at, CASE WHEN linked_type = 'contact' THEN linked_id END AS contact_id
                FROM outgoing_emails WHERE id = ?1 AND (?2 IS NULL OR team_id = ?2)
                """, id, scope.teamID).map { try emailHit(.outgoingEmail, id: id, snippet: snippet, $0) }
        }
    }

    /// A hit on an email, from a row of its `subject`, date (`at`) and `contact_id`.
    private func emailHit(_ kind: SearchHit.Kind, id: Int64, snippet: String, _ row: Row) throws -> SearchHit {
        try SearchHit(kind: kind, id: id, contactID: row.optionalInt64("contact_id"), title: row.string("subject"),
                      snippet: snippet, occurredAt: row.date("at"))
    }
}

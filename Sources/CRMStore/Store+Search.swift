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
    /// That contact's name.
    public let contactName: String?
    public let title: String
    /// Subject or body text around the match, on one line, without markup.
    public let snippet: String
    public let occurredAt: Date?
    /// The mailbox an email is in or was sent from; for a note, call or meeting, the teammate's login.
    public let account: String?
}

/// How search orders its hits.
public enum SearchOrder: String, Sendable, CaseIterable {
    /// Newest first.
    case newest
    /// Best match first (bm25).
    case relevance
}

extension Store {
    /// Searches contacts, notes and mail in `scope` with the query language of `SearchQuery` (words,
    /// phrases, `-negation`, `OR`, operators). The last bare word may be the start of a word (results as
    /// you type). One hit per email: copies of one message (a sent email and its Gmail copy, or one
    /// message in two teammates' mailboxes) are listed once. Mail in Trash or Spam is left out unless
    /// the query asks for `in:trash` or `in:spam`.
    public func search(_ text: String, in scope: Scope, limit: Int = 20, order: SearchOrder = .newest,
                       now: Date = Date(), zone: TimeZone = .current) throws -> [SearchHit] {
        guard let query = SearchQuery.parse(text), limit > 0 else { return [] }
        let plan = SearchPlan(query.typingAhead(), now: now, zone: zone,
                              labelIDs: { (try? self.labelIDs(named: $0)) ?? [] })
        let oldest = order == .relevance ? try oldestRanked(plan) : 0
        var rowids: [Int64] = []
        var seen = Set<String>()
        var offset = 0
        let page = limit * 2 + 8
        while rowids.count < limit {
            let rows = try searchRows(plan, scope: scope, order: order, from: oldest, limit: page, offset: offset)
            for row in rows where rowids.count < limit {
                if let key = row.optionalString("email_key"), !seen.insert(key).inserted { continue }
                rowids.append(try row.int64("rowid"))
            }
            guard rows.count == page else { break }
            offset += page
        }
        return try searchHits(rowids, words: query.wantedWords)
    }

    /// The rowids of a page of hits, in order, and what says which email each is. Only what ordering
    /// and filtering need: the rest of a hit is read for the page alone (`searchHit`).
    /// Newest first walks the date-keyed rowids down and stops when the page is full; relevance ranks
    /// the rows from rowid `oldest` up by bm25.
    private func searchRows(_ plan: SearchPlan, scope: Scope, order: SearchOrder, from oldest: Int64, limit: Int,
                            offset: Int) throws -> [Row] {
        let ordering = plan.match != nil && order == .relevance ? "search_index.rank" : "search_index.rowid DESC"
        let trash = plan.includesTrash ? "1" : """
            NOT (search_index.rowid % 4 = 2 AND EXISTS (
                SELECT 1 FROM json_each(i.labels) l WHERE l.value IN ('TRASH', 'SPAM')))
            """
        let arguments: [any SQLConvertible] = (plan.match.map { [$0] } ?? []) + [oldest, scope.teamID, scope.teamID]
            + plan.arguments + [limit, offset]
        return try db.query("""
            SELECT search_index.rowid AS rowid, \(SearchPlan.occurredAt) AS at,
                   coalesce(i.team_id || ' ' || i.message_id, o.team_id || ' ' || o.message_id) AS email_key
            FROM search_index \(Self.searchJoins)
            WHERE \(plan.match == nil ? "" : "search_index MATCH ? AND") search_index.rowid >= ?
              AND (? IS NULL OR search_index.team_id = ?)
              AND \(trash) AND (\(plan.filter))
            ORDER BY \(ordering) LIMIT ? OFFSET ?
            """, arguments: arguments)
    }

    /// The hits of `rowids` in full, in that order, with a snippet around the first of `words` in each.
    /// Read without MATCH: a rowid lookup each, however many rows the words match.
    private func searchHits(_ rowids: [Int64], words: [String]) throws -> [SearchHit] {
        guard !rowids.isEmpty else { return [] }
        let rows = try db.query("""
            SELECT q.*, (SELECT name FROM contacts WHERE id = q.contact_id) AS contact_name FROM (
                SELECT search_index.rowid AS rowid, search_index.subject AS subject, search_index.body AS body,
                       \(SearchPlan.occurredAt) AS at, \(SearchPlan.contactID) AS contact_id,
                       CASE search_index.rowid % 4 WHEN 0 THEN search_index.subject WHEN 1 THEN coalesce(a.subject, a.type)
                           WHEN 2 THEN i.subject ELSE o.subject END AS title,
                       CASE search_index.rowid % 4 WHEN 1 THEN (SELECT login FROM users WHERE id = a.user_id)
                           WHEN 2 THEN (SELECT email FROM mailboxes WHERE id = i.mailbox_id)
                           WHEN 3 THEN (SELECT email FROM mailboxes WHERE id = o.mailbox_id) END AS account
                FROM search_index \(Self.searchJoins)
                WHERE search_index.rowid IN (\(rowids.map { _ in "?" }.joined(separator: ", ")))
            ) q
            """, arguments: rowids)
        var byRowid: [Int64: SearchHit] = [:]
        for row in rows {
            byRowid[try row.int64("rowid")] = try Self.hit(row, words: words)
        }
        return rowids.compactMap { byRowid[$0] }
    }

    /// How many of the newest matches of the words `--sort relevance` ranks.
    static let relevanceCandidates = 2_000

    /// The lowest rowid relevance ranks: that of the `relevanceCandidates`-th newest match of the words
    /// (0, all of them, when there are fewer or no words). bm25 then scores a bounded set.
    private func oldestRanked(_ plan: SearchPlan) throws -> Int64 {
        guard let match = plan.match else { return 0 }
        return try db.first("""
            SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?
            """, match, Self.relevanceCandidates - 1)?.int64(0) ?? 0
    }

    /// The row each kind of hit is: the rowid's key is id × 4 + kind (migration 014).
    private static let searchJoins = """
        LEFT JOIN activities a ON search_index.rowid % 4 = 1 AND a.id = \(SearchPlan.key) / 4
        LEFT JOIN incoming_emails i ON search_index.rowid % 4 = 2 AND i.id = \(SearchPlan.key) / 4
        LEFT JOIN outgoing_emails o ON search_index.rowid % 4 = 3 AND o.id = \(SearchPlan.key) / 4
        """

    /// The label ids `name` stands for in any mailbox: the ids Gmail lists under that name (any case).
    private func labelIDs(named name: String) throws -> [String] {
        try db.query("SELECT DISTINCT label_id FROM mailbox_labels WHERE name = ? COLLATE NOCASE", name)
            .map { try $0.string(0) }
    }

    private static func hit(_ row: Row, words: [String]) throws -> SearchHit {
        let rowid = try row.int64("rowid")
        let kinds: [SearchHit.Kind] = [.contact, .activity, .incomingEmail, .outgoingEmail]
        let body = row.optionalString("body") ?? ""
        let subject = row.optionalString("subject") ?? ""
        let inBody = words.isEmpty || words.contains { body.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
        return SearchHit(
            kind: kinds[Int(rowid % 4)], id: (rowid & 0x7FFF_FFFF) / 4, contactID: try row.optionalInt64("contact_id"),
            contactName: row.optionalString("contact_name"), title: row.optionalString("title") ?? "",
            snippet: SearchSnippet.make(inBody && !body.isEmpty ? body : subject, around: words),
            occurredAt: try row.optionalDate("at"), account: row.optionalString("account"))
    }
}

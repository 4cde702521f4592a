import Foundation

/// New contacts, notes and mail are indexed for search once per write transaction: their insert
/// triggers note them in `search_pending` (migration 009), and this indexes them all in one statement
/// just before the transaction commits, so no other process ever sees a row that search misses.
extension Store {
    /// Indexes every pending row as it is now (a row deleted since is skipped) and clears the list.
    func indexPendingSearchRows() throws {
        guard try hasPendingSearchRows() else { return }
        try db.execute(Self.indexPendingSQL)
        try db.execute("DELETE FROM search_pending")
    }

    /// Rows a writer without this hook left (a bare `Connection`) are indexed when a store opens. A
    /// database that is read-only here keeps them pending for the next writer.
    func indexRowsLeftPending() throws {
        guard try hasPendingSearchRows() else { return }
        do {
            try db.write {}
        } catch let error as StoreError where error.kind == .readOnly {
            return
        }
    }

    private func hasPendingSearchRows() throws -> Bool {
        try db.first("SELECT 1 FROM search_pending LIMIT 1") != nil
    }

    /// The same columns the search index has always held; the rowid says what a row is (id × 4 + kind).
    private static let indexPendingSQL = """
        INSERT INTO search_index (rowid, team_id, subject, body, people)
        SELECT c.id * 4, c.team_id, c.name, coalesce(co.name, '') || ' ' || coalesce(c.phone, ''),
               coalesce((SELECT group_concat(address, ' ') FROM contact_emails e WHERE e.contact_id = c.id), '')
        FROM search_pending p JOIN contacts c ON c.id = p.search_rowid / 4
        LEFT JOIN companies co ON co.id = c.company_id
        WHERE p.search_rowid % 4 = 0
        UNION ALL
        SELECT a.id * 4 + 1, a.team_id, coalesce(a.subject, ''), a.summary, ''
        FROM search_pending p JOIN activities a ON a.id = p.search_rowid / 4
        WHERE p.search_rowid % 4 = 1 AND a.source_type = 'manual'
        UNION ALL
        SELECT i.id * 4 + 2, i.team_id, i.subject, coalesce(i.body_text, i.snippet),
               coalesce(i.from_name, '') || ' ' || coalesce(i.from_address, '') || ' ' || i.to_addrs || ' ' || i.cc_addrs
        FROM search_pending p JOIN incoming_emails i ON i.id = p.search_rowid / 4
        WHERE p.search_rowid % 4 = 2
        UNION ALL
        SELECT o.id * 4 + 3, o.team_id, o.subject, o.body_text, o.to_addrs || ' ' || o.cc_addrs || ' ' || o.bcc_addrs
        FROM search_pending p JOIN outgoing_emails o ON o.id = p.search_rowid / 4
        WHERE p.search_rowid % 4 = 3
        """
}

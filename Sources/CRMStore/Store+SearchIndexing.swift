import Foundation

/// New and changed contacts, notes and mail are indexed for search once per write transaction: their
/// triggers note them in `search_pending` (migrations 009 and 014), and this indexes them all just
/// before the transaction commits, so no other process ever sees a row that search misses.
extension Store {
    /// Indexes every pending row as it is now (a row deleted since is skipped) and clears the list.
    /// The rows are gathered once into a temporary table, then go to the word index, and those with
    /// text in a script written without spaces to the trigram index too.
    func indexPendingSearchRows() throws {
        guard try hasPendingSearchRows() else { return }
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS search_fresh (
                rowid INTEGER PRIMARY KEY, team_id, subject, body, people, sender, recipient, copied, tags)
            """)
        try db.execute("INSERT INTO temp.search_fresh \(Self.pendingRowsSQL)")
        try db.execute("INSERT INTO search_index (rowid, team_id, subject, body, people, sender, recipient, copied, tags) "
                       + "SELECT rowid, team_id, subject, body, people, sender, recipient, copied, tags FROM temp.search_fresh")
        try db.execute("""
            INSERT INTO search_trigram (rowid, subject, body) SELECT rowid, subject, body FROM temp.search_fresh
            WHERE subject GLOB ?1 OR body GLOB ?1
            """, Migrations.unspacedPattern)
        try db.execute("DELETE FROM temp.search_fresh")
        try db.execute("DELETE FROM search_pending")
    }

    /// Rows a writer without this hook left (a bare `Connection`, or migration 014, which notes every
    /// row) are indexed when a store opens. A database that is read-only here keeps them pending for
    /// the next writer.
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

    /// What each pending row indexes, under its date-ordered rowid.
    private static let pendingRowsSQL = (0..<4).map { kind in
        Migrations.searchRow(kind: kind, where: "IN (SELECT search_rowid / 4 FROM search_pending WHERE search_rowid % 4 = \(kind))")
    }.joined(separator: "\nUNION ALL\n")
}

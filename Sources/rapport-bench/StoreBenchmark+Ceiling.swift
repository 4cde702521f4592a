import CRMCore
import CRMStore
import Foundation

/// How fast SQLite itself writes the rows the load wrote: the same rows copied table by table with
/// `INSERT … SELECT` into a fresh store, once with the schema as it is (triggers and the full-text
/// index included) and once without the search index. No Swift runs per row, so this is the rate no
/// write path through the store can beat on this machine, and the gap to it is the store's own cost.
extension StoreBenchmark {
    /// The tables the load writes, parents first.
    static let copiedTables = ["companies", "contacts", "contact_emails", "incoming_emails", "outgoing_emails",
                               "outgoing_email_status_history", "activities"]

    struct CeilingResult {
        let label: String
        let time: Duration
    }

    func measureCeiling(of path: String, counts: RowCounts, ours: Duration) throws -> String {
        let folder = (path as NSString).deletingLastPathComponent
        var results: [CeilingResult] = []
        for (label, withSearch) in [("SQLite alone, same schema", true), ("SQLite alone, no search index", false)] {
            let copy = (folder as NSString).appendingPathComponent("ceiling.db")
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
            }
            results.append(CeilingResult(label: label, time: try copyRows(from: path, to: copy, withSearch: withSearch)))
        }
        let counted = Self.countedRows(counts)
        var table = ReportTable("Bulk insert ceiling: the same rows by INSERT … SELECT, no Swift per row",
                                header: ["writer", "s", "counted rows/s", "all rows/s"])
        table.add("Rapport's write methods (above)", Figure.decimal(ours.seconds, 1),
                  Figure.count(Int(Double(counted) / ours.seconds)), Figure.count(Int(Double(counts.total) / ours.seconds)))
        for result in results {
            let seconds = result.time.seconds
            table.add(result.label, Figure.decimal(seconds, 1), Figure.count(Int(Double(counted) / seconds)),
                      Figure.count(Int(Double(counts.total) / seconds)))
        }
        return table.rendered + """
            The first SQLite row is the most any writer can reach with these rows: every message and note is
            full-text indexed when it is stored, as Rapport's search needs. The second shows what the index costs.

            """
    }

    /// Copies the loaded rows into a fresh store and returns the time the copy took.
    private func copyRows(from source: String, to path: String, withSearch: Bool) throws -> Duration {
        let store = try Store(path: path)
        let db = store.connection
        if !withSearch {
            for row in try db.query("""
                SELECT name FROM sqlite_master
                WHERE type = 'trigger' AND (sql LIKE '%search_index%' OR sql LIKE '%search_pending%')
                """) {
                try db.execute("DROP TRIGGER \(row.string(0))")
            }
        }
        try db.execute("ATTACH DATABASE ? AS source", source)
        try db.write {
            for table in ["teams", "users", "mailboxes"] {
                try db.execute("INSERT INTO \(table) SELECT * FROM source.\(table)")
            }
        }
        let began = clock.now
        for table in Self.copiedTables {
            try db.write { try db.execute("INSERT INTO \(table) SELECT * FROM source.\(table)") }
        }
        let time = clock.now - began
        try db.execute("DETACH DATABASE source")
        return time
    }
}

import Foundation

/// Brings a database up to the newest schema, one recorded step at a time, each in its own transaction.
///
/// Steps run with foreign keys off, as SQLite's procedure for changing a table's shape asks
/// (https://www.sqlite.org/lang_altertable.html, section 7): with them on, dropping a table to rebuild
/// it would delete or null the rows that point at it. Instead, each step ends with
/// `PRAGMA foreign_key_check`, and a step that leaves a row pointing at nothing is rolled back, which
/// leaves the database at the step before.
public enum Migrator {
    /// Names of the steps already applied, in order.
    public static func applied(_ connection: Connection) throws -> [String] {
        let exists = try connection.first(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") != nil
        guard exists else { return [] }
        return try connection.query("SELECT name FROM schema_migrations ORDER BY id").map { try $0.string(0) }
    }

    /// Applies every missing step of `migrations` (or of its first `upTo` steps); returns the names applied.
    /// Call it outside any transaction (foreign keys cannot be turned off inside one).
    @discardableResult
    public static func migrate(_ connection: Connection, migrations: [Migration] = Migrations.all,
                               upTo count: Int? = nil) throws -> [String] {
        let wanted = Array(migrations.prefix(count ?? migrations.count))
        if try applied(connection).count >= wanted.count {
            try checkKnown(connection, migrations: migrations)
            return []
        }
        try connection.execute("PRAGMA foreign_keys = OFF")
        defer { try? connection.execute("PRAGMA foreign_keys = ON") }
        guard try connection.first("PRAGMA foreign_keys")?.int(0) == 0 else {
            preconditionFailure("Migrator.migrate was called inside a transaction, where foreign keys stay on")
        }
        try connection.write {
            try connection.executeScript("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    applied_at INTEGER NOT NULL
                )
                """)
        }
        var appliedNow: [String] = []
        // Each transaction applies the first step still missing then, so that two processes opening
        // an old database at once take turns instead of applying a step twice.
        while let name = try connection.write({
            try applyNextStep(connection, wanted: wanted, migrations: migrations)
        }) {
            appliedNow.append(name)
        }
        return appliedNow
    }

    /// Applies the first of `wanted` not applied yet and returns its name; nil when there is none.
    private static func applyNextStep(_ connection: Connection, wanted: [Migration], migrations: [Migration]) throws
        -> String? {
        let done = try checkKnown(connection, migrations: migrations)
        guard done.count < wanted.count else { return nil }
        let migration = wanted[done.count]
        try connection.executeScript(migration.sql)
        try checkForeignKeys(connection, after: migration.name, before: done.last)
        try connection.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", migration.name, Date())
        return migration.name
    }

    /// Refuses the step just run when any row now points at a row that does not exist.
    private static func checkForeignKeys(_ connection: Connection, after step: String, before previous: String?) throws {
        var broken: [String: Int] = [:]
        for row in try connection.query("PRAGMA foreign_key_check") {
            broken["\(try row.string("table")) at \(try row.string("parent"))", default: 0] += 1
        }
        guard !broken.isEmpty else { return }
        let counts = broken.sorted { $0.key < $1.key }.map { "\($0.value) of \($0.key)" }.joined(separator: ", ")
        let stays = previous.map { "step \($0)" } ?? "an empty schema"
        throw StoreError(kind: .migrationFailed, code: 0,
                         message: "after schema step \(step), rows point at rows that do not exist (\(counts)); "
                             + "the step was undone, so the database stays at \(stays)",
                         sql: nil)
    }

    /// Refuses a database whose history is not a prefix of ours (written by a newer Rapport).
    @discardableResult
    private static func checkKnown(_ connection: Connection, migrations: [Migration]) throws -> [String] {
        let done = try applied(connection)
        for (index, name) in done.enumerated() where index >= migrations.count || migrations[index].name != name {
            throw StoreError(kind: .schemaTooNew, code: 0,
                             message: "the database has schema step \(name), which this Rapport does not know",
                             sql: nil)
        }
        return done
    }
}

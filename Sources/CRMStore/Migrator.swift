import Foundation

/// Brings a database up to the newest schema, one recorded step at a time, in one transaction.
public enum Migrator {
    /// Names of the steps already applied, in order.
    public static func applied(_ connection: Connection) throws -> [String] {
        let exists = try connection.first(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") != nil
        guard exists else { return [] }
        return try connection.query("SELECT name FROM schema_migrations ORDER BY id").map { try $0.string(0) }
    }

    /// Applies every missing step of `migrations` (or of its first `upTo` steps); returns the names applied.
    @discardableResult
    public static func migrate(_ connection: Connection, migrations: [Migration] = Migrations.all,
                               upTo count: Int? = nil) throws -> [String] {
        let wanted = Array(migrations.prefix(count ?? migrations.count))
        if try applied(connection).count >= wanted.count {
            try checkKnown(connection, migrations: migrations)
            return []
        }
        return try connection.write {
            try connection.executeScript("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    applied_at INTEGER NOT NULL
                )
                """)
            let done = try checkKnown(connection, migrations: migrations)
            var appliedNow: [String] = []
            for migration in wanted.dropFirst(done.count) {
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                                       migration.name, Date())
                appliedNow.append(migration.name)
            }
            return appliedNow
        }
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

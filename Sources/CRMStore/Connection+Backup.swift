import CSQLite
import Foundation

/// Whole-database copies with SQLite's online backup API: out to a backup file while others keep
/// writing, and back in from one.
extension Connection {
    /// Copies this database into the file at `path` (an empty file the caller made, so it decides
    /// its mode and that no link is followed). The copy is the snapshot of one read transaction,
    /// however much others write meanwhile, and is left in rollback-journal mode: one self-contained
    /// file. `progress` gets pages done and the total.
    public func backup(into path: String, progress: (Int, Int) -> Void) throws(StoreError) {
        let destination = try Self.openRaw(path, flags: SQLITE_OPEN_READWRITE)
        defer { sqlite3_close_v2(destination) }
        // The read transaction pins the snapshot the copy is made of: others' commits do not restart it.
        try execute("BEGIN")
        defer { try? execute("ROLLBACK") }
        try execute("SELECT count(*) FROM sqlite_master")
        try Self.copyPages(from: handle, to: destination, progress: progress)
        try Self.run("PRAGMA journal_mode = DELETE", on: destination)
    }

    /// Replaces this database's content with that of the database file at `path`, in one write
    /// transaction: other connections see the old content or the new, never a mix.
    public func restore(from path: String, progress: (Int, Int) -> Void) throws(StoreError) {
        let source = try Self.openRaw(path, flags: SQLITE_OPEN_READONLY)
        defer { sqlite3_close_v2(source) }
        try Self.copyPages(from: source, to: handle, progress: progress)
    }

    /// Runs `body` while no other connection, in any process, has the database open: the file is
    /// locked exclusively meanwhile, so nobody can open it until `body` returns. Returns false,
    /// without running `body`, when another connection has it open now.
    public func whileAlone(_ body: () throws -> Void) throws -> Bool {
        try execute("PRAGMA locking_mode = EXCLUSIVE")
        sqlite3_busy_timeout(handle, 300)
        defer {
            sqlite3_busy_timeout(handle, 5_000)
            try? execute("PRAGMA locking_mode = NORMAL")
            // The exclusive lock goes at the next access in normal mode.
            try? execute("SELECT count(*) FROM sqlite_master")
        }
        do {
            // In WAL mode with exclusive locking, the first write transaction locks the file itself.
            try execute("BEGIN EXCLUSIVE")
            try execute("COMMIT")
        } catch where error.kind == .busy {
            return false
        }
        try body()
        return true
    }

    /// Copies every page, a few hundred at a time; waits while the destination is locked, up to `patience`.
    private static func copyPages(from source: OpaquePointer, to destination: OpaquePointer,
                                  progress: (Int, Int) -> Void) throws(StoreError) {
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw error(db: destination, code: sqlite3_errcode(destination), sql: nil)
        }
        let deadline = Date().addingTimeInterval(patience)
        var result: Int32
        while true {
            result = sqlite3_backup_step(backup, 256)
            let total = Int(sqlite3_backup_pagecount(backup))
            progress(total - Int(sqlite3_backup_remaining(backup)), total)
            if result == SQLITE_OK { continue }
            guard result & 0xFF == SQLITE_BUSY || result & 0xFF == SQLITE_LOCKED, Date() < deadline else { break }
            usleep(20_000)
        }
        let finished = sqlite3_backup_finish(backup)
        guard result == SQLITE_DONE else { throw error(db: destination, code: result, sql: nil) }
        guard finished == SQLITE_OK else { throw error(db: destination, code: finished, sql: nil) }
    }

    private static func openRaw(_ path: String, flags: Int32) throws(StoreError) -> OpaquePointer {
        var db: OpaquePointer?
        let result = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard let db else { throw StoreError(kind: .cannotOpen, code: Int(result), message: "out of memory", sql: nil) }
        guard result == SQLITE_OK else {
            let failure = error(db: db, code: result, sql: nil)
            sqlite3_close_v2(db)
            throw failure
        }
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5_000)
        return db
    }

    private static func run(_ sql: String, on db: OpaquePointer) throws(StoreError) {
        let result = sqlite3_exec(db, sql, nil, nil, nil)
        guard result == SQLITE_OK else { throw error(db: db, code: result, sql: sql) }
    }
}

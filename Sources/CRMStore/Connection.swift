import CSQLite
import Foundation

/// One open SQLite connection, used by one thread at a time. WAL, foreign keys on, and patient
/// with other processes: waits for locks instead of failing, and retries whole write transactions.
public final class Connection {
    let handle: OpaquePointer
    public let path: String
    private var statements: [String: Statement] = [:]
    private var transactionDepth = 0

    /// Runs inside every write transaction just before it commits (the store indexes new rows for
    /// search there). A throw rolls the transaction back like any other.
    public var beforeCommit: (() throws -> Void)?

    /// Says who runs long writes now (the store reads its writer notes), for the error of a write
    /// that waited past `patience`.
    public var describeWriters: (() -> [String])?

    /// How long a write waits for other processes before it gives up with a busy error.
    public static let patience: TimeInterval = 30

    /// How long this connection's writes wait (`patience`; tests shorten it).
    public var writeLimit: TimeInterval = Connection.patience

    /// Opens (and with `create`, creates) the database at `path`.
    public init(path: String, create: Bool = true, readOnly: Bool = false) throws(StoreError) {
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let result = sqlite3_open_v2(path, &db, flags, nil)
        guard let db else {
            throw StoreError(kind: .cannotOpen, code: Int(result), message: "out of memory", sql: nil)
        }
        guard result == SQLITE_OK else {
            let error = Self.error(db: db, code: result, sql: nil)
            sqlite3_close_v2(db)
            throw error
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        Self.waitBriefly(db)
        try execute("SELECT count(*) FROM sqlite_master")
        if !readOnly {
            try requireWAL()
            if Self.isInStickyFolder(path) { try keepWriteAheadLog() }
        }
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA foreign_keys = ON")
        // Statement journals (every insert that fires a trigger writes one) stay in memory, not in temp files.
        try execute("PRAGMA temp_store = MEMORY")
        try execute("PRAGMA cache_size = -32000")
        registerFold()
    }

    /// Switches the database to write-ahead logging, which lets readers and a writer in other processes
    /// work at once. SQLite answers with the mode it is in, and keeps the old one when it cannot switch
    /// (a file system without shared memory, an in-memory database): then the database cannot be
    /// shared as Rapport shares it, so opening fails rather than go on without. (A file it may not
    /// write fails the pragma itself, as `.readOnly`.)
    private func requireWAL() throws(StoreError) {
        let mode = try first("PRAGMA journal_mode = WAL")?.optionalString(0)?.lowercased() ?? "none"
        guard mode != "wal" else { return }
        throw StoreError(kind: .walUnavailable, code: 0,
                         message: "SQLite could not switch it to write-ahead logging (it stays in journal mode \(mode))",
                         sql: nil)
    }

    /// Keeps the `-wal` and `-shm` files when the last connection closes instead of removing them.
    /// In a sticky folder (a team home) only a file's owner may remove it, and the owner of these two
    /// is whoever opened the database first; another member closing last would try and fail. Kept,
    /// they are the same files for everyone, always, and the log is cut back to nothing on the last
    /// close (and to `keptLogLimit` after a checkpoint) so it holds no space.
    private func keepWriteAheadLog() throws(StoreError) {
        var keep: Int32 = 1
        let result = sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &keep)
        guard result == SQLITE_OK else { throw Self.error(db: handle, code: result, sql: nil) }
        try execute("PRAGMA journal_size_limit = \(Self.keptLogLimit)")
    }

    /// The most a kept write-ahead log holds on to after a checkpoint, in bytes.
    static let keptLogLimit = 4 << 20

    /// Whether the database's folder has the sticky bit (only a file's owner may remove or rename it).
    private static func isInStickyFolder(_ path: String) -> Bool {
        var info = stat()
        let folder = (path as NSString).deletingLastPathComponent
        return stat(folder.isEmpty ? "." : folder, &info) == 0 && info.st_mode & S_ISVTX != 0
    }

    /// `rapport_fold(text)`: lower case without diacritics, so "Ångström" LIKE "%angstrom%" in any script.
    /// ASCII text, most names and every address, is lowered byte by byte without becoming a String:
    /// the contacts filter calls this for every contact on every keystroke.
    private func registerFold() {
        sqlite3_create_function_v2(handle, "rapport_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, { context, _, values in
            guard let values, let value = values[0], let text = sqlite3_value_text(value) else {
                sqlite3_result_null(context)
                return
            }
            let count = Int(sqlite3_value_bytes(value))
            let bytes = UnsafeBufferPointer(start: text, count: count)
            if let lowered = Connection.asciiLowercased(bytes) {
                lowered.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) {
                        sqlite3_result_text(context, $0.baseAddress, Int32(count), rapport_sqlite_transient())
                    }
                }
                return
            }
            let folded = Connection.fold(String(decoding: bytes, as: UTF8.self))
            sqlite3_result_text(context, folded, -1, rapport_sqlite_transient())
        }, nil, nil, nil)
    }

    /// The folding `rapport_fold` applies, for building patterns on the Swift side.
    public static func fold(_ text: String) -> String {
        if let lowered = asciiLowercased(text.utf8) { return String(decoding: lowered, as: UTF8.self) }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// `bytes` with A–Z lowered, or nil when they are not all ASCII (which needs real folding).
    static func asciiLowercased<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8]? {
        var lowered: [UInt8] = []
        lowered.reserveCapacity(bytes.count)
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            lowered.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return lowered
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    // MARK: running statements

    /// Runs one statement and returns every row it produced.
    @discardableResult
    public func query(_ sql: String, _ arguments: any SQLConvertible...) throws(StoreError) -> [Row] {
        try query(sql, arguments: arguments)
    }

    /// Runs one statement with an argument array and returns every row.
    @discardableResult
    public func query(_ sql: String, arguments: [any SQLConvertible]) throws(StoreError) -> [Row] {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        var rows: [Row] = []
        while let row = try statement.step() { rows.append(row) }
        return rows
    }

    /// Runs one statement for its effect.
    public func execute(_ sql: String, _ arguments: any SQLConvertible...) throws(StoreError) {
        try query(sql, arguments: arguments)
    }

    /// The first row, or nil.
    public func first(_ sql: String, _ arguments: any SQLConvertible...) throws(StoreError) -> Row? {
        try query(sql, arguments: arguments).first
    }

    /// Runs several statements separated by semicolons, without arguments (schema scripts).
    public func executeScript(_ sql: String) throws(StoreError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if let errorMessage { sqlite3_free(errorMessage) }
        guard result == SQLITE_OK else { throw Self.error(db: handle, code: result, sql: sql) }
    }

    /// The rowid of the last inserted row on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    // MARK: transactions

    /// A number that changes whenever another connection (another process) commits: poll it to
    /// notice other people's writes. Own writes do not change it.
    public func dataVersion() throws(StoreError) -> Int64 {
        try first("PRAGMA data_version")?.int64(0) ?? 0
    }

    /// Runs `body` in a write transaction taken up front (BEGIN IMMEDIATE), so it never fails half way
    /// for a lock. When other processes hold the database, it waits and runs `body` again, up to
    /// `patience` seconds; `body` must therefore only touch the database and local values.
    /// Nested calls join the outer transaction.
    public func write<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 { return try body() }
        var wait = BusyWait(deadline: Date().addingTimeInterval(writeLimit))
        while true {
            do {
                try execute("BEGIN IMMEDIATE")
                transactionDepth += 1
                defer { transactionDepth -= 1 }
                let value = try body()
                try beforeCommit?()
                try execute("COMMIT")
                return value
            } catch {
                if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
                guard var failure = error as? StoreError, failure.kind == .busy else { throw error }
                guard !wait.pause() else { continue }
                failure.writers = describeWriters?() ?? []
                throw failure
            }
        }
    }

    /// While another connection holds the lock, looks again every few milliseconds for up to about five
    /// seconds (then `write` starts over, up to `patience`). SQLite's own busy timeout sleeps up to 100 ms
    /// between looks, which a bulk writer committing in short batches with short gaps between them
    /// can starve: a gap of a few milliseconds must be seen.
    private static func waitBriefly(_ db: OpaquePointer) {
        sqlite3_busy_handler(db, { _, count in
            guard count < 2_000 else { return 0 }
            usleep(count < 20 ? 500 : 2_500)
            return 1
        }, nil)
    }

    /// Growing, jittered pauses until a deadline.
    private struct BusyWait {
        let deadline: Date
        var microseconds: UInt32 = 2_000

        /// Sleeps a little and returns true, or returns false when the deadline has passed.
        mutating func pause() -> Bool {
            guard Date() < deadline else { return false }
            usleep(microseconds + UInt32.random(in: 0...microseconds))
            microseconds = min(microseconds * 2, 100_000)
            return true
        }
    }

    // MARK: internals

    func prepare(_ sql: String) throws(StoreError) -> Statement {
        if let cached = statements[sql] { return cached }
        var pointer: OpaquePointer?
        let result = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard result == SQLITE_OK, let pointer else { throw Self.error(db: handle, code: result, sql: sql) }
        let statement = Statement(pointer: pointer, sql: sql, connection: self)
        statements[sql] = statement
        return statement
    }

    func error(code: Int32, sql: String?) -> StoreError {
        Self.error(db: handle, code: code, sql: sql)
    }

    static func error(db: OpaquePointer, code: Int32, sql: String?) -> StoreError {
        let message = String(cString: sqlite3_errmsg(db))
        let extended = sqlite3_extended_errcode(db)
        return StoreError(kind: kind(of: extended == 0 ? code : extended), code: Int(extended == 0 ? code : extended),
                          message: message, sql: sql)
    }

    private static func kind(of code: Int32) -> StoreError.Kind {
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_READONLY: return .readOnly
        case SQLITE_NOTADB: return .notADatabase
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH: return .cannotOpen
        case SQLITE_CORRUPT: return .corrupt
        case SQLITE_FULL: return .diskFull
        case SQLITE_IOERR: return .ioError
        case SQLITE_CONSTRAINT: return .constraint
        default: return .other
        }
    }
}

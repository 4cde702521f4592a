/// A failure of the database itself. It carries the SQL for developers but never the bound values.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure, for choosing what to tell people.
    public enum Kind: Sendable, Equatable {
        /// Another process held the database for longer than we are willing to wait.
        case busy
        /// The file or its folder cannot be written.
        case readOnly
        /// The file exists but is not an SQLite database.
        case notADatabase
        /// The file or its folder cannot be opened or created.
        case cannotOpen
        /// The file is damaged.
        case corrupt
        /// The disk is full.
        case diskFull
        /// Reading or writing the file failed (a disk error, or a file larger than the system allows).
        case ioError
        /// A constraint (unique, foreign key, check) refused the write.
        case constraint
        /// The database was written by a newer Rapport with steps this one does not know.
        case schemaTooNew
        /// A schema step would have left rows that refer to rows that do not exist; it was undone.
        case migrationFailed
        /// SQLite cannot keep this database in write-ahead-log mode, which several processes sharing it need.
        case walUnavailable
        /// A column holds NULL, or a value of another type, where Rapport always writes one: the
        /// database was changed outside Rapport.
        case unexpectedValue
        /// Anything else.
        case other
    }

    public let kind: Kind
    /// SQLite's extended result code, for developers.
    public let code: Int
    /// SQLite's message (it names tables and columns, never values).
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?
    /// For `.busy` after waiting the whole limit: the long write jobs running then, in words (see
    /// `Store.writerNotes`); empty when none was noted.
    public var writers: [String] = []

    public init(kind: Kind, code: Int, message: String, sql: String?) {
        self.kind = kind
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// A row that does not hold what Rapport wrote (see `Row`).
    init(unexpected message: String, sql: String) {
        self.init(kind: .unexpectedValue, code: 0, message: message, sql: sql)
    }

    /// SQLite's code and message, or only the message for failures Rapport itself found (code 0).
    public var description: String {
        var text = code == 0 ? message : "SQLite error \(code): \(message)"
        if let sql { text += " — in: \(sql.split(whereSeparator: \.isNewline).joined(separator: " "))" }
        return text
    }
}

import CRMCore
import Foundation

/// The CRM's database: opens the file, keeps the schema current, and answers every query in the
/// scope of the user asking. Not shared between threads; each thread (or process) opens its own.
public final class Store {
    public let connection: Connection
    /// The clock; tests replace it to make time-dependent behaviour exact.
    public var now: () -> Date = { Date() }
    /// `[contacts] create`, as ingest applies it (`ContactPolicy`). Whoever opens the store to take in
    /// mail sets it from config.ini (where it is `sent` by default); a store opened only to read makes none.
    public var contactCreation: ContactCreation = .none

    /// The schema steps this open applied (empty when the database was already current).
    public private(set) var appliedMigrations: [String] = []

    /// Opens the database at `path`, creating it when `create` is set, and migrates it to the newest schema.
    public init(path: String, create: Bool = true) throws {
        connection = try Connection(path: path, create: create)
        appliedMigrations = try Migrator.migrate(connection)
        connection.beforeCommit = { [unowned self] in try indexPendingSearchRows() }
        connection.describeWriters = { [unowned self] in (try? writerNotes()) ?? [] }
        try indexRowsLeftPending()
    }

    var db: Connection { connection }

    /// The current time, whole seconds (what the database keeps).
    var timestamp: Date { now().stored }
}

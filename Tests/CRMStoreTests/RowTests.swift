import CRMCore
import Foundation
import Testing
@testable import CRMStore

@Suite struct RowTests {
    private static let select = "SELECT id, label, amount, seen_at, note FROM t ORDER BY id"

    /// A connection with one table `t` of nullable columns, holding `rows`.
    private static func table(_ rows: [String]) throws -> (Connection, URL) {
        let folder = try StoreFixture.temporaryFolder()
        let db = try Connection(path: folder.appendingPathComponent("rows.db").path)
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT, amount INTEGER, seen_at INTEGER, note TEXT)")
        for values in rows { try db.execute("INSERT INTO t (id, label, amount, seen_at, note) VALUES \(values)") }
        return (db, folder)
    }

    @Test func columnsAreReadByNameAndByPosition() throws {
        let (db, folder) = try Self.table(["(7, 'lemon', 42, 86400, NULL)"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let row = try #require(try db.first(Self.select))
        #expect(try row.int64("id") == 7)
        #expect(try row.string("label") == "lemon")
        #expect(try row.int("amount") == 42)
        #expect(try row.date("seen_at") == Date(timeIntervalSince1970: 86400))
        #expect(row.optionalString("note") == nil)
        #expect(try row.string(1) == "lemon")
        #expect(try row.int(2) == 42)
    }

    /// Names of one length and first letter share a place in the lookup table (`ResultColumns`).
    @Test func everyColumnOfAWideQueryIsFoundByItsOwnName() throws {
        let names = ["contact_id", "company_id", "cc_addrs", "created_at", "c", "ca", "cb", "id", "team_id",
                     "thread_id", "to_addrs", "reply_to_activity_id", "subject", "summary", "snippet", "s",
                     "status", "source_id", "source_type", "send_at", "sender", "labels", "login", "x"]
        let sql = "SELECT " + names.enumerated().map { "\($0.offset) AS \($0.element)" }.joined(separator: ", ")
        let folder = try StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let row = try #require(try Connection(path: folder.appendingPathComponent("rows.db").path).first(sql))
        #expect(try names.map { try row.int(.name($0)) } == Array(names.indices))
    }

    @Test func aNullWhereAValueIsRequiredIsAnErrorNamingTheColumnAndTheQuery() throws {
        let (db, folder) = try Self.table(["(1, NULL, NULL, NULL, NULL)"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let row = try #require(try db.first(Self.select))
        for (column, read) in [("label", { _ = try row.string("label") }), ("amount", { _ = try row.int("amount") }),
                               ("seen_at", { _ = try row.date("seen_at") }), ("note", { _ = try row.blob("note") })] {
            let error = #expect(throws: StoreError.self, "\(column)") { try read() }
            #expect(error?.kind == .unexpectedValue)
            #expect(error?.message == "unexpected NULL in column \(column)")
            #expect(error?.sql == Self.select)
        }
        #expect(try row.optionalInt64("amount") == nil)
        #expect(try row.optionalDate("seen_at") == nil)
        #expect(row.optionalString("label") == nil)
    }

    @Test func textWhereANumberBelongsIsAnErrorThatDoesNotQuoteIt() throws {
        let (db, folder) = try Self.table(["(1, 'x', 'twelve-secret', 'yesterday', NULL)"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let row = try #require(try db.first(Self.select))
        for column in ["amount", "seen_at"] {
            let error = #expect(throws: StoreError.self) { _ = try row.optionalInt64(.name(column)) }
            #expect(error?.kind == .unexpectedValue)
            #expect(error?.message.contains(column) == true)
            #expect(error.map { !"\($0)".contains("secret") && !"\($0)".contains("yesterday") } == true)
        }
    }

    @Test func aDatabaseEditedOutsideRapportIsRefusedWithAnExplanationInsteadOfReadAsZero() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let contact = try store.addContact(name: "Nell", emails: [EmailAddress("nell@client.example")!], by: fixture.ann)
        let note = try store.addActivity(contact: contact.id, type: .note, summary: "Called", by: fixture.ann)
        try store.connection.execute("UPDATE activities SET occurred_at = 'last tuesday' WHERE id = ?", note.id)
        let error = #expect(throws: StoreError.self) {
            _ = try store.activity(id: note.id, in: fixture.ann.scope)
        }
        #expect(error?.kind == .unexpectedValue)
        let explanation = error?.explanation(database: fixture.path) ?? ""
        #expect(explanation.contains("occurred_at"))
        #expect(explanation.contains("changed outside Rapport"))
        #expect(!explanation.contains("last tuesday"))

        // A column the schema lets be NULL but Rapport always fills.
        try store.beginFullSync(mailbox: fixture.annMailbox.id, cursor: 9, windowStart: Date(timeIntervalSince1970: 0))
        try store.connection.execute("UPDATE sync_state SET window_start = NULL")
        #expect(throws: StoreError.self) { _ = try store.fullSyncProgress(mailbox: fixture.annMailbox.id) }
    }

    /// A mistake in Rapport's own SQL, not in the data: see `ResultColumns`. (`try?`: a thrown error
    /// would let the process end normally and fail the test.)
    @Test func readingAColumnTheQueryDoesNotHaveStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            let columns = ResultColumns(names: ["one", "two"], sql: "SELECT 1 AS one, 2 AS two")
            _ = try? Row(values: [.integer(1), .integer(2)], columns: columns).int("three")
        }
    }

    @Test func readingANameTwoColumnsShareStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            let columns = ResultColumns(names: ["n", "n"], sql: "SELECT 1 AS n, 2 AS n")
            _ = try? Row(values: [.integer(1), .integer(2)], columns: columns).int("n")
        }
    }

    @Test func columnsTwoShareCanStillBeReadByPosition() throws {
        let folder = try StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try Connection(path: folder.appendingPathComponent("rows.db").path)
        let row = try #require(try db.first("SELECT 1 AS n, 2 AS n, 3 AS m"))
        #expect(try [row.int(0), row.int(1), row.int("m")] == [1, 2, 3])
    }
}

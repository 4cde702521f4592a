import CRMCore
import Foundation
import Testing
@testable import CRMStore

@Suite struct ConnectionTests {
    @Test func errorsCarryTheSQLButNeverTheBoundValues() throws {
        let folder = try StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let connection = try Connection(path: folder.appendingPathComponent("x.db").path)
        try connection.execute("CREATE TABLE t (v TEXT NOT NULL UNIQUE)")
        try connection.execute("INSERT INTO t (v) VALUES (?)", "secret-token-123")
        do {
            try connection.execute("INSERT INTO t (v) VALUES (?)", "secret-token-123")
            Issue.record("a duplicate insert must fail")
        } catch {
            #expect(error.kind == .constraint)
            #expect(error.sql == "INSERT INTO t (v) VALUES (?)")
            #expect(!error.description.contains("secret-token-123"))
            #expect(error.description.contains("INSERT INTO t"))
        }
    }

    @Test(arguments: [("Mary-Ann O'Neil <MARY@Example.COM>", "mary-ann o'neil <mary@example.com>"),
                      ("Ångström Bjørk", "angstrom bjørk"), ("JOSÉ Müller", "jose muller"), ("", "")])
    func foldLowersAndDropsDiacriticsTheSameInSQLAndSwift(text: String, folded: String) throws {
        let fixture = try StoreFixture()
        #expect(Connection.fold(text) == folded)
        #expect(try fixture.store.connection.first("SELECT rapport_fold(?)", text)?.string(0) == folded)
    }

    @Test func aFileThatIsNotSQLiteIsRecognisedAndLeftAlone() throws {
        let folder = try StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rapport.db").path
        let garbage = Data(repeating: 0x41, count: 4096)
        try garbage.write(to: URL(fileURLWithPath: path))
        do {
            _ = try Store(path: path)
            Issue.record("opening garbage must fail")
        } catch let error as StoreError {
            #expect(error.kind == .notADatabase)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func opensInWALModeWithForeignKeys() throws {
        let fixture = try StoreFixture()
        let db = fixture.store.connection
        #expect(try db.first("PRAGMA journal_mode")?.string(0) == "wal")
        #expect(try db.first("PRAGMA foreign_keys")?.int(0) == 1)
    }

    /// In a sticky folder only a file's owner may remove it, so the last to close a team home's
    /// database may be unable to remove the write-ahead log another member made: it is kept, empty.
    @Test(arguments: [false, true])
    func theWriteAheadLogIsKeptInAStickyFolderAndRemovedElsewhere(sticky: Bool) throws {
        let folder = try StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        chmod(folder.path, sticky ? 0o1700 : 0o700)
        let path = folder.appendingPathComponent("x.db").path
        do {
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE t (v TEXT)")
            try connection.execute("INSERT INTO t (v) VALUES (?)", String(repeating: "x", count: 100_000))
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal") == sticky)
        #expect(FileManager.default.fileExists(atPath: path + "-shm") == sticky)
        if sticky {
            #expect(try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int == 0, "and emptied")
        }
        #expect(try Connection(path: path).first("SELECT length(v) FROM t")?.int(0) == 100_000)
    }

    /// SQLite keeps an in-memory database in journal mode "memory" whatever it is asked: a database
    /// that cannot do WAL, as on a file system without shared memory.
    @Test func aDatabaseThatCannotUseWALIsRefusedWithWhatToDo() throws {
        let error = #expect(throws: StoreError.self) { _ = try Connection(path: ":memory:") }
        #expect(error?.kind == .walUnavailable)
        #expect(error?.message.contains("journal mode memory") == true)
        let explanation = error?.explanation(database: ":memory:") ?? ""
        #expect(explanation.contains("write-ahead logging") && explanation.contains("--home"))
    }

    @Test func aWriteWaitsForAnotherConnectionsTransactionInsteadOfFailing() throws {
        let fixture = try StoreFixture()
        let path = fixture.path
        let held = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let holder = Thread {
            let other = try! Connection(path: path)
            try! other.execute("BEGIN IMMEDIATE")
            try! other.execute("INSERT INTO teams (name, created_at) VALUES ('Gamma', 0)")
            held.signal()
            usleep(300_000)
            try! other.execute("COMMIT")
            done.signal()
        }
        holder.start()
        held.wait()
        let started = Date()
        try fixture.store.addTeam(name: "Delta")
        #expect(Date().timeIntervalSince(started) >= 0.25)
        done.wait()
        #expect(try fixture.store.teams().map(\.name).sorted() == ["Alpha", "Beta", "Delta", "Gamma"])
    }

    @Test func aFailedWriteTransactionLeavesNothingBehind() throws {
        let fixture = try StoreFixture()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try fixture.store.connection.write {
                try fixture.store.connection.execute("INSERT INTO teams (name, created_at) VALUES ('Ghost', 0)")
                throw Boom()
            }
        }
        #expect(try fixture.store.team(named: "Ghost") == nil)
    }
}

import CRMCore
import Foundation
import Synchronization
import Testing
@testable import CRMStore

/// A bulk import commits in short batches: another writer beside it waits far less than a second,
/// and an import stopped half way is finished by running it again.
@Suite struct BulkWriteTests {
    private static func rows(_ range: Range<Int>) -> [ContactImport.Row] {
        range.map {
            ContactImport.Row(line: $0 + 2, name: "Person \($0)", emails: [EmailAddress("p\($0)@bulk.example")!],
                              company: "Company \($0 % 50)", phone: nil)
        }
    }

    @Test func aWriterBesideALargeImportWaitsLittle() throws {
        let fixture = try StoreFixture()
        let path = fixture.path
        let ann = fixture.ann
        let contact = try fixture.contact("Ada Teammate", "ada@teammate.example", by: fixture.al)
        let count = 40_000
        let importing = Mutex(true)
        let finished = DispatchSemaphore(value: 0)
        let imported = Mutex<Store.ImportSummary?>(nil)
        Thread.detachNewThread {
            defer {
                importing.withLock { $0 = false }
                finished.signal()
            }
            guard let store = try? Store(path: path) else { return }
            let summary = try? store.importContacts(Self.rows(0..<count), by: ann)
            imported.withLock { $0 = summary }
        }
        let writer = try Store(path: path)
        var waits: [Double] = []
        while importing.withLock({ $0 }) {
            let started = Date()
            _ = try writer.addActivity(contact: contact.id, type: .note, summary: "during the import", by: fixture.al)
            waits.append(Date().timeIntervalSince(started))
            Thread.sleep(forTimeInterval: 0.05)
        }
        finished.wait()
        let summary = try #require(imported.withLock { $0 })
        #expect(summary.created == count)
        let sorted = waits.sorted()
        print("BulkWriteTests: \(count) contacts imported beside \(waits.count) notes; note write p50 "
              + "\(Int(sorted[sorted.count / 2] * 1_000)) ms, max \(Int((sorted.last ?? 0) * 1_000)) ms")
        #expect(waits.count >= 3)
        #expect((sorted.last ?? 0) < 1.0)
    }

    @Test func anImportRunAgainMergesWhatItHadAndAddsTheRest() throws {
        let fixture = try StoreFixture()
        // The first run stopped after its first batches: only the first 300 rows were committed.
        let first = try fixture.store.importContacts(Self.rows(0..<300), by: fixture.ann)
        #expect(first.created == 300)
        let again = try fixture.store.importContacts(Self.rows(0..<1_000), by: fixture.ann)
        #expect(again.created == 700)
        #expect(again.merged == 300)
        #expect(try fixture.store.contactCount(in: .team(fixture.ann.teamID)) == 1_000)
        let twice = try fixture.store.importContacts(Self.rows(0..<1_000), by: fixture.ann)
        #expect(twice.created == 0 && twice.merged == 1_000)
        #expect(try fixture.store.contactCount(in: .team(fixture.ann.teamID)) == 1_000)
    }

    @Test func aWriterKeptWaitingIsToldWhoHoldsTheDatabase() throws {
        let fixture = try StoreFixture()
        let holder = try Connection(path: fixture.path)
        let waiting = try Store(path: fixture.path)
        waiting.connection.writeLimit = 0.2
        try fixture.store.noting(command: "contact import", by: "ann") {
            try holder.execute("BEGIN IMMEDIATE")
            defer { try? holder.execute("ROLLBACK") }
            let error = #expect(throws: StoreError.self) {
                try waiting.addTeam(name: "Gamma")
            }
            #expect(error?.kind == .busy)
            let words = error?.explanation(database: fixture.path) ?? ""
            #expect(words.contains("contact import by ann since"))
            #expect(words.contains("process \(getpid())"))
        }
        #expect(try fixture.store.writerNotes().isEmpty)
    }
}

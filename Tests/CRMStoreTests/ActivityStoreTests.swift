import CRMCore
import DeterministicRandom
import Foundation
import Testing
@testable import CRMStore

@Suite struct ActivityStoreTests {
    @Test func timelineIsNewestFirstAndPagesByCursor() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        var ids: [Int64] = []
        for index in 0..<7 {
            // Two entries share each timestamp, so the id breaks ties.
            let at = base.addingTimeInterval(Double(index / 2) * 3600)
            ids.append(try fixture.store.addActivity(contact: carol.id, type: .call, summary: "call \(index)", at: at,
                                                     by: fixture.ann).id)
        }
        let expected = Array(ids.reversed())
        let first = try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope, limit: 3)
        #expect(first.map(\.id) == Array(expected.prefix(3)))
        let second = try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope, limit: 3, before: first.last!.id)
        #expect(second.map(\.id) == Array(expected[3..<6]))
        let third = try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope, limit: 3, before: second.last!.id)
        #expect(third.map(\.id) == [expected[6]])
    }

    @Test func emailsCannotBeAddedByHandAndSummariesAreRequired() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        #expect(throws: Refusal.onlyNotesCallsMeetings) {
            try fixture.store.addActivity(contact: carol.id, type: .email, summary: "x", by: fixture.ann)
        }
        #expect(throws: Refusal.summaryMissing) {
            try fixture.store.addActivity(contact: carol.id, type: .note, summary: "   ", by: fixture.ann)
        }
    }

    @Test func editingChangesOnlyWhatIsGiven() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let note = try fixture.store.addActivity(contact: carol.id, type: .note, summary: "first", subject: "S",
                                                 by: fixture.ann)
        let edited = try fixture.store.editActivity(id: note.id, Store.ActivityEdit(type: .meeting), by: fixture.ann)
        #expect(edited.type == .meeting && edited.summary == "first" && edited.subject == "S")
        #expect(try fixture.store.search("first", in: fixture.ann.scope).map(\.id) == [note.id])
        try fixture.store.editActivity(id: note.id, Store.ActivityEdit(summary: "second"), by: fixture.ann)
        #expect(try fixture.store.search("first", in: fixture.ann.scope).isEmpty)
        #expect(try fixture.store.search("second", in: fixture.ann.scope).map(\.id) == [note.id])
    }

    @Test func deletingAnEmailEntryHidesItButKeepsTheEmailAndSyncDoesNotBringItBack() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let message = fixture.message(in: fixture.annMailbox, id: "m1", from: "carol@client.example",
                                      to: ["ann@alpha.example"], subject: "Pricing")
        let (emailID, _) = try store.recordIncoming(message)
        let entry = try #require(try store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        #expect(throws: Refusal.activityFromEmail(id: entry.id)) {
            try store.editActivity(id: entry.id, Store.ActivityEdit(summary: "rewritten"), by: fixture.ann)
        }
        try store.deleteActivity(id: entry.id, by: fixture.ann)
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
        #expect(try store.connection.first("SELECT subject FROM incoming_emails WHERE id = ?", emailID)?.string(0) == "Pricing")
        #expect(try store.search("pricing", in: fixture.ann.scope).map(\.kind) == [.incomingEmail])
        // The same message seen again (a resync, or a teammate's copy) does not resurrect it.
        try store.recordIncoming(message)
        try store.recordIncoming(fixture.message(in: fixture.alMailbox, id: "other", from: "carol@client.example",
                                                 to: ["ann@alpha.example", "al@alpha.example"], subject: "Pricing",
                                                 messageID: message.messageID))
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
    }

    @Test func deletingANoteRemovesIt() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let note = try fixture.store.addActivity(contact: carol.id, type: .note, summary: "zanzibar", by: fixture.ann)
        try fixture.store.deleteActivity(id: note.id, by: fixture.ann)
        #expect(try fixture.store.connection.first("SELECT count(*) FROM activities")?.int(0) == 0)
        #expect(try fixture.store.search("zanzibar", in: fixture.ann.scope).isEmpty)
    }
}

@Suite struct SummaryTests {
    @Test func summariesKeepWholeWordsOnOneLine() {
        #expect(Store.summary(of: "Hello\n\n  there,\tAnn ") == "Hello there, Ann")
        #expect(Store.summary(of: "") == "")
        let long = Array(repeating: "word", count: 100).joined(separator: " ")
        let summary = Store.summary(of: long)
        #expect(summary.hasSuffix("…"))
        #expect(summary.count <= 201)
        #expect(summary.dropLast().split(separator: " ").allSatisfy { $0 == "word" })
        #expect(Store.summary(of: String(repeating: "x", count: 500)) == String(repeating: "x", count: 200) + "…")
        #expect(Store.summary(of: "Grüße aus Köln\u{00A0}und\u{2003}Zürich") == "Grüße aus Köln und Zürich")
    }

    /// ASCII text takes a byte-by-byte path; it must agree with the scalar path everywhere, including
    /// at the limit, with runs of mixed whitespace and with words longer than the limit.
    @Test func theASCIIPathAgreesWithTheScalarPath() {
        var random = SeededRandom(seed: 7)
        let pieces = ["a", "word", "Hello,", " ", "  ", "\n", "\t", "\r\n", String(repeating: "y", count: 30),
                      String(repeating: "z", count: 210), "x"]
        for round in 0..<2_000 {
            var text = ""
            for _ in 0..<random.below(121) { text += random.pick(pieces) }
            let limit = [200, 10, 1, 45][round % 4]
            #expect(Store.summary(of: text, limit: limit) == Store.scalarSummary(of: text, limit: limit),
                    "\(text.debugDescription) at limit \(limit)")
        }
        #expect(Store.summary(of: "plain start then é later") == "plain start then é later")
    }
}

/// A call or meeting's time, length and outcome.
@Suite struct ActivityDetailsStoreTests {
    @Test func aCallKeepsItsDurationAndOutcomeAndAnEditCanClearThem() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let at = Date(timeIntervalSince1970: 1_794_000_000)
        let call = try fixture.store.addActivity(contact: carol.id, type: .call, summary: "Pricing", at: at,
                                                 durationMinutes: 45, outcome: "  booked a demo\n", by: fixture.ann)
        #expect(call.durationMinutes == 45 && call.outcome == "booked a demo" && call.occurredAt == at)
        let kept = try fixture.store.editActivity(id: call.id, Store.ActivityEdit(summary: "Pricing call"), by: fixture.ann)
        #expect(kept.durationMinutes == 45 && kept.outcome == "booked a demo", "what is not given stays")
        let cleared = try fixture.store.editActivity(id: call.id, Store.ActivityEdit(durationMinutes: 0, outcome: ""),
                                                     by: fixture.ann)
        #expect(cleared.durationMinutes == nil && cleared.outcome == nil && cleared.summary == "Pricing call")
        #expect(throws: CRMError.self) {
            try fixture.store.addActivity(contact: carol.id, type: .call, summary: "x", durationMinutes: 2_000, by: fixture.ann)
        }
        #expect(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).count == 1)
    }
}

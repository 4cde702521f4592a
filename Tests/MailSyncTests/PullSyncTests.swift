import CRMCore
import CRMStore
import Foundation
import GmailSimulator
import Testing
@testable import MailSync

/// Pulling mail from the simulator: full and partial sync, history expiry, throttling and outages,
/// tokens, labels and deletion, teammates' copies, and new contacts' backfill.
@Suite struct PullSyncTests {
    @Test func fullSyncThenPartialSync() throws {
        let fixture = try SyncFixture()
        let carol = try fixture.store.addContact(name: "Carol", emails: [EmailAddress("carol@client.example")!], by: fixture.ann)
        let ids = (0..<30).map { fixture.deliver(subject: "Hello \($0)", at: Date().addingTimeInterval(-Double($0) * 3600)) }
        let old = fixture.deliver(from: "stranger@elsewhere.example", subject: "Ancient",
                                  at: Date().addingTimeInterval(-200 * 86_400))
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 30)
        #expect(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope, limit: 100).count == 30)
        #expect(try fixture.store.syncCursor(mailbox: fixture.mailbox().id) != nil)
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails WHERE gmail_id = ?", old) == 0,
                "mail older than the window (and not from a backfilled contact) stays out")
        let mailbox = try #require(try fixture.store.mailboxes(in: .everyone).first { $0.email.value == "ann@alpha.example" })
        #expect(mailbox.state == .idle && mailbox.lastSyncAt != nil)

        fixture.simulator.clearRequestLog()
        let fresh = fixture.deliver(subject: "New one")
        _ = fixture.simulator.modifyLabels(id: ids[0], in: "ann@alpha.example", remove: ["UNREAD"])
        _ = fixture.simulator.trash(id: ids[1], in: "ann@alpha.example")
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 31)
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails WHERE gmail_id = ?", fresh) == 1)
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails WHERE gmail_id = ? AND labels LIKE '%UNREAD%'", ids[0]) == 0)
        #expect(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope, limit: 100).count == 30)
        // A partial sync does not list the mailbox again.
        #expect(!fixture.simulator.requestLog.contains { $0.method == .messagesList })
        #expect(fixture.simulator.requestLog.contains { $0.method == .historyList })
    }

    @Test func atThe2026PricesABatchNeverCostsMoreThanTheBucketHolds() throws {
        let fixture = try SyncFixture()
        fixture.settings.costs = .y2026
        fixture.settings.burstUnits = 100
        (0..<23).forEach { fixture.deliver(subject: "Message \($0)") }
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 23)
        // The simulator logs a batch's parts, then the batch itself.
        var sizes: [Int] = []
        var parts = 0
        for entry in fixture.simulator.requestLog {
            if entry.inBatch && entry.method == .messagesGet { parts += 1 }
            if entry.method == .batch {
                sizes.append(parts)
                parts = 0
            }
        }
        #expect(sizes == [5, 5, 5, 5, 3], "100 units hold five 20-unit gets: \(sizes)")
    }

    @Test func anExpiredCursorFallsBackToAFullSyncWithoutDuplicates() throws {
        let fixture = try SyncFixture()
        (0..<10).forEach { fixture.deliver(subject: "First \($0)") }
        try fixture.syncUntilCaughtUp()
        (0..<5).forEach { fixture.deliver(subject: "Second \($0)") }
        fixture.simulator.pruneHistory(keepingLast: 1, for: "ann@alpha.example")
        fixture.simulator.clearRequestLog()
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(fixture.simulator.requestLog.contains { $0.method == .historyList && $0.status == 404 })
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 15)
        #expect(try fixture.store.count("SELECT count(*) FROM (SELECT gmail_id FROM incoming_emails GROUP BY gmail_id HAVING count(*) > 1)") == 0)
        // Each message already stored is not fetched again.
        #expect(fixture.simulator.requestLog.filter { $0.method == .messagesGet }.count == 5)
    }

    @Test func throttlingStormsAndServerErrorsAreRiddenOut() throws {
        let fixture = try SyncFixture { $0.serverErrorRate = 0.15 }
        (0..<60).forEach { fixture.deliver(subject: "Message \($0)") }
        fixture.simulator.failNext(.messagesGet, count: 20, with: .resourceExhausted)
        fixture.simulator.failNext(.messagesList, count: 2, with: .rateLimited(retryAfterHeader: 1))
        fixture.simulator.failNext(.getProfile, count: 3, with: .unavailable)
        let outcome = try fixture.syncUntilCaughtUp(limit: 10)
        #expect(outcome == ["ann@alpha.example": .caughtUp])
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 60, "\(outcome) \(fixture.events.all.suffix(5))")
        #expect(fixture.events.all.contains { if case .failed(let failure) = $0 { return failure.kind == .rateLimited } else { return false } })
    }

    @Test func aTokenThatExpiresMidSyncIsRefreshed() throws {
        let fixture = try SyncFixture { $0.accessTokenLifetime = 2; $0.latency = 0.05 }
        (0..<80).forEach { fixture.deliver(subject: "Message \($0)") }
        fixture.settings.batchSize = 5
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 80)
        #expect(fixture.simulator.requestLog.filter { $0.method == .token }.count >= 2)
    }

    @Test func invalidGrantStopsThatMailboxOnlyAndSaysWhy() throws {
        let fixture = try SyncFixture()
        try fixture.connect("al@alpha.example", for: fixture.al)
        fixture.deliver(to: "al@alpha.example", subject: "For Al")
        fixture.simulator.setInvalidGrant(true, for: "ann@alpha.example")
        let outcomes = try fixture.syncUntilCaughtUp(["ann@alpha.example", "al@alpha.example"], limit: 1)
        #expect(outcomes["ann@alpha.example"] == .needsLogin)
        #expect(outcomes["al@alpha.example"] == .caughtUp)
        let ann = try #require(try fixture.store.mailboxes(in: .everyone).first { $0.email.value == "ann@alpha.example" })
        #expect(ann.state == .needsLogin)
        #expect(ann.lastError?.contains("rapport account add") == true)
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 1)
    }

    @Test func trashLeavesTheTimelineUntrashBringsItBackDeleteRemovesIt() throws {
        let fixture = try SyncFixture()
        let carol = try fixture.store.addContact(name: "Carol", emails: [EmailAddress("carol@client.example")!], by: fixture.ann)
        let id = fixture.deliver(subject: "Budget")
        try fixture.syncUntilCaughtUp()
        func visible() throws -> Int { try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).count }
        #expect(try visible() == 1)
        _ = fixture.simulator.trash(id: id, in: "ann@alpha.example")
        try fixture.syncUntilCaughtUp()
        #expect(try visible() == 0)
        _ = fixture.simulator.untrash(id: id, in: "ann@alpha.example")
        try fixture.syncUntilCaughtUp()
        #expect(try visible() == 1)
        _ = fixture.simulator.delete(id: id, in: "ann@alpha.example")
        try fixture.syncUntilCaughtUp()
        #expect(try visible() == 0)
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 0)
    }

    @Test func twoMailboxesHoldingOneConversationMakeOneEntryPerMessage() throws {
        let fixture = try SyncFixture()
        try fixture.connect("al@alpha.example", for: fixture.al)
        let carol = try fixture.store.addContact(name: "Carol", emails: [EmailAddress("carol@client.example")!], by: fixture.ann)
        for index in 0..<4 {
            let messageID = "thread-\(index)@client.example"
            fixture.deliver(to: "ann@alpha.example", subject: "Deal \(index)", messageID: messageID)
            fixture.deliver(to: "al@alpha.example", subject: "Deal \(index)", messageID: messageID)
        }
        #expect(try fixture.syncUntilCaughtUp(["ann@alpha.example", "al@alpha.example"]).values.allSatisfy { $0 == .caughtUp })
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 8)
        #expect(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).count == 4)
    }

    @Test func aNewContactsOlderMailIsBackfilled() throws {
        let fixture = try SyncFixture()
        let old = (0..<3).map { fixture.deliver(from: "dora@prospect.example", subject: "Old \($0)",
                                                at: Date().addingTimeInterval(-Double(200 + $0) * 86_400)) }
        fixture.deliver(from: "someone@else.example", subject: "Unrelated old", at: Date().addingTimeInterval(-300 * 86_400))
        try fixture.syncUntilCaughtUp()
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 0)
        let dora = try fixture.store.addContact(name: "Dora", emails: [EmailAddress("dora@prospect.example")!], by: fixture.ann)
        try fixture.syncUntilCaughtUp()
        #expect(try fixture.store.timeline(contact: dora.id, in: fixture.ann.scope).count == 3)
        #expect(Set(try fixture.store.connection.query("SELECT gmail_id FROM incoming_emails").map { try $0.string(0) }) == Set(old))
        #expect(fixture.simulator.requestLog.contains { $0.method == .messagesList })
    }

    @Test func aMailboxLeasedByAnotherProcessIsLeftAlone() throws {
        let fixture = try SyncFixture()
        (0..<5).forEach { fixture.deliver(subject: "Message \($0)") }
        let other = try Store(path: fixture.folder.appendingPathComponent("rapport.db").path)
        #expect(try other.acquireLease(mailbox: fixture.mailbox().id, holder: "elsewhere:1", ttl: 60, now: Date()))
        fixture.simulator.clearRequestLog()
        #expect(try fixture.service().runOnce() == ["ann@alpha.example": .busyElsewhere])
        #expect(fixture.simulator.requestLog.isEmpty)
        try other.releaseLease(mailbox: fixture.mailbox().id, holder: "elsewhere:1")
        #expect(try fixture.syncUntilCaughtUp() == ["ann@alpha.example": .caughtUp])
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails") == 5)
    }
}

import CRMCore
import CRMStore
import Foundation
import GmailSimulator
import Testing
@testable import MailSync

/// Read state, archive and trash made here reaching the simulated Gmail through sync: one call per
/// change shared by many messages, kept until Gmail said yes, never undone by history meanwhile.
@Suite struct LabelSyncTests {
    static let account = "ann@alpha.example"

    /// A fixture whose mailbox holds `count` delivered messages, synced; their Gmail ids, oldest first.
    private func synced(_ count: Int) throws -> (SyncFixture, [String]) {
        let fixture = try SyncFixture()
        let ids = (0..<count).map { fixture.deliver(subject: "Message \($0)", at: Date().addingTimeInterval(Double($0 - count) * 60)) }
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        fixture.simulator.clearRequestLog()
        return (fixture, ids)
    }

    private func apply(_ action: MailAction, _ gmailID: String, _ fixture: SyncFixture) throws {
        let id = try #require(try fixture.store.connection.first(
            "SELECT id FROM incoming_emails WHERE gmail_id = ?", gmailID)).int64(0)
        try fixture.store.apply(action, toMessage: id, by: fixture.ann)
    }

    private func localLabels(_ gmailID: String, _ fixture: SyncFixture) throws -> Set<String> {
        Set(try #require(try fixture.store.connection.first(
            "SELECT labels FROM incoming_emails WHERE gmail_id = ?", gmailID)).strings(0))
    }

    private func gmailLabels(_ gmailID: String, _ fixture: SyncFixture) -> Set<String>? {
        fixture.simulator.message(id: gmailID, in: Self.account).map { Set($0.labelIds) }
    }

    private func labelCalls(_ fixture: SyncFixture) -> [APIMethod] {
        fixture.simulator.requestLog.compactMap(\.method).filter { $0 == .messagesModify || $0 == .messagesBatchModify }
    }

    private func waiting(_ fixture: SyncFixture) throws -> Int {
        try fixture.store.pendingLabelChangeCount(mailbox: fixture.mailbox().id)
    }

    @Test func readArchiveAndTrashReachGmailAndStayAfterTheNextSync() throws {
        let (fixture, ids) = try synced(3)
        try apply(.read, ids[0], fixture)
        try apply(.archive, ids[1], fixture)
        try apply(.trash, ids[2], fixture)
        #expect(try waiting(fixture) == 3)
        #expect(gmailLabels(ids[0], fixture) == ["INBOX", "UNREAD"], "nothing reaches Gmail before a sync")
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        #expect(gmailLabels(ids[0], fixture) == ["INBOX"])
        #expect(gmailLabels(ids[1], fixture) == ["UNREAD"])
        #expect(gmailLabels(ids[2], fixture) == ["UNREAD", "TRASH"])
        #expect(try waiting(fixture) == 0)
        #expect(labelCalls(fixture) == [.messagesModify, .messagesModify, .messagesModify], "one message per change")
        // The next sync reads Gmail's history of these changes and agrees.
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        for id in ids { #expect(try localLabels(id, fixture) == gmailLabels(id, fixture)) }
        #expect(labelCalls(fixture).count == 3, "nothing is sent twice")
    }

    @Test func messagesTakingTheSameChangeGoInOneBatchModify() throws {
        let (fixture, ids) = try synced(6)
        for id in ids.prefix(5) { try apply(.read, id, fixture) }
        try apply(.archive, ids[5], fixture)
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        #expect(labelCalls(fixture).sorted { "\($0)" < "\($1)" } == [.messagesBatchModify, .messagesModify])
        let units = fixture.simulator.requestLog.filter { $0.method == .messagesBatchModify || $0.method == .messagesModify }
            .map(\.quotaUnits)
        #expect(units.sorted() == [5, 50])
        for id in ids.prefix(5) { #expect(gmailLabels(id, fixture) == ["INBOX"]) }
        #expect(gmailLabels(ids[5], fixture) == ["UNREAD"])
    }

    @Test func aChangeGmailCouldNotTakeIsKeptAndTheNextSyncDeliversIt() throws {
        let (fixture, ids) = try synced(2)
        for id in ids { try apply(.read, id, fixture) }
        // Unavailable for longer than sync waits within one cycle.
        fixture.simulator.failNext(.messagesBatchModify, count: 8, with: .unavailable)
        let first = try fixture.service().runOnce()
        guard case .failed? = first[Self.account] else { Issue.record("the cycle should fail: \(first)"); return }
        #expect(try waiting(fixture) == 2)
        #expect(gmailLabels(ids[0], fixture) == ["INBOX", "UNREAD"])
        #expect(try localLabels(ids[0], fixture) == ["INBOX"], "still read here")
        // Applied by Gmail but answered with an error: sent again, which changes nothing more.
        fixture.simulator.failNext(.messagesBatchModify, count: 1,
                                   with: ScriptedFault(status: 503, reason: "backendError", message: "Backend Error",
                                                       afterApplying: true))
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        #expect(try waiting(fixture) == 0)
        for id in ids { #expect(gmailLabels(id, fixture) == ["INBOX"]) }
    }

    @Test func aChangeGmailRefusesWaitsAndDoesNotHoldBackTheOthers() throws {
        let (fixture, ids) = try synced(3)
        for id in ids { try apply(.read, id, fixture) }
        fixture.simulator.failNext(method: .messagesBatchModify, count: 1, status: 400, reason: "invalidArgument",
                                   message: "Invalid id value")
        fixture.simulator.failNext(method: .messagesModify, count: 1, status: 400, reason: "invalidArgument",
                                   message: "Invalid id value")
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        // The batch was refused; each was tried alone; the first of those was refused too.
        #expect(labelCalls(fixture) == [.messagesBatchModify, .messagesModify, .messagesModify, .messagesModify])
        let left = try fixture.store.pendingLabelChanges(mailbox: fixture.mailbox().id, now: Date().addingTimeInterval(3_600))
        #expect(left.count == 1 && left[0].attempts == 1)
        #expect(left[0].lastError?.contains("Invalid id value") == true)
        #expect(ids.compactMap { gmailLabels($0, fixture) }.filter { $0 == ["INBOX"] }.count == 2)
        #expect(fixture.events.all.contains { event in
            if case .failed(let failure) = event { return failure.message.contains("a label change will be tried again later") }
            return false
        })
        // It waits: the next sync leaves it alone.
        fixture.simulator.clearRequestLog()
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        #expect(labelCalls(fixture).isEmpty)
        // Once its time has come it goes.
        try fixture.store.connection.execute("UPDATE label_changes SET not_before = 0")
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        #expect(try waiting(fixture) == 0)
        for id in ids { #expect(gmailLabels(id, fixture) == ["INBOX"]) }
    }

    @Test func aLabelChangedInGmailShowsHereAfterSync() throws {
        let (fixture, ids) = try synced(3)
        fixture.simulator.modifyLabels(id: ids[0], in: Self.account, add: ["STARRED"], remove: ["UNREAD"])
        fixture.simulator.modifyLabels(id: ids[1], in: Self.account, remove: ["INBOX"])
        fixture.simulator.trash(id: ids[2], in: Self.account)
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        #expect(try localLabels(ids[0], fixture) == ["INBOX", "STARRED"])
        #expect(try localLabels(ids[1], fixture) == ["UNREAD"])
        #expect(try localLabels(ids[2], fixture) == ["UNREAD", "TRASH"])
        #expect(labelCalls(fixture).isEmpty, "Gmail's own changes are not sent back")
    }

    @Test func historyDoesNotUndoAChangeStillWaitingHere() throws {
        let (fixture, ids) = try synced(1)
        try apply(.read, ids[0], fixture)
        // Meanwhile someone stars it in Gmail (history: INBOX, UNREAD, STARRED), and Gmail refuses our
        // change this time, so the pull runs with the change still waiting.
        fixture.simulator.modifyLabels(id: ids[0], in: Self.account, add: ["STARRED"])
        fixture.simulator.failNext(method: .messagesModify, count: 1, status: 403, reason: "insufficientPermissions")
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        #expect(try waiting(fixture) == 1)
        #expect(try localLabels(ids[0], fixture) == ["INBOX", "STARRED"], "Gmail's star, and still read here")
        try fixture.store.connection.execute("UPDATE label_changes SET not_before = 0")
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        #expect(gmailLabels(ids[0], fixture) == ["INBOX", "STARRED"])
        #expect(try localLabels(ids[0], fixture) == ["INBOX", "STARRED"])
        #expect(try waiting(fixture) == 0)
    }

    @Test func aChangeToAMessageGoneFromGmailIsDropped() throws {
        let (fixture, ids) = try synced(4)
        fixture.simulator.delete(id: ids[0], in: Self.account)
        fixture.simulator.delete(id: ids[2], in: Self.account)
        try apply(.read, ids[0], fixture)
        try apply(.archive, ids[1], fixture)
        try apply(.archive, ids[2], fixture)
        #expect(try fixture.syncUntilCaughtUp() == [Self.account: .caughtUp])
        #expect(try waiting(fixture) == 0, "a 404, and a batch that passes over a missing id, both settle it")
        #expect(gmailLabels(ids[1], fixture) == ["UNREAD"])
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_emails WHERE gmail_id IN (?, ?)", ids[0], ids[2]) == 0)
    }

    @Test func theDaemonSendsAChangeBetweenSyncs() throws {
        let (fixture, ids) = try synced(1)
        fixture.settings.interval = 3_600
        let service = try fixture.service()
        service.turn()
        fixture.simulator.clearRequestLog()
        try apply(.read, ids[0], fixture)
        service.turn()
        #expect(gmailLabels(ids[0], fixture) == ["INBOX"], "sent with the send check, not an hour later")
        #expect(labelCalls(fixture) == [.messagesModify])
        #expect(!fixture.simulator.requestLog.contains { $0.method == .historyList }, "no sync was due")
    }
}

import CRMCore
import Foundation
import RapportTestSupport
import Testing
@testable import CRMStore

/// A daemon's heartbeat shows it alive until it stops, its beat runs out, or its process is gone;
/// queued mail in a mailbox no daemon serves is counted for the app's warning.
@Suite struct SyncHeartbeatStoreTests {
    @Test func aBeatLastsItsLifetimeAndEndsWithTheDaemon() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let now = Date()
        store.now = { now }
        let holder = LeaseHolder.make()
        try store.beat(mailboxes: [fixture.annMailbox.id, fixture.alMailbox.id], holder: holder, ttl: 45, now: now)
        #expect(Set(try store.liveDaemons().keys) == [fixture.annMailbox.id, fixture.alMailbox.id])
        #expect(try store.liveDaemons()[fixture.annMailbox.id]?.holder == holder)
        store.now = { now.addingTimeInterval(46) }
        #expect(try store.liveDaemons().isEmpty)
        try store.beat(mailboxes: [fixture.annMailbox.id], holder: holder, ttl: 45, now: now.addingTimeInterval(46))
        #expect(Set(try store.liveDaemons().keys) == [fixture.annMailbox.id])
        try store.endHeartbeat(holder: holder)
        #expect(try store.liveDaemons().isEmpty)
    }

    @Test func aKilledDaemonOfThisMachineIsDeadAtOnce() throws {
        let fixture = try StoreFixture()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let gone = "\(ProcessInfo.processInfo.hostName):\(process.processIdentifier):dead0000"
        try fixture.store.beat(mailboxes: [fixture.annMailbox.id], holder: gone, ttl: 45, now: Date())
        #expect(try fixture.store.liveDaemons().isEmpty)
    }

    @Test func queuedMailCountsWhereNoDaemonServes() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        for subject in ["One", "Two"] {
            let draft = try fixture.draft(by: fixture.ann, subject: subject)
            try store.apply(.queue, to: draft.id, by: fixture.ann, Store.OutboxUpdate(sealingKey: .test))
        }
        _ = try fixture.draft(by: fixture.ann, subject: "Still a draft")
        #expect(try store.queuedWithoutDaemon(author: fixture.ann.id) == [fixture.annMailbox.id: 2])
        #expect(try store.queuedWithoutDaemon(author: fixture.al.id).isEmpty)
        try store.beat(mailboxes: [fixture.annMailbox.id], holder: LeaseHolder.make(), ttl: 45, now: Date())
        #expect(try store.queuedWithoutDaemon(author: fixture.ann.id).isEmpty)
    }
}

import CRMCore
import CRMStore
import Foundation
import RapportTestSupport
import Testing
@testable import MailSync

/// The daemon's heartbeat beats on a thread of its own (so it goes on while the daemon's own thread
/// is busy) and takes its rows away when it stops.
@Suite struct SyncHeartbeatTests {
    @Test func beatsOnItsOwnAndStopsCleanly() throws {
        let database = try TestDatabase()
        let store = database.store
        try store.addTeam(name: "Alpha")
        let user = try store.addUser(login: "ann", name: "Ann Lee", teamName: "Alpha", isAdmin: false)
        let mailbox = try store.addMailbox(email: EmailAddress("ann@alpha.example")!, for: user)
        let heartbeat = SyncHeartbeat(databasePath: database.path, mailboxes: [mailbox.id], period: 0.05, lifetime: 1)
        var first: Date?
        for _ in 0..<200 where first == nil {
            first = try store.liveDaemons()[mailbox.id]?.beatAt
            if first == nil { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(first != nil)
        // This thread sleeps, as a long cycle would keep the daemon's; the beat goes on (whole seconds).
        Thread.sleep(forTimeInterval: 1.2)
        let later = try #require(try store.liveDaemons()[mailbox.id]?.beatAt)
        #expect(later > first!)
        heartbeat.stop()
        #expect(try store.liveDaemons().isEmpty)
    }
}

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
        let heartbeat = SyncHeartbeat(databasePath: database.path, mailboxes: [mailbox.id], period: 0.05, lifetime: 30)
        var first: Date?
        for _ in 0..<200 where first == nil {
            first = try store.liveDaemons()[mailbox.id]?.beatAt
            if first == nil { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(first != nil)
        // This thread only sleeps, as a long cycle would keep the daemon's; the beat goes on (whole
        // seconds). Up to 10 s, for a loaded machine.
        var later = first
        let deadline = Date().addingTimeInterval(10)
        while let seen = later, let start = first, seen <= start, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            later = try store.liveDaemons()[mailbox.id]?.beatAt
        }
        #expect(try #require(later) > first!)
        heartbeat.stop()
        #expect(try store.liveDaemons().isEmpty)
    }
}

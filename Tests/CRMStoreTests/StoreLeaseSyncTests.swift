import CRMCore
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import CRMStore

/// Two processes never sync one mailbox at once: a lease is held until it expires or is given up.
@Suite struct StoreLeaseSyncTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func twoStoresOnOneFileContendForALease() throws {
        let fixture = try StoreFixture()
        let first = fixture.store
        let second = try Store(path: fixture.path)
        let box = fixture.annMailbox.id
        #expect(try first.acquireLease(mailbox: box, holder: "pid-1", ttl: 60, now: t0))
        #expect(try !second.acquireLease(mailbox: box, holder: "pid-2", ttl: 60, now: t0 + 59))
        #expect(try second.leaseHolder(mailbox: box)?.holder == "pid-1")
        // Another mailbox is free.
        #expect(try second.acquireLease(mailbox: fixture.alMailbox.id, holder: "pid-2", ttl: 60, now: t0))

        // Renewal extends the lease past its first expiry.
        #expect(try first.acquireLease(mailbox: box, holder: "pid-1", ttl: 60, now: t0 + 30))
        #expect(try second.leaseHolder(mailbox: box)?.expiresAt == t0 + 90)
        #expect(try !second.acquireLease(mailbox: box, holder: "pid-2", ttl: 60, now: t0 + 89))

        // Once it expires, the other process takes it over; the first can neither renew nor release it.
        #expect(try second.acquireLease(mailbox: box, holder: "pid-2", ttl: 60, now: t0 + 90))
        #expect(try !first.acquireLease(mailbox: box, holder: "pid-1", ttl: 60, now: t0 + 91))
        try first.releaseLease(mailbox: box, holder: "pid-1")
        #expect(try first.leaseHolder(mailbox: box)?.holder == "pid-2")

        // Released, it is free at once.
        try second.releaseLease(mailbox: box, holder: "pid-2")
        #expect(try first.leaseHolder(mailbox: box) == nil)
        #expect(try first.acquireLease(mailbox: box, holder: "pid-1", ttl: 60, now: t0 + 92))
    }

    @Test func aMailboxShowsSyncingOnlyWhileALiveLeaseHoldsIt() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let t0 = self.t0
        store.now = { t0 }
        let mailbox = fixture.annMailbox
        func shown() throws -> Mailbox.State? { try store.mailboxes(in: .everyone).first { $0.id == mailbox.id }?.state }
        try store.updateMailbox(id: mailbox.id, state: .syncing, lastError: nil)
        #expect(try shown() == .idle, "no lease: a sync that died before it could say so")

        let host = ProcessInfo.processInfo.hostName
        let live = "\(host):\(getpid()):live"
        #expect(try store.acquireLease(mailbox: mailbox.id, holder: live, ttl: 90, now: t0))
        #expect(try shown() == .syncing)
        #expect(try store.mailbox(email: mailbox.email, in: .everyone)?.state == .syncing)
        store.now = { t0 + 90 }
        #expect(try shown() == .idle, "an expired lease holds nothing")
        store.now = { t0 }
        try store.releaseLease(mailbox: mailbox.id, holder: live)

        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        #expect(try store.acquireLease(mailbox: mailbox.id, holder: "\(host):\(gone.processIdentifier):dead", ttl: 90, now: t0))
        #expect(try shown() == .idle, "a killed process of this machine holds nothing")
        try store.releaseLease(mailbox: mailbox.id, holder: "\(host):\(gone.processIdentifier):dead")
        #expect(try store.acquireLease(mailbox: mailbox.id, holder: "elsewhere.example:1:x", ttl: 90, now: t0))
        #expect(try shown() == .syncing, "another machine's lease counts until it expires")

        try store.updateMailbox(id: mailbox.id, state: .error, lastError: "quota")
        #expect(try shown() == .error, "only syncing is derived")
    }

    @Test func racingProcessesNeverBothWin() throws {
        let fixture = try StoreFixture()
        let path = fixture.path
        let mailboxes = try (0..<20).map {
            try fixture.store.addMailbox(email: StoreFixture.address("box\($0)@alpha.example"), for: fixture.ann).id
        }
        let wins = Mutex<[Int64: [String]]>([:])
        let failures = Mutex<[String]>([])
        let now = t0
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            do {
                let store = try Store(path: path)
                for mailbox in mailboxes where try store.acquireLease(mailbox: mailbox, holder: "w\(worker)",
                                                                        ttl: 60, now: now) {
                    wins.withLock { $0[mailbox, default: []].append("w\(worker)") }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let result = wins.withLock { $0 }
        #expect(result.count == mailboxes.count)
        #expect(result.values.allSatisfy { $0.count == 1 })
    }
}

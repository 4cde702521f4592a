import CRMStore
import Foundation
import Testing

/// `rapport sync --once` beside another process syncing the same mailbox waits for it, then
/// catches up and exits 0; when the other keeps the mailbox too long it says who holds it.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
struct CLISyncWaitTests {
    private func leaseHeld(_ home: CLIHome) throws -> Bool {
        let now = Int(Date().timeIntervalSince1970)
        return try home.sqlite("SELECT count(*) FROM sync_leases WHERE expires_at > \(now)")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    @Test func aSecondSyncWaitsForTheFirstAndExitsZeroWhenCaughtUp() throws {
        let setup = try CLISyncTests.SyncHome(messages: 300, latency: 0.02)
        let first = try setup.home.start(["sync", "--once"], as: "ann", environment: setup.environment)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(30)
        while try !leaseHeld(setup.home) {
            guard Date() < deadline, first.isRunning else { Issue.record("the first sync never took the lease"); return }
            usleep(20_000)
        }
        let second = try setup.home.run(["sync", "--once"], as: "ann", environment: setup.environment)
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("\(CLISyncTests.SyncHome.account): caught up"), "\(second)")
        #expect(second.stderr.contains("process \(first.processIdentifier)") && second.stderr.contains("waiting"),
                "it said whom it waited for: \(second.stderr)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let stored = try setup.home.sqlite("SELECT count(*) FROM incoming_emails").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(stored == "300")
    }

    @Test func aSyncThatWaitsTooLongSaysWhoHoldsTheMailbox() throws {
        let setup = try CLISyncTests.SyncHome(messages: 1, latency: 0)
        // A live holder: this test process, in a lease name as a sync makes it.
        let holder = LeaseHolder.make()
        let until = Int(Date().timeIntervalSince1970) + 600
        _ = try setup.home.sqlite("INSERT OR REPLACE INTO sync_leases SELECT id, '\(holder)', \(until) FROM mailboxes")
        let started = Date()
        let result = try setup.home.run(["sync", "--once", "--wait", "2"], as: "ann", environment: setup.environment)
        #expect(result.status == 1, "\(result)")
        #expect(Date().timeIntervalSince(started) >= 2, "it waited as long as asked")
        #expect(result.stdout.contains("still synced by another Rapport (process \(getpid()) on "), "\(result)")
        #expect(result.stdout.contains("--wait"))
        try setup.home.run(["sync", "--once", "--wait", "soon"], as: "ann", environment: setup.environment)
            .expectOneLine(["--wait"], status: 2)
    }
}

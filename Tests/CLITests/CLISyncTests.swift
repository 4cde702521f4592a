import CRMCore
import DeterministicRandom
import Foundation
import GmailSimulator
import MailFormat
import RapportTestSupport
import Synchronization
import Testing

/// `rapport sync` as a process: killed at random moments it loses and doubles nothing (and leaves no
/// mailbox shown as syncing); stopped by a signal it finishes cleanly; two at once do no work twice.
@Suite(.serialized) struct CLISyncTests {
    /// A home connected to a simulated mailbox full of mail.
    final class SyncHome {
        let home: CLIHome
        private let running: RunningSimulator
        let environment: [String: String]
        static let account = "ann@alpha.example"

        init(messages: Int, latency: TimeInterval) throws {
            home = try CLIHome.withTwoTeams()
            running = try RunningSimulator(accounts: [Self.account]) { $0.latency = latency }
            let simulator = running.simulator
            let now = Date()
            for index in 0..<messages {
                let from = index % 3 == 0 ? "carol@client.example" : "lead\(index % 40)@prospect.example"
                let message = OutgoingMessage(from: MailAddress(name: "Sender \(index)", address: from),
                                              to: [MailAddress(name: nil, address: Self.account)],
                                              subject: "Message \(index)", body: "Body \(index)",
                                              date: now.addingTimeInterval(-Double(index) * 600),
                                              messageID: "m\(index)@mail.example")
                _ = simulator.deliver(raw: MessageWriter.write(message), to: Self.account,
                                      internalDate: now.addingTimeInterval(-Double(index) * 600))
            }
            let base = running.base.absoluteString
            let root = base.hasSuffix("/") ? base : base + "/"
            environment = ["RAPPORT_CREDENTIALS_DIR": home.folder.appendingPathComponent("credentials").path,
                           "RAPPORT_CLIENT_SECRET": "rapport-test-secret"]
            try "[sync]\nunits_per_second = 3000\n[sending]\nundo_seconds = 0\n"
                .write(to: home.folder.appendingPathComponent("config.ini"), atomically: true, encoding: .utf8)
            try home.ok(["contact", "add", "--name", "Carol", "--email", "carol@client.example"], as: "ann")
            let tokenFile = home.folder.appendingPathComponent("token")
            try simulator.issueRefreshToken(for: Self.account).write(to: tokenFile, atomically: true, encoding: .utf8)
            chmod(tokenFile.path, 0o600)
            let connected = try home.run(["account", "add", Self.account, "--api-base", root,
                                          "--auth-url", root + "o/oauth2/v2/auth", "--token-url", root + "token",
                                          "--client-id", "rapport-test-client", "--refresh-token-file", tokenFile.path], as: "ann", environment: environment)
            guard connected.status == 0 else { throw CRMError("account add failed: \(connected)") }
        }

        var simulator: GmailSimulator { running.simulator }

        func sync() throws -> CLIResult {
            try home.run(["sync", "--once"], as: "ann", environment: environment)
        }

        /// What the store holds, in a form two runs can be compared by.
        func snapshot() throws -> [String] {
            try home.sqlite("""
                SELECT 'mail', gmail_id, subject, labels, direction FROM incoming_emails ORDER BY gmail_id;
                SELECT 'entry', contact_id, message_key, direction, off_timeline, hidden FROM activities ORDER BY contact_id, message_key;
                SELECT 'outbox', message_id, status, gmail_id IS NOT NULL FROM outgoing_emails ORDER BY message_id;
                SELECT 'queue', count(*) FROM sync_fetch_queue;
                PRAGMA integrity_check;
                """).split(separator: "\n").map(String.init)
        }

        /// Starts `rapport sync --once` and kills it with SIGKILL after `delay` seconds (if still running).
        func killedSync(after delay: TimeInterval) throws {
            let process = try home.start(["sync", "--once"], as: "ann", environment: environment)
            usleep(useconds_t(delay * 1_000_000))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func killedAtRandomDuringAFullSyncItEndsLikeACleanRun() throws {
        let clean = try SyncHome(messages: 400, latency: 0.01)
        #expect(try clean.sync().status == 0)
        let expected = try clean.snapshot()
        #expect(expected.filter { $0.hasPrefix("mail|") }.count == 400)
        #expect(expected.contains("ok"))

        let crashed = try SyncHome(messages: 400, latency: 0.01)
        var random = SeededRandom(seed: 0xC4A5)
        for _ in 0..<20 {
            try crashed.killedSync(after: 0.05 + Double(random.below(700)) / 1000)
        }
        let final = try crashed.sync()
        #expect(final.status == 0, "\(final)")
        #expect(try crashed.snapshot() == expected)
        let fetched = crashed.simulator.requestLog.filter { $0.method == .messagesGet && $0.status == 200 }
        print("sync crash test: 20 kills; \(fetched.count) fetches for 400 messages")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func killedAtRandomWhileSendingEveryEmailGoesOutExactlyOnce() throws {
        let setup = try SyncHome(messages: 0, latency: 0.03)
        #expect(try setup.sync().status == 0)
        var ids: [String] = []
        for index in 0..<30 {
            ids.append(try setup.home.ok(["compose", "--to", "carol@client.example", "--subject", "Offer \(index)",
                                          "--body", "Offer number \(index)", "--queue"], as: "ann")
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var random = SeededRandom(seed: 0x5E4D)
        for _ in 0..<20 {
            try setup.killedSync(after: 0.05 + Double(random.below(600)) / 1000)
        }
        let final = try setup.sync()
        #expect(final.status == 0, "\(final)")
        let sent = setup.simulator.sentMessages(for: SyncHome.account).compactMap { MailFormat.Message(bytes: $0).messageID }
        #expect(sent.count == 30, "every queued email reached Gmail exactly once (got \(sent.count))")
        #expect(Set(sent).count == sent.count)
        let outbox = try #require(try JSONSerialization.jsonObject(with: Data(setup.home.ok(["outbox", "--json"], as: "ann").utf8)) as? [[String: Any]])
        #expect(outbox.count == 30 && outbox.allSatisfy { $0["status"] as? String == "sent" })
        #expect(try setup.snapshot().contains("ok"))
    }

    @Test func peopleAreToldWhatWasSentAndWhatFailed() throws {
        let setup = try SyncHome(messages: 0, latency: 0)
        let config = setup.home.folder.appendingPathComponent("config.ini")
        try (String(contentsOf: config, encoding: .utf8) + "daily_recipients = 60\n").write(to: config, atomically: true,
                                                                                            encoding: .utf8)
        let good = try setup.home.ok(["compose", "--to", "carol@client.example", "--subject", "Hello", "--body", "b",
                                      "--queue"], as: "ann").trimmingCharacters(in: .whitespacesAndNewlines)
        let crowd = (0..<60).map { "p\($0)@crowd.example" }.joined(separator: ",")
        let refused = try setup.home.ok(["compose", "--to", crowd, "--subject", "Everyone", "--body", "b", "--queue"],
                                        as: "ann").trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try setup.sync()
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("Sent outgoing email \(good)."))
        #expect(result.stderr.contains("Outgoing email \(refused) failed; see rapport outbox show \(refused)."))
        #expect(result.stdout.contains("ann@alpha.example: caught up"))
    }

    @Test func twoSyncProcessesSideBySideDoNoWorkTwice() throws {
        let setup = try SyncHome(messages: 150, latency: 0.02)
        for index in 0..<5 {
            try setup.home.ok(["compose", "--to", "carol@client.example", "--subject", "Side \(index)", "--body", "b",
                               "--queue"], as: "ann")
        }
        let first = try setup.home.start(["sync", "--once"], as: "ann", environment: setup.environment)
        let second = try setup.home.start(["sync", "--once"], as: "ann", environment: setup.environment)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(try setup.sync().status == 0)
        let fetches = setup.simulator.requestLog.filter { $0.method == .messagesGet && $0.status == 200 }
        #expect(fetches.count == 150 + 5, "each message (and each sent copy) fetched once: \(fetches.count)")
        #expect(setup.simulator.sentMessages(for: SyncHome.account).count == 5)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func theDaemonSyncsSendsDueMailAndExitsCleanlyOnSIGTERM() throws {
        let setup = try SyncHome(messages: 60, latency: 0.01)
        let daemon = try setup.home.start(["sync"], as: "ann", environment: setup.environment)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        func waitFor(_ what: String, _ condition: () throws -> Bool) throws {
            let deadline = Date().addingTimeInterval(30)
            while try !condition() {
                guard Date() < deadline, daemon.isRunning else { throw CRMError("the daemon never \(what)") }
                usleep(100_000)
            }
        }
        try waitFor("synced the mailbox") { try setup.snapshot().filter { $0.hasPrefix("mail|") }.count == 60 }
        // Queued while it runs: sent between syncs, without waiting for the next minute's sync.
        try setup.home.ok(["compose", "--to", "carol@client.example", "--subject", "While running", "--body", "b",
                           "--queue"], as: "ann")
        try waitFor("sent the queued email") { setup.simulator.sentMessages(for: SyncHome.account).count == 1 }
        kill(daemon.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(15)
        while daemon.isRunning && Date() < deadline { usleep(50_000) }
        #expect(!daemon.isRunning, "SIGTERM stops the daemon within seconds")
        daemon.waitUntilExit()
        #expect(daemon.terminationReason == .exit && daemon.terminationStatus == 0)
        #expect(try setup.snapshot().contains("ok"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aSyncKilledOrStoppedLeavesNoMailboxSyncing() throws {
        let setup = try SyncHome(messages: 400, latency: 0.2)
        let rawState = { try setup.home.sqlite("SELECT state FROM mailboxes WHERE email = '\(SyncHome.account)'") }
        func listedState() throws -> String? {
            let list = try #require(try setup.home.run(["account", "list", "--json"], as: "ann", environment: setup.environment)
                .json() as? [[String: Any]])
            return list.first?["state"] as? String
        }
        /// Starts `sync --once` and returns once it holds the mailbox's lease and has said it is syncing.
        func startAndWaitUntilSyncing() throws -> Process {
            let process = try setup.home.start(["sync", "--once"], as: "ann", environment: setup.environment)
            let deadline = Date().addingTimeInterval(20)
            let holder = "SELECT count(*) FROM sync_leases WHERE holder LIKE '%:\(process.processIdentifier):%'"
            while try setup.home.sqlite(holder) != "1" || rawState() != "syncing" {
                guard Date() < deadline, process.isRunning else { throw CRMError("the sync never started") }
                usleep(20_000)
            }
            return process
        }

        let killed = try startAndWaitUntilSyncing()
        let whileRunning = try listedState()
        #expect(whileRunning == "syncing" || !killed.isRunning, "a live sync shows as syncing")
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        #expect(try rawState() == "syncing", "kill -9 left the row as it was")
        #expect(try listedState() == "idle", "but no live lease holds it, so it is not shown as syncing")

        for signal in [SIGTERM, SIGINT] {
            let stopped = try startAndWaitUntilSyncing()
            kill(stopped.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(5)
            while stopped.isRunning && Date() < deadline { usleep(20_000) }
            #expect(!stopped.isRunning, "signal \(signal) stops sync --once within seconds")
            let fetched = try #require(Int(setup.home.sqlite("SELECT count(*) FROM incoming_emails")))
            #expect(fetched < 400, "it stopped with mail left to fetch, rather than finishing (children of a test runner may ignore the signal)")
            stopped.waitUntilExit()
            #expect(stopped.terminationReason == .exit, "it exits by itself, not killed by the signal")
            #expect(try rawState() == "idle", "the mailbox is set back to idle after signal \(signal)")
            #expect(try setup.home.sqlite("SELECT count(*) FROM sync_leases") == "0")
        }
        let final = try setup.sync()
        #expect(final.status == 0, "\(final)")
        #expect(try listedState() == "idle")
    }
}

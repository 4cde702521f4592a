import Foundation
import RapportTestSupport
import Testing

/// Probe 13: the lead's `sync --once`, running as the lead, stopped by another user (root) with
/// SIGTERM or SIGINT, or killed with SIGKILL, leaves nothing that `account list` shows as syncing.
extension CLISecurityProbeTests {
    @Test func aStoppedOrKilledSyncLeavesNothingShownAsSyncing() throws {
        let setup = try SignedInTeam(memberSignsIn: false) { $0.latency = 0.1 }
        let team = setup.team
        let account = SignedInTeam.leadAccount
        for index in 0..<300 {
            setup.gmail.simulator.deliver(raw: Array("""
                From: lead\(index)@prospect.example\r\nTo: \(account)\r\nSubject: Message \(index)\r\n\
                Message-ID: <m\(index)@prospect.example>\r\n\r\nBody \(index)\r\n
                """.utf8), to: account)
        }
        let rawState = { try setup.look("SELECT state FROM mailboxes WHERE email = '\(account)'") }
        for signal in [SIGKILL, SIGTERM, SIGINT] {
            let sync = try setup.lead.start(CLIHome.binary.path, ["sync", "--once"],
                                            environment: ["RAPPORT_HOME": team.home.path])
            defer { if sync.isRunning { kill(sync.processIdentifier, SIGKILL) } }
            let holding = "SELECT count(*) FROM sync_leases WHERE holder LIKE '%:\(sync.processIdentifier):%'"
            let deadline = Date().addingTimeInterval(20)
            while try setup.look(holding) != "1" || rawState() != "syncing" {
                guard Date() < deadline, sync.isRunning else { Issue.record("the sync never started (\(signal))"); return }
                usleep(20_000)
            }
            kill(sync.processIdentifier, signal)
            while sync.isRunning && Date() < deadline { usleep(20_000) }
            #expect(!sync.isRunning, "signal \(signal) ends it within seconds")
            sync.waitUntilExit()
            if signal == SIGKILL {
                #expect(try rawState() == "syncing", "kill -9 left the row as it was")
            } else {
                #expect(sync.terminationReason == .exit, "it stops by itself on signal \(signal)")
                #expect(try rawState() == "idle")
            }
            #expect(try setup.look("SELECT count(*) FROM incoming_emails") != "300", "stopped with mail left to fetch")
            let listed = try team.rapport(setup.lead, ["account", "list", "--json"])
            let mailboxes = try #require(try listed.json() as? [[String: Any]], "\(listed)")
            #expect(mailboxes.first?["state"] as? String == "idle", "after signal \(signal): \(listed)")
            let table = try team.rapport(setup.lead, ["account", "list"])
            #expect(table.status == 0 && !table.stdout.contains("syncing"), "\(table)")
        }
    }
}

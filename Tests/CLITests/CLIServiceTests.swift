import Foundation
import RapportTestSupport
import Testing

/// `rapport service`: the unit it writes runs `rapport sync` hardened, restarted on failure, with
/// only the home and the credentials writable; without systemd it gives the crontab lines; status
/// says for each mailbox whether a sync runs.
@Suite(.serialized) struct CLIServiceTests {
    @Test func installWritesAHardenedUnitThatSystemdAccepts() throws {
        let home = try CLIHome.withTwoTeams()
        let config = home.folder.appendingPathComponent("xdg")
        let environment = ["XDG_CONFIG_HOME": config.path]
        let result = try home.run(["service", "install"], as: "ann", environment: environment)
        #expect(result.status == 0, "\(result)")
        let unit = config.appendingPathComponent("systemd/user/rapport-sync.service")
        let text = try String(contentsOf: unit, encoding: .utf8)
        let lines = Set(text.split(separator: "\n").map(String.init))
        let program = CLIHome.binary.resolvingSymlinksInPath().path
        for line in ["ExecStart=\(program) --home \(home.folder.path) sync", "Restart=on-failure", "NoNewPrivileges=yes",
                     "PrivateTmp=yes", "ProtectSystem=strict",
                     "ReadWritePaths=\(home.folder.path) -\(home.credentials.path)",
                     "Environment=RAPPORT_CREDENTIALS_DIR=\(home.credentials.path)", "WantedBy=default.target"] {
            #expect(lines.contains(line), "\(line) in\n\(text)")
        }
        #expect(result.stdout.contains("systemctl --user enable --now rapport-sync.service")
                || result.stdout.contains("Started it"))
        #expect(result.stdout.contains("loginctl enable-linger"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") {
            let verified = try ProcessOutput.run(URL(fileURLWithPath: "/usr/bin/systemd-analyze"), ["verify", unit.path],
                                                 environment: ProcessInfo.processInfo.environment)
            #expect(verified.status == 0, "\(verified)")
            #expect(!verified.stderr.contains("rapport-sync.service:"), "systemd found nothing to ignore: \(verified.stderr)")
        }
        // Installed again over a link, the link is replaced, not followed.
        let elsewhere = home.folder.appendingPathComponent("elsewhere")
        try "keep".write(to: elsewhere, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: unit)
        try FileManager.default.createSymbolicLink(at: unit, withDestinationURL: elsewhere)
        #expect(try home.run(["service", "install"], as: "ann", environment: environment).status == 0)
        #expect(try String(contentsOf: elsewhere, encoding: .utf8) == "keep")
        let removed = try home.run(["service", "uninstall"], as: "ann", environment: environment)
        #expect(removed.status == 0 && !FileManager.default.fileExists(atPath: unit.path), "\(removed)")
    }

    @Test func withoutSystemdItGivesTheCrontabLines() throws {
        let home = try CLIHome.withTwoTeams()
        let result = try home.run(["service", "install", "--cron"], as: "ann",
                                  environment: ["XDG_CONFIG_HOME": home.folder.appendingPathComponent("xdg").path])
        #expect(result.status == 0, "\(result)")
        let program = CLIHome.binary.resolvingSymlinksInPath().path
        #expect(result.stdout.contains("@reboot \(program) --home \(home.folder.path) sync >> "))
        #expect(result.stdout.contains("sync --once --wait 60"))
        #expect(!FileManager.default.fileExists(atPath: home.folder.appendingPathComponent("xdg/systemd").path))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func statusSaysWhetherASyncRunsForEachMailbox() throws {
        let setup = try CLISyncTests.SyncHome(messages: 2, latency: 0)
        let account = CLISyncTests.SyncHome.account
        let never = try setup.home.run(["service", "status"], as: "ann", environment: setup.environment)
        #expect(never.status == 1 && never.stdout.contains("\(account): no sync is running for it (never synced)"), "\(never)")
        let daemon = try setup.home.start(["sync"], as: "ann", environment: setup.environment)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(30)
        var seen = never
        while Date() < deadline {
            seen = try setup.home.run(["service", "status"], as: "ann", environment: setup.environment)
            // Its first cycle's lease can show before its heartbeat thread's first beat: wait for the beat.
            if seen.status == 0 && seen.stdout.contains("daemon is alive") { break }
            usleep(100_000)
        }
        #expect(seen.status == 0, "\(seen)")
        // The daemon's heartbeat says so, whether or not a cycle runs.
        #expect(seen.stdout.contains("\(account): a sync daemon is alive (process \(daemon.processIdentifier)"), "\(seen)")
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        // Stopped, it takes its heartbeat away at once; what is left is its last cycle, if it finished one.
        let after = try setup.home.run(["service", "status"], as: "ann", environment: setup.environment)
        #expect(!after.stdout.contains("daemon is alive"), "\(after)")
        #expect(after.stdout.contains("\(account): last synced") || after.stdout.contains("\(account): no sync is running"),
                "\(after)")
    }
}

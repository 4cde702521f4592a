import Foundation
import RapportTestSupport
import Testing

/// Probes 9 and 10, as a member in a team home: what they feed Rapport, and the settings of the home
/// and their own, end in one line and exit 1 (2 for a usage error), never a crash, a hang or gigabytes.
extension CLISecurityProbeTests {
    /// Runs `rapport ARGS REDIRECTION` as `user` in the team home through a shell, under `timeout`,
    /// so a command that would wait forever fails the test.
    private static func rapport(_ user: TestOSUser, in team: TeamHomeFixture, _ arguments: [String],
                                _ redirection: String = "") throws -> CLIResult {
        try user.run("/usr/bin/timeout", ["30", "/bin/bash", "-c", "exec \"$0\" \"$@\" \(redirection)", CLIHome.binary.path]
                     + arguments, environment: ["RAPPORT_HOME": team.home.path])
    }

    /// Probe 9.
    @Test func oddInputIsOneLineForAMemberNeverACrashOrAHang() throws {
        let setup = try SignedInTeam()
        let team = setup.team
        let member = setup.member
        let folder = member.home.path
        let compose = ["compose", "--to", "carol@client.example", "--subject", "Hi", "--body-file", "-"]
        for (arguments, redirection, words) in [
            (["parse", "-"], "< \(folder)", ["cannot read standard input: it is a folder, not a file"]),
            (["parse", "-"], "<&-", ["cannot read standard input: it is closed"]),
            (compose, "< \(folder)", ["cannot read the body from standard input: it is a folder"]),
            (compose, "<&-", ["cannot read the body from standard input: it is closed"]),
            (["parse", "/dev/zero"], "", ["cannot read /dev/zero: it is a device, not a file"]),
            (["parse", "-"], "< /dev/zero", ["cannot read standard input: it is larger than 100 MB"]),
        ] as [([String], String, [String])] {
            let started = Date()
            let result = try Self.rapport(member, in: team, arguments, redirection)
            result.expectOneLine(words, "rapport \(arguments.joined(separator: " ")) \(redirection):")
            #expect(Date().timeIntervalSince(started) < 15, "\(arguments) \(redirection) took its time")
        }
        #expect(try setup.look("SELECT count(*) FROM outgoing_emails") == "0", "no draft was made")

        try Self.rapport(member, in: team, ["insights", "--days", "200000000000000"])
            .expectOneLine(["--days 200000000000000 is out of range; use a whole number from 1 to 3650 (days)"], status: 2)
        #expect(try team.shell(setup.lead, "umask 027 && cat > config.ini", stdin: "[insights]\ncold_days = 99999999999999\n")
            .status == 0)
        try Self.rapport(member, in: team, ["insights"])
            .expectOneLine(["[insights] cold_days = 99999999999999 is out of range; use a whole number from 1 to 3650"])

        let made = try member.run("/bin/sh", ["-c", """
            mkdir -p Mail/cur Mail/new Mail/tmp && mkfifo Mail/cur/3.host:2,S && \
            printf 'Subject: one\\r\\nMessage-ID: <m1@client.example>\\r\\n\\r\\nbody\\r\\n' > Mail/cur/1.host:2,S && \
            printf 'Subject: two\\r\\nMessage-ID: <m2@client.example>\\r\\n\\r\\nbody\\r\\n' > Mail/new/2.host
            """], in: member.home)
        #expect(made.status == 0, "\(made)")
        let imported = try Self.rapport(member, in: team, ["import", "maildir", "\(folder)/Mail", "--json"])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.errorLines == ["rapport: skipped \(folder)/Mail/cur/3.host:2,S: it is a named pipe (FIFO), not a file"])
        let summary = try #require(try imported.json() as? [String: Any], "\(imported)")
        #expect(summary["imported"] as? Int == 2 && summary["skipped"] as? Int == 1)
    }

    /// Probe 10. The lead's config.ini for the home, then the member's own, set a sync interval or undo
    /// window out of range: the member's sync (once, or as a daemon) stops before asking Google anything.
    @Test func settingsOutOfRangeStopSyncNamingTheKey() throws {
        let setup = try SignedInTeam()
        let team = setup.team
        let simulator = setup.gmail.simulator
        func expectStopped(_ arguments: [String], _ words: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let before = simulator.requestLog.count
            try Self.rapport(setup.member, in: team, arguments)
                .expectOneLine([words], "\(arguments):", sourceLocation: sourceLocation)
            #expect(simulator.requestLog.count == before, "Google was not asked", sourceLocation: sourceLocation)
        }
        for (setting, words) in [
            ("[sync]\ninterval_seconds = 0", "[sync] interval_seconds = 0 is out of range; use a whole number from 5 to 86400 (seconds)"),
            ("[sync]\ninterval_seconds = -5", "[sync] interval_seconds = -5 is out of range; use a whole number from 5 to 86400"),
            ("[sync]\ninterval_seconds = soon", "[sync] interval_seconds = soon is not a number; use a whole number from 5 to 86400"),
            ("[sending]\nundo_seconds = -5", "[sending] undo_seconds = -5 is out of range; use a whole number from 0 to 300 (seconds)"),
        ] {
            #expect(try team.shell(setup.lead, "umask 027 && cat > config.ini", stdin: setting + "\n").status == 0)
            try expectStopped(["sync", "--once"], words)
        }
        #expect(try team.shell(setup.lead, "printf '[sync]\\ninterval_seconds = 0\\n' > config.ini").status == 0)
        try expectStopped(["sync"], "[sync] interval_seconds = 0 is out of range")

        #expect(try team.shell(setup.lead, "rm config.ini").status == 0)
        try setup.member.writeFile(".config/rapport/config.ini",
                                   setup.ownConfig().replacingOccurrences(of: "undo_seconds = 0", with: "undo_seconds = -5"))
        try expectStopped(["sync", "--once"], "[sending] undo_seconds = -5 is out of range")
    }
}

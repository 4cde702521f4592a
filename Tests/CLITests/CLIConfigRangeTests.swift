import Foundation
import Testing

/// Every number in config.ini and on the command line has a range (`NumberSetting`): a value outside
/// it, or not a number, is one line naming the key or option and the range, never a silent default,
/// a crash or a sync that polls Google in a tight loop.
@Suite struct CLIConfigRangeTests {
    private func write(_ config: String, in home: CLIHome) throws {
        try (config + "\n").write(to: home.folder.appendingPathComponent("config.ini"), atomically: true, encoding: .utf8)
    }

    private static let sync: [(String, String)] = [
        ("[sync]\ninterval_seconds = 0", "[sync] interval_seconds = 0 is out of range; use a whole number from 5 to "
            + "86400 (seconds), or remove the line for the default (60)"),
        ("[sync]\ninterval_seconds = -5", "[sync] interval_seconds = -5 is out of range"),
        ("[sync]\ninterval_seconds = soon", "[sync] interval_seconds = soon is not a number; use a whole number from 5"),
        ("[sync]\nwindow_days = 0", "[sync] window_days = 0 is out of range; use a whole number from 1 to 3650 (days), "
            + "or remove the line for the default (90)"),
        ("[sync]\nwindow_days = ninety", "[sync] window_days = ninety is not a number"),
        ("[sync]\nbackfill_days = 99999", "[sync] backfill_days = 99999 is out of range; use a whole number from 1 to "
            + "3650 (days), or remove the line for the default (730)"),
        ("[sync]\nbackfill_days = 2y", "[sync] backfill_days = 2y is not a number"),
        ("[sync]\nbatch_size = 26", "[sync] batch_size = 26 is out of range; use a whole number from 1 to 25 "
            + "(messages per request), or remove the line for the default (25)"),
        ("[sync]\nbatch_size = 2.5", "[sync] batch_size = 2.5 is not a whole number"),
        ("[sync]\nunits_per_second = 0", "[sync] units_per_second = 0 is out of range; use a number from 1 to 5000 "
            + "(quota units per second), or remove the line for the default (95% of Google's per-user quota)"),
        ("[sync]\nunits_per_second = fast", "[sync] units_per_second = fast is not a number"),
        ("[sync]\ncost_table = 2025", "[sync] cost_table = 2025 is not a cost table; use legacy or 2026"),
        ("[sending]\nundo_seconds = -1", "[sending] undo_seconds = -1 is out of range; use a whole number from 0 to 300 "
            + "(seconds), or remove the line for the default (10)"),
        ("[sending]\nundo_seconds = 301", "[sending] undo_seconds = 301 is out of range"),
        ("[sending]\nundo_seconds = ten", "[sending] undo_seconds = ten is not a number"),
        ("[sending]\nmax_recipients_per_message = 101", "[sending] max_recipients_per_message = 101 is out of range; "
            + "use a whole number from 1 to 100 (recipients), or remove the line for the default (100)"),
        ("[sending]\nmax_recipients_per_message = all", "[sending] max_recipients_per_message = all is not a number"),
        ("[sending]\ndaily_recipients = 0", "[sending] daily_recipients = 0 is out of range; use a whole number from 1 to "
            + "10000 (recipients), or remove the line for the default (2000)"),
        ("[sending]\ndaily_recipients = 2k", "[sending] daily_recipients = 2k is not a number"),
    ]

    @Test(arguments: sync)
    func aSyncSettingOutOfRangeStopsSyncBeforeItStarts(config: String, message: String) throws {
        let home = try CLIHome.withTwoTeams()
        try write(config, in: home)
        let result = try home.run(["sync", "--once"], as: "ann")
        #expect(result.status == 1, "\(result)")
        #expect(result.errorLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("rapport: " + message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// The app does not open (so its sync never starts) with a setting it cannot use.
    @Test(arguments: [sync[0], sync[1], sync[12]])
    func theAppDoesNotStartWithASettingOutOfRange(config: String, message: String) throws {
        let home = try CLIHome.withTwoTeams()
        try write(config, in: home)
        let result = try home.run(["ui"], as: "ann")
        #expect(result.status == 1, "\(result)")
        #expect(result.errorLines == ["rapport: " + message] || result.stderr.hasPrefix("rapport: " + message),
                "\(result.stderr)")
        try write("[insights]\ncold_days = 0", in: home)
        let cold = try home.run(["ui"], as: "ann")
        #expect(cold.status == 1 && cold.stderr.hasPrefix("rapport: [insights] cold_days = 0 is out of range"), "\(cold)")
    }

    @Test(arguments: [
        ("99999999999999", "[insights] cold_days = 99999999999999 is out of range; use a whole number from 1 to 3650 "
            + "(days), or remove the line for the default (30)"),
        ("0", "[insights] cold_days = 0 is out of range"),
        ("a month", "[insights] cold_days = “a month” is not a number"),
    ])
    func aColdDaysOutOfRangeIsOneLine(value: String, message: String) throws {
        let home = try CLIHome.withTwoTeams()
        try write("[insights]\ncold_days = \(value)", in: home)
        let result = try home.run(["insights"], as: "ann")
        #expect(result.status == 1, "\(result)")
        #expect(result.errorLines.count == 1)
        #expect(result.stderr.hasPrefix("rapport: " + message), "\(result.stderr)")
        // --days overrides the setting, which is then not read at all.
        #expect(try home.ok(["insights", "--days", "10"], as: "ann").contains("10 days"))
    }

    /// A mistake in a setting a command does not use does not stop it.
    @Test func aCommandThatDoesNotReadTheSettingIsNotStopped() throws {
        let home = try CLIHome.withTwoTeams()
        try write("[sync]\ninterval_seconds = 0\n[insights]\ncold_days = 0", in: home)
        try home.ok(["contact", "add", "--name", "Carol", "--email", "carol@client.example"], as: "ann")
        #expect(try home.ok(["insights", "1"], as: "ann").contains("Carol"))
    }

    @Test(arguments: [
        (["insights", "--days", "200000000000000"], "--days 200000000000000 is out of range; use a whole number from 1 "
            + "to 3650 (days)"),
        (["insights", "--days", "-1"], "--days -1 is out of range"),
        (["insights", "--days", "a month"], "--days “a month” is not a number"),
        (["search", "x", "--limit", "99999999999999999999999"], "--limit 99999999999999999999999 is out of range; "
            + "use a whole number from 1 to 10000 (results)"),
        (["contact", "list", "--limit", "1.5"], "--limit 1.5 is not a whole number; use a whole number from 1 to 100000"),
        (["timeline", "1", "--limit", "1000001"], "--limit 1000001 is out of range"),
        (["parse", "-", "--max-size", "5000"], "--max-size 5000 is out of range; use a whole number from 1 to 4096 (MB)"),
        (["dev", "simulator", "--port", "65536"], "--port 65536 is out of range; use a whole number from 0 to 65535"),
        (["dev", "simulator", "--quota", "-1"], "--quota -1 is out of range"),
        (["dev", "simulator", "--latency", "soon"], "--latency soon is not a number"),
    ] as [([String], String)])
    func aNumberOptionOutOfRangeIsAUsageError(arguments: [String], message: String) throws {
        let home = try CLIHome.withTwoTeams()
        let result = try home.run(arguments, as: "ann")
        #expect(result.status == 2, "\(result)")
        #expect(result.errorLines.count == 1)
        #expect(result.stderr.hasPrefix("rapport: " + message), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func helpShowsEachNumbersRangeAndDefault() throws {
        let help = try CLIHome().ok(["help", "insights"])
        #expect(help.contains("--days N"))
        #expect(help.contains("(1 to 3650 days; default 30)"), "\(help)")
    }
}

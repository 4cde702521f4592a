import Foundation
import RapportTestSupport
import Testing

/// `rapport doctor`: each problem it looks for is found, with a fix, and exit 1; a sound setup passes.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
struct CLIDoctorTests {
    /// The findings of `doctor --json` as (check, status, fix), and its exit status.
    private func doctor(_ home: CLIHome, environment: [String: String] = [:]) throws -> (ok: Bool, status: Int32,
                                                                                       findings: [[String: Any]]) {
        let result = try home.run(["doctor", "--json"], as: "ann", environment: environment)
        let object = try #require(try result.json() as? [String: Any], "\(result)")
        let findings = try #require(object["findings"] as? [[String: Any]])
        let ok = try #require(object["ok"] as? Bool)
        #expect(ok == (result.status == 0), "exit 1 exactly when something needs fixing")
        return (ok, result.status, findings)
    }

    private func problem(_ findings: [[String: Any]], _ check: String) -> [String: Any]? {
        findings.first { ($0["check"] as? String) == check && ($0["status"] as? String) == "problem" }
    }

    private var account: String { CLISyncTests.SyncHome.account }

    @Test func aSyncedSetupNeedsNothingAndEveryProblemOfAMailboxIsFound() throws {
        let setup = try CLISyncTests.SyncHome(messages: 3, latency: 0)
        let before = try doctor(setup.home, environment: setup.environment)
        #expect(problem(before.findings, "sync \(account)")?["message"] as? String == "no sync is running for it (never synced)")
        #expect((problem(before.findings, "sync \(account)")?["fix"] as? String)?.contains("rapport service install") == true)
        #expect(try setup.sync().status == 0)
        let after = try doctor(setup.home, environment: setup.environment)
        #expect(after.ok && after.status == 0, "\(after.findings)")
        #expect(after.findings.contains { ($0["check"] as? String) == "sign-in \(account)" && ($0["status"] as? String) == "ok" })
        let text = try setup.home.run(["doctor"], as: "ann", environment: setup.environment)
        #expect(text.status == 0 && text.stdout.contains("Nothing needs fixing."))

        // A sign-in Google (here the simulator) no longer takes.
        let file = setup.home.credentials.appendingPathComponent("\(account).json")
        let stored = try String(contentsOf: file, encoding: .utf8)
        let broken = stored.replacingOccurrences(of: #""refresh_token"\s*:\s*"[^"]*""#, with: #""refresh_token":"revoked""#,
                                                 options: .regularExpression)
        #expect(broken != stored)
        try broken.write(to: file, atomically: false, encoding: .utf8)
        let refused = try doctor(setup.home, environment: setup.environment)
        #expect(refused.status == 1)
        #expect((problem(refused.findings, "sign-in \(account)")?["message"] as? String)?.contains("token refresh failed") == true)

        // A credentials file others can read.
        chmod(file.path, 0o644)
        let loose = try doctor(setup.home, environment: setup.environment)
        #expect((problem(loose.findings, "credentials \(account)")?["fix"] as? String)?.contains("chmod 600") == true)

        // No sign-in at all on this machine.
        try FileManager.default.removeItem(at: file)
        let missing = try doctor(setup.home, environment: setup.environment)
        #expect((problem(missing.findings, "sign-in \(account)")?["fix"] as? String) == "rapport account add \(account)")
    }

    @Test func aPrivateHomeOpenToOthersIsFound() throws {
        let home = try CLIHome.withTwoTeams()
        #expect(problem(try doctor(home).findings, "home") == nil, "init makes a private home right")
        chmod(home.database.path, 0o644)
        let result = try doctor(home)
        #expect(result.status == 1)
        #expect((problem(result.findings, "home")?["fix"] as? String) == "chmod go-rwx \(home.database.path) "
                + "(or make a team home with rapport init --group GROUP)")
        let text = try home.run(["doctor"], as: "ann")
        #expect(text.status == 1 && text.stdout.contains("PROBLEM home: \(home.database.path) is open to other users"))
    }

    @Test func aSharedHomeWithTwoTeamsAndLooseModesIsFound() throws {
        let home = try CLIHome.withTwoTeams()
        chmod(home.folder.path, 0o2770)
        let result = try doctor(home)
        #expect(result.status == 1)
        #expect((problem(result.findings, "team")?["message"] as? String)?.contains("holds 2 teams") == true)
        #expect((problem(result.findings, "home")?["fix"] as? String)?.contains("rapport init --group") == true,
                "the database is 0600, not the team home's 0660: \(result.findings)")
    }

    @Test func aDamagedDatabaseIsFound() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Carol", "--email", "carol@client.example"], as: "ann")
        _ = try home.sqlite("PRAGMA wal_checkpoint(TRUNCATE)")
        let page = try #require(Int(try home.sqlite(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts' LIMIT 1")
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let handle = try FileHandle(forWritingTo: home.database)
        try handle.seek(toOffset: UInt64((page - 1) * 4096))
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        let result = try doctor(home)
        #expect(result.status == 1)
        #expect((problem(result.findings, "database")?["fix"] as? String) == "restore the latest backup with rapport restore FILE")
    }

    @Test func aSettingOutOfRangeIsFound() throws {
        let home = try CLIHome.withTwoTeams()
        try "[sync]\ninterval_seconds = 0\n".write(to: home.folder.appendingPathComponent("config.ini"), atomically: true,
                                                   encoding: .utf8)
        let result = try home.run(["doctor", "--json"], as: "ann")
        #expect(result.status == 1)
        let object = try #require(try result.json() as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect((problem(findings, "config")?["message"] as? String)?.contains("interval_seconds = 0 is out of range") == true)
    }

    /// A home on a disk with less than a gigabyte free (a 4 MB tmpfs, so root only): found, with a fix.
    @Test(.enabled(if: getuid() == 0, "mounting a small disk needs root"))
    func aNearlyFullDiskIsFound() throws {
        let home = try CLIHome.withTwoTeams()
        let small = home.folder.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: false)
        let mount = try ProcessOutput.run(URL(fileURLWithPath: "/bin/mount"),
                                          ["-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", small.path],
                                          environment: ProcessInfo.processInfo.environment)
        try #require(mount.status == 0, "this machine lets root mount a tmpfs: \(mount)")
        defer { _ = try? ProcessOutput.run(URL(fileURLWithPath: "/bin/umount"), [small.path],
                                           environment: ProcessInfo.processInfo.environment) }
        try FileManager.default.copyItem(at: home.database, to: small.appendingPathComponent("rapport.db"))
        let result = try doctor(home, environment: ["RAPPORT_HOME": small.path])
        #expect(result.status == 1)
        let disk = try #require(problem(result.findings, "disk"), "\(result.findings)")
        #expect((disk["message"] as? String)?.contains("MB free on the disk of \(small.path)") == true, "\(disk)")
        #expect((disk["fix"] as? String)?.contains("free some space") == true)
    }
}

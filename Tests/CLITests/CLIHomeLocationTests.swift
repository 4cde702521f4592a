import Foundation
import RapportTestSupport
import Testing

/// Which home a command uses (`--home`, `RAPPORT_HOME`, `home` in the user's own config, the
/// standard folder), and when a home's `config.ini` counts.
@Suite struct CLIHomeLocationTests {
    /// A home with two teams, a second empty home, and the caller's own config folder.
    private struct Setup {
        let home: CLIHome
        let other: CLIHome
        let own = try! TemporaryFolder("rapport-own")

        init() throws {
            home = try CLIHome.withTwoTeams()
            other = try CLIHome()
            try other.ok(["init"])
        }

        var ownConfig: URL { own.url.appendingPathComponent("config/rapport/config.ini") }

        func writeOwnConfig(_ text: String) throws {
            try FileManager.default.createDirectory(at: ownConfig.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: ownConfig, atomically: true, encoding: .utf8)
            chmod(ownConfig.path, 0o600)
        }

        /// `rapport user list` as ann, with no RAPPORT_HOME unless given.
        func users(_ extra: [String] = [], environment: [String: String] = [:]) throws -> CLIResult {
            try home.run(["user", "list"] + extra, as: "ann", environment: [
                "RAPPORT_HOME": "", "HOME": own.url.path, "XDG_CONFIG_HOME": own.url.appendingPathComponent("config").path,
                "XDG_DATA_HOME": own.url.appendingPathComponent("data").path,
            ].merging(environment) { $1 })
        }
    }

    @Test func theUsersOwnConfigNamesTheirDefaultHome() throws {
        let setup = try Setup()
        let standard = try setup.users()
        #expect(standard.status == 1)
        #expect(standard.stderr.contains("there is no Rapport database in \(setup.own.url.path)/data/rapport yet"), "\(standard)")

        try setup.writeOwnConfig("[rapport]\nhome = \(setup.home.folder.path)\n")
        let named = try setup.users()
        #expect(named.status == 0 && named.stderr.isEmpty, "\(named)")
        #expect(named.stdout.contains("Ann Lee"))

        // RAPPORT_HOME, then --home, come first.
        let variable = try setup.users(environment: ["RAPPORT_HOME": setup.other.folder.path])
        #expect(variable.status == 1 && variable.stderr.contains("there is no Rapport user ann"), "\(variable)")
        let flag = try setup.users(["--home", setup.other.folder.path])
        #expect(flag.status == 1 && flag.stderr.contains("there is no Rapport user ann"), "\(flag)")
    }

    @Test func aHomeInTheOwnConfigIsAFullPathOrFromTheHomeFolder() throws {
        let setup = try Setup()
        let linked = setup.own.url.appendingPathComponent("team")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: setup.home.folder)
        try setup.writeOwnConfig("[rapport]\nhome = ~/team\n")
        let tilde = try setup.users()
        #expect(tilde.status == 0 && tilde.stdout.contains("Ann Lee"), "\(tilde)")

        try setup.writeOwnConfig("[rapport]\nhome = team\n")
        let relative = try setup.users()
        #expect(relative.status == 1)
        #expect(relative.stderr == "rapport: home = team under [rapport] in \(setup.ownConfig.path) is not a full path; "
                + "write it from / (or ~/), e.g. home = /srv/sales\n")
        #expect(try setup.users(["--home", setup.home.folder.path]).status == 0, "--home does not read it")
    }

    @Test func aHomesConfigCountsOnlyWhenItsOwnerAloneCanChangeIt() throws {
        let home = try CLIHome.withTwoTeams()
        let config = home.folder.appendingPathComponent("config.ini")
        try "[insights]\ncold_days = 7\n".write(to: config, atomically: true, encoding: .utf8)
        chmod(config.path, 0o644)
        func coldDays() throws -> (Int?, String) {
            let result = try home.run(["insights", "--json"], as: "ann")
            #expect(result.status == 0, "\(result)")
            return ((try result.json() as? [String: Any])?["cold_days"] as? Int, result.stderr)
        }
        #expect(try coldDays() == (7, ""))

        chmod(config.path, 0o664)
        let (loose, looseWarning) = try coldDays()
        #expect(loose == 30)
        #expect(looseWarning == "rapport: ignoring \(config.path): other users can change it; its owner can run "
                + "chmod go-w \(config.path)\n")

        chmod(config.path, 0o644)
        chown(config.path, 65534, 65534)
        let (foreign, foreignWarning) = try coldDays()
        #expect(foreign == 30)
        #expect(foreignWarning == "rapport: ignoring \(config.path): it belongs to nobody, and only root, who owns the "
                + "home, may set its settings; root can remove it (rm \(config.path)) and write it again\n")
    }
}

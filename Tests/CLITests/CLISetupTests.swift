import Foundation
import Testing

@Suite struct CLISetupTests {
    @Test func initCreatesAPrivateDatabaseAndIsRepeatable() throws {
        let home = try CLIHome()
        let first = try home.ok(["init"])
        #expect(first.contains("Created a Rapport database"))
        let attributes = try FileManager.default.attributesOfItem(atPath: home.database.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try home.ok(["init"]).contains("up to date"))
    }

    @Test func aSharedSetgidHomeMakesGroupWritableFiles() throws {
        let home = try CLIHome()
        chmod(home.folder.path, 0o2770)
        try home.ok(["init"])
        try home.ok(["team", "add", "Alpha"])
        let attributes = try FileManager.default.attributesOfItem(atPath: home.database.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o660)
    }

    @Test func commandsBeforeInitSayWhatToDo() throws {
        let home = try CLIHome()
        let result = try home.run(["contact", "list"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("rapport: there is no Rapport database in"))
        #expect(result.stderr.contains("rapport init"))
        #expect(result.stdout.isEmpty)
    }

    @Test func anUnknownLoginIsToldHowToGetAccess() throws {
        let home = try CLIHome.withTwoTeams()
        let result = try home.run(["contact", "list"], as: "zed")
        #expect(result.status == 1)
        #expect(result.stderr.contains("there is no Rapport user zed"))
    }

    @Test func teamsAndUsersAreValidated() throws {
        let home = try CLIHome.withTwoTeams()
        #expect(try home.run(["team", "add", "alpha"]).stderr.contains("already exists"))
        #expect(try home.run(["user", "add", "cy", "--name", "Cy", "--team", "Nowhere"]).stderr
            .contains("there is no team “Nowhere”"))
        #expect(try home.run(["user", "add", "Bad Login!", "--name", "X", "--team", "Alpha"]).status == 1)
        let users = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["user", "list", "--json"], as: "ann").utf8)) as? [[String: Any]])
        #expect(users.compactMap { $0["login"] as? String } == ["ada", "ann"])
    }

    @Test(.enabled(if: CLIHome.canDropPrivileges))
    func onlyAdministratorsMayActAsSomeoneElse() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["user", "add", "nobody", "--name", "No Body", "--team", "Beta"])
        chmod(home.folder.path, 0o777)
        chmod(home.database.path, 0o666)
        let asSelf = try home.run(["contact", "list"], prefix: CLIHome.asNobody)
        #expect(asSelf.status == 0, "\(asSelf)")
        let impersonating = try home.run(["contact", "list"], as: "ann", prefix: CLIHome.asNobody)
        #expect(impersonating.status == 1)
        #expect(impersonating.stderr.contains("only an administrator can act as another user"))
        let addTeam = try home.run(["team", "add", "Gamma"], prefix: CLIHome.asNobody)
        #expect(addTeam.status == 1)
        #expect(addTeam.stderr.contains("only an administrator can add teams"))
    }

    @Test func helpAndVersion() throws {
        let home = try CLIHome()
        let help = try home.ok(["help"])
        for command in ["init", "contact import", "compose", "outbox show", "timeline", "search", "insights"] {
            #expect(help.contains("  \(command)"), "help lists \(command)")
        }
        #expect(try home.ok(["help", "compose"]).contains("--send-at ISO8601"))
        #expect(try home.ok(["compose", "--help"]).hasPrefix("usage: rapport compose"))
        #expect(try home.ok(["--version"]).hasPrefix("rapport "))
    }

    @Test func theDemoSeedsAHomeAndShowsATour() throws {
        let home = try CLIHome()
        let output = try home.ok(["demo", "--home", home.folder.path, "--no-tui"])
        #expect(output.contains("Made a demo home in \(home.folder.path)"))
        #expect(output.contains("$ rapport outbox"))
        #expect(output.contains("failed"))
        let contacts = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["contact", "list", "--json"]).utf8)) as? [Any])
        #expect(contacts.count >= 45)
        #expect(try home.ok(["demo", "--home", home.folder.path, "--no-tui"]).contains("Using the demo home"))
    }
}

@Suite struct CLIEventLogTests {
    @Test func everyCommandLeavesOneLineWithoutItsArguments() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Secret Person", "--email", "secret@client.example"], as: "ann")
        _ = try home.run(["contact", "add", "--name", "X"], as: "ann")
        let log = try String(contentsOf: home.folder.appendingPathComponent("logs/rapport.log"), encoding: .utf8)
        let lines = log.split(separator: "\n")
        #expect(lines.count == 8)
        #expect(lines.contains { $0.contains("command=\"contact add\" exit=0") })
        #expect(lines.last?.contains("command=\"contact add\" exit=2 failure=\"usage\"") == true)
        #expect(!log.contains("Secret") && !log.contains("secret@"))
    }
}

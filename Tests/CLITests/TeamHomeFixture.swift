import CRMStore
import Foundation
import RapportTestSupport
import Testing

/// A team home made by its lead with `rapport init --group`, used by real OS users through the real
/// binary: the lead and a member in the team's group, and an outsider in another team.
final class TeamHomeFixture {
    let group: TestOSGroup
    let lead: TestOSUser
    let member: TestOSUser
    let outsider: TestOSUser
    private let parent: TemporaryFolder

    /// Makes the users and a folder of the lead's to put the home in; `init` runs it as the lead.
    init(initialize: Bool = true) throws {
        group = try TestOSGroup()
        lead = try TestOSUser(groups: [group])
        member = try TestOSUser(groups: [group])
        outsider = try TestOSUser()
        parent = try TemporaryFolder("rapport-teams")
        chown(parent.url.path, lead.uid, lead.gid)
        chmod(parent.url.path, 0o755)
        if initialize {
            let made = try rapport(lead, ["init", "--group", group.name, "--home", home.path], inHome: false)
            #expect(made.status == 0, "\(made)")
        }
    }

    var home: URL { parent.url.appendingPathComponent("sales") }

    func path(_ name: String) -> String { home.appendingPathComponent(name).path }

    /// Runs `rapport ARGS` as `user`, in the team home unless `inHome` is false.
    func rapport(_ user: TestOSUser, _ arguments: [String], inHome: Bool = true,
                 environment: [String: String] = [:]) throws -> CLIResult {
        var environment = environment
        if inHome { environment["RAPPORT_HOME"] = home.path }
        return try user.run(CLIHome.binary.path, arguments, environment: environment)
    }

    /// The lead adds the team, themselves as its administrator, and the member.
    func addPeople() throws {
        for arguments in [["team", "add", "Sales"],
                          ["user", "add", lead.login, "--name", "Lee Lead", "--team", "Sales", "--admin"],
                          ["user", "add", member.login, "--name", "Mo Member", "--team", "Sales"]] {
            let result = try rapport(lead, arguments)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(arguments) → \(result)")
        }
    }

    /// Runs SQL on the database outside Rapport, as any member could with the sqlite3 tool.
    func writeDatabase(_ sql: String) throws {
        try Connection(path: path("rapport.db"), create: false).executeScript(sql)
    }

    /// Runs `sqlite3 rapport.db SQL` as `user`, as any member may: the database is theirs to write.
    func sqlite(_ user: TestOSUser, _ sql: String) throws -> ProcessOutput {
        try user.run("/usr/bin/sqlite3", [path("rapport.db"), sql])
    }

    /// Runs `sh -c COMMAND` as `user` in the home, with `stdin`.
    func shell(_ user: TestOSUser, _ command: String, stdin: String? = nil) throws -> ProcessOutput {
        try user.run("/bin/sh", ["-c", command], stdin: stdin, in: home)
    }

    /// What stands at a name of the home, not followed.
    func status(_ name: String) -> stat? {
        var info = stat()
        return lstat(path(name), &info) == 0 ? info : nil
    }
}

extension TestOSUser {
    /// Runs `executable` as this user in `folder`.
    func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
             in folder: URL) throws -> ProcessOutput {
        try run("/usr/bin/env", ["-C", folder.path, executable] + arguments, environment: environment, stdin: stdin)
    }
}

extension CLIHome {
    /// Runs `rapport ARGS` as root in `home`.
    static func runAsRoot(_ arguments: [String], home: URL) throws -> CLIResult {
        var environment = ProcessInfo.processInfo.environment
        environment["RAPPORT_HOME"] = home.path
        environment["RAPPORT_USER"] = nil
        return try ProcessOutput.run(binary, arguments, environment: environment)
    }
}

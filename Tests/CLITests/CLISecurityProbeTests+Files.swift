import Foundation
import RapportTestSupport
import Testing

/// Probes 6 and 7: the files of a team home that a member may try to change or plant.
extension CLISecurityProbeTests {
    /// Probe 6 (editing; replacing is `CLITeamHomeTests.membersCannotRemoveOrReplaceEachOthersFiles`).
    /// The OS refuses a member's edit of the lead's config.ini; once the lead lets the group write it
    /// and the member edits it, Rapport ignores the whole file, for everyone, saying why.
    @Test func aMemberCannotChangeTheHomesSettings() throws {
        let team = try TeamHomeFixture()
        try team.addPeople()
        let written = try team.shell(team.lead, "umask 027 && cat > config.ini", stdin: "[insights]\ncold_days = 7\n")
        #expect(written.status == 0, "\(written)")
        func coldDays(_ user: TestOSUser, sourceLocation: SourceLocation = #_sourceLocation) throws -> (Int?, [String]) {
            let insights = try team.rapport(user, ["insights", "--json"])
            #expect(insights.status == 0, "\(insights)", sourceLocation: sourceLocation)
            return ((try? insights.json() as? [String: Any])?["cold_days"] as? Int, insights.errorLines)
        }

        let edit = "printf '[insights]\\ncold_days = 99\\n' >> config.ini"
        let refused = try team.shell(team.member, edit)
        #expect(refused.status != 0 && refused.stderr.contains("Permission denied"), "\(refused)")
        #expect(try coldDays(team.member) == (7, []))

        #expect(try team.shell(team.lead, "chmod 0660 config.ini").status == 0)
        let edited = try team.shell(team.member, edit)
        #expect(edited.status == 0, "now the OS lets them: \(edited)")
        let warning = "rapport: ignoring \(team.path("config.ini")): other users can change it; its owner can run "
            + "chmod go-w \(team.path("config.ini"))"
        for user in [team.member, team.lead] {
            #expect(try coldDays(user) == (30, [warning]), "the default, not the member's 99, for \(user.login)")
        }
    }

    /// Probe 7. The lead's log is gone (rotated away), so the sticky folder lets a member put a name
    /// there: a symbolic link to a file of the lead's, then of root's. Neither the lead's run nor root's
    /// writes through it. A second name (hard link) of such a file the OS refuses the member; made by
    /// root in their stead (as a system without `fs.protected_hardlinks` would let them), Rapport
    /// does not write to it either.
    @Test func aLogPlantedByAMemberIsNotWrittenThrough() throws {
        let team = try TeamHomeFixture()
        try team.addPeople()
        try team.lead.writeFile("notes.txt", "the lead's own notes\n")
        let notes = team.lead.home.appendingPathComponent("notes.txt")
        let rootsFolder = try TemporaryFolder("rapport-root")
        chmod(rootsFolder.url.path, 0o755)
        let rootsFile = rootsFolder.url.appendingPathComponent("root.txt")
        try "root's own file\n".write(to: rootsFile, atomically: true, encoding: .utf8)
        chmod(rootsFile.path, 0o600)
        let log = team.path("logs/rapport.log")
        #expect(try team.shell(team.lead, "rm logs/rapport.log").status == 0)
        let notLogged = "this command was not logged: cannot write to \(log): it is a symbolic link, which Rapport does "
            + "not follow here; remove it and Rapport makes a new log"

        let linked = try team.shell(team.member, "ln -s \(notes.path) logs/rapport.log")
        #expect(linked.status == 0, "\(linked)")
        let byLead = try team.rapport(team.lead, ["contact", "list"])
        #expect(byLead.status == 0 && byLead.errorLines == ["rapport: " + notLogged], "\(byLead)")
        #expect(try String(contentsOf: notes, encoding: .utf8) == "the lead's own notes\n")

        let relinked = try team.shell(team.member, "ln -sfn \(rootsFile.path) logs/rapport.log")
        #expect(relinked.status == 0, "their own link they may change: \(relinked)")
        let byRoot = try CLIHome.runAsRoot(["contact", "list", "--as", team.lead.login], home: team.home)
        #expect(byRoot.status == 0 && byRoot.errorLines == ["rapport: " + notLogged], "\(byRoot)")
        #expect(try String(contentsOf: rootsFile, encoding: .utf8) == "root's own file\n")

        #expect(try team.shell(team.member, "rm logs/rapport.log").status == 0)
        let hardLinked = try team.shell(team.member, "ln \(rootsFile.path) logs/rapport.log")
        if (try? String(contentsOfFile: "/proc/sys/fs/protected_hardlinks", encoding: .utf8)) == "1\n" {
            #expect(hardLinked.status != 0 && hardLinked.stderr.contains("Operation not permitted"), "\(hardLinked)")
        }
        if team.status("logs/rapport.log") == nil { #expect(link(rootsFile.path, log) == 0) }
        let second = try CLIHome.runAsRoot(["contact", "list", "--as", team.lead.login], home: team.home)
        #expect(second.status == 0 && second.errorLines == ["rapport: this command was not logged: cannot write to "
            + "\(log): it has other names (hard links), which Rapport does not write through; remove it and "
            + "Rapport makes a new log"], "\(second)")
        #expect(try String(contentsOf: rootsFile, encoding: .utf8) == "root's own file\n")
    }
}

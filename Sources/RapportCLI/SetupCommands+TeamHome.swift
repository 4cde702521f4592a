import CRMCore
import CRMStore
import Foundation
import Hardening

/// `rapport init --group GROUP`: makes a team home, or checks one and repairs what the caller may.
extension SetupCommands {
    static func initializeTeamHome(_ run: Invocation, groupName: String) throws {
        guard let group = OSGroup.named(groupName) else {
            throw CRMError("there is no OS group “\(groupName)”; make it first (as root: groupadd \(groupName)) and put "
                           + "each member in it: usermod -aG \(groupName) LOGIN")
        }
        let login = run.account.login
        guard run.account.uid == 0 || group.includesThisProcess else {
            throw CRMError("you (\(login)) are not in the group \(group.name), so you could not use its home; as root: "
                           + "usermod -aG \(group.name) \(login), then log in again")
        }
        let path = run.location.home.standardizedFileURL.path
        var setup = TeamHomeSetup(path: path, group: group, caller: run.account.uid)
        let made = try setup.makeFolderIfMissing()
        if !made { try refuseSeveralTeams(run, setup: setup) }
        setup.checkAndRepair()
        guard setup.problems.isEmpty else { return try fail(run, setup) }
        try setup.makeLogFolderIfMissing()
        run.location.applyFileModePolicy()
        let (store, created) = try run.createStore()
        setup.checkAndRepair()
        let teams = try store.teams()
        if teams.count > 1 {
            setup.problems.append("\(path) holds \(teams.count) teams (\(names(of: teams, run))), "
                                  + "and every member of \(group.name) can read all of them with sqlite3; give each team "
                                  + "its own home (rapport init --group GROUP --home DIR) and keep one team here")
        }
        guard setup.problems.isEmpty else { return try fail(run, setup) }

        let owner = OSAccount.login(of: setup.homeOwner)
        if made {
            run.print("Made the team home \(path) for the group \(group.name): the folder and logs/ belong to \(owner), "
                      + "group \(group.name), mode \(TeamHome.octal(TeamHome.folderMode)) (only members of \(group.name) "
                      + "get in, and only a file's owner can remove or replace it); rapport.db is "
                      + "\(TeamHome.octal(TeamHome.fileMode)).")
        } else {
            run.print("Checked the team home \(path) (group \(group.name), folder of \(owner)): "
                      + (setup.repaired.isEmpty ? "everything is as it should be." : "repaired what was not."))
            setup.repaired.forEach { run.print("  " + $0) }
            if !created { run.print(databaseStatus(store, path: run.location.database.path)) }
        }
        unreachableFolderWarning(path, group: group).map(run.warn)
        printNextSteps(run, store: store, teams: teams, group: group, path: path)
    }

    /// Before a home becomes a team home: one that holds several teams would show them all to the group.
    private static func refuseSeveralTeams(_ run: Invocation, setup: TeamHomeSetup) throws {
        guard !setup.isTeamHome, FileManager.default.fileExists(atPath: run.location.database.path) else { return }
        let teams = try Store(path: run.location.database.path, create: false).teams()
        guard teams.count > 1 else { return }
        throw CRMError("\(setup.path) holds \(teams.count) teams (\(names(of: teams, run))); "
                       + "every member of \(setup.group.name) could read all of them, so it was left as it is. Make a "
                       + "home for the team instead: rapport init --group \(setup.group.name) --home DIR")
    }

    /// "Alpha, Beta"
    private static func names(of teams: [Team], _ run: Invocation) -> String {
        teams.map { run.safe($0.name) }.joined(separator: ", ")
    }

    /// Says what is wrong and who can put it right, one line each, and exits 1.
    private static func fail(_ run: Invocation, _ setup: TeamHomeSetup) throws {
        setup.repaired.forEach { run.print("Repaired: " + $0) }
        setup.problems.forEach { run.warn($0) }
        throw CommandFailed()
    }

    private static func printNextSteps(_ run: Invocation, store: Store, teams: [Team], group: OSGroup, path: String) {
        let rapport = "rapport --home \(path)"
        let team = teams.first.map { run.safe($0.name) } ?? "Sales"
        var steps: [String] = []
        if teams.isEmpty { steps.append("\(rapport) team add \"\(team)\"") }
        if (try? store.hasAdministrator()) != true {
            let lead = run.account.uid == 0 ? "LOGIN --name \"Full Name\"" : "\(run.account.login) --name \"Your Name\""
            steps.append("\(rapport) user add \(lead) --team \"\(team)\" --admin" + (run.account.uid == 0 ? "   (the team's lead)" : ""))
        }
        steps.append("\(rapport) user add LOGIN --name \"Full Name\" --team \"\(team)\"   (each member)")
        run.print("Next:\n" + steps.map { "  " + $0 }.joined(separator: "\n"))
        run.print("Every member must be in the group \(group.name) (as root: usermod -aG \(group.name) LOGIN; it counts "
                  + "from their next login). Each can make this their default home with home = \(path) under [rapport] "
                  + "in their own ~/.config/rapport/config.ini.")
    }

    /// A warning when a folder above the home keeps members of `group` out (one only its owner may enter).
    private static func unreachableFolderWarning(_ path: String, group: OSGroup) -> String? {
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty {
            var info = stat()
            if stat(folder, &info) == 0, info.st_mode & 0o001 == 0, !(info.st_gid == group.gid && info.st_mode & 0o010 != 0) {
                return "members of \(group.name) may not get into \(path): \(folder) is mode \(TeamHome.octal(info.st_mode)) "
                    + "with group \(OSGroup.name(of: info.st_gid)); put the home where they can reach it (under /srv, say)"
            }
            if folder == "/" { break }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return nil
    }
}

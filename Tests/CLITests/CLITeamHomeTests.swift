import Foundation
import RapportTestSupport
import Testing

@Suite(.enabled(if: TestOSUser.canCreate, "needs root, useradd and setpriv to run Rapport as several OS users"))
struct CLITeamHomeTests {
    @Test func initGroupMakesAFolderOnlyTheTeamCanEnter() throws {
        let team = try TeamHomeFixture(initialize: false)
        let made = try team.rapport(team.lead, ["init", "--group", team.group.name, "--home", team.home.path], inHome: false)
        #expect(made.status == 0 && made.stderr.isEmpty, "\(made)")
        #expect(made.stdout.contains("Made the team home \(team.home.path) for the group \(team.group.name)"))
        #expect(made.stdout.contains("rapport --home \(team.home.path) team add"))
        #expect(made.stdout.contains("user add \(team.lead.login) --name \"Your Name\" --team \"Sales\" --admin"))
        #expect(made.stdout.contains("usermod -aG \(team.group.name) LOGIN"))
        for (name, mode) in [("", 0o3770), ("logs", 0o3770), ("rapport.db", 0o660), ("rapport.db-wal", 0o660),
                             ("rapport.db-shm", 0o660), ("logs/rapport.log", 0o660)] as [(String, mode_t)] {
            let info = try #require(team.status(name), "\(name) was made")
            #expect(info.st_uid == team.lead.uid, "\(name) belongs to the lead")
            #expect(info.st_gid == team.group.gid, "\(name) has the team's group")
            #expect(info.st_mode & 0o7777 == mode, "\(name) is \(String(info.st_mode & 0o7777, radix: 8))")
        }

        let again = try team.rapport(team.lead, ["init", "--group", team.group.name], inHome: true)
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again)")
        #expect(again.stdout.contains("Checked the team home \(team.home.path)"))
        #expect(again.stdout.contains("everything is as it should be"))
    }

    @Test func initGroupNeedsAGroupTheCallerIsIn() throws {
        let team = try TeamHomeFixture(initialize: false)
        let missing = try team.rapport(team.lead, ["init", "--group", "no-such-group-here", "--home", team.home.path], inHome: false)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("there is no OS group “no-such-group-here”; make it first (as root: groupadd"))
        let notIn = try team.rapport(team.outsider, ["init", "--group", team.group.name, "--home", team.home.path],
                                     inHome: false)
        #expect(notIn.status == 1)
        #expect(notIn.stderr.contains("you (\(team.outsider.login)) are not in the group \(team.group.name)"))
        #expect(notIn.stderr.contains("usermod -aG \(team.group.name) \(team.outsider.login)"))
        #expect(team.status("") == nil, "nothing was made")
    }

    @Test func aHomeTheGroupCannotReachIsMadeWithAWarning() throws {
        let team = try TeamHomeFixture(initialize: false)
        let hidden = team.lead.home.appendingPathComponent("sales").path
        let made = try team.rapport(team.lead, ["init", "--group", team.group.name, "--home", hidden], inHome: false)
        #expect(made.status == 0, "\(made)")
        #expect(made.stderr == "rapport: members of \(team.group.name) may not get into \(hidden): \(team.lead.home.path) is "
                + "mode 0700 with group \(team.lead.login); put the home where they can reach it (under /srv, say)\n")
    }

    @Test func anotherTeamCannotReadTheHome() throws {
        let team = try TeamHomeFixture()
        try team.addPeople()
        let added = try team.rapport(team.member, ["contact", "add", "--name", "Quokka Buyer", "--email", "q@client.example"])
        #expect(added.status == 0, "\(added)")

        let listed = try team.rapport(team.outsider, ["contact", "list"])
        #expect(listed.status == 1)
        #expect(listed.stdout.isEmpty)
        #expect(listed.stderr == "rapport: you (\(team.outsider.login)) may not enter \(team.home.path): it is the team home "
                + "of the group \(team.group.name), open to its members only (as root: usermod -aG \(team.group.name) "
                + "\(team.outsider.login), then log in again)\n")
        let reinit = try team.rapport(team.outsider, ["init"])
        #expect(reinit.status == 1 && reinit.stderr.contains("may not enter"), "\(reinit)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            let direct = try team.outsider.run("/usr/bin/sqlite3", [team.path("rapport.db"), "SELECT name FROM contacts"])
            #expect(direct.status != 0)
            #expect(!direct.stdout.contains("Quokka"))
            #expect(direct.stderr.contains("unable to open database"), "\(direct)")
        }
        let read = try team.outsider.run("/bin/cat", [team.path("rapport.db")])
        #expect(read.status != 0 && read.stderr.contains("Permission denied"), "\(read)")
        // The member, in the group, reads it with the same tools.
        let member = try team.rapport(team.member, ["contact", "list"])
        #expect(member.stdout.contains("Quokka Buyer"), "\(member)")
    }

    @Test func membersCannotRemoveOrReplaceEachOthersFiles() throws {
        let team = try TeamHomeFixture()
        try team.addPeople()
        let settings = try team.lead.run("/bin/sh", ["-c", "printf '[insights]\\ncold_days = 7\\n' > config.ini && chmod 0640 config.ini"],
                                         in: team.home)
        #expect(settings.status == 0, "\(settings)")
        let mine = try team.member.run("/bin/sh", ["-c", "echo mine > mine.db && echo x > scratch"], in: team.home)
        #expect(mine.status == 0, "\(mine)")

        let before = ["rapport.db", "rapport.db-wal", "rapport.db-shm", "config.ini", "logs", "logs/rapport.log"].map {
            ($0, team.status($0)?.st_ino)
        }
        for command in ["rm -f rapport.db", "rm -f rapport.db-wal", "rm -f rapport.db-shm", "rm -f config.ini",
                        "rm -f logs/rapport.log", "mv mine.db rapport.db", "mv config.ini mine.ini", "mv logs old-logs",
                        "ln -sf /etc/passwd config.ini"] {
            let attempt = try team.member.run("/bin/sh", ["-c", command], in: team.home)
            #expect(attempt.status != 0, "\(command) as a member → \(attempt)")
            #expect(attempt.stderr.contains("Operation not permitted"), "\(command) → \(attempt.stderr)")
        }
        for (name, inode) in before {
            #expect(inode != nil && team.status(name)?.st_ino == inode, "\(name) is the file it was")
        }
        // Their own files they may remove: the refusals above are the sticky bit, not a read-only folder.
        #expect(try team.member.run("/bin/sh", ["-c", "rm scratch"], in: team.home).status == 0)
        #expect(team.status("scratch") == nil)
        let insights = try team.rapport(team.member, ["insights", "--json"])
        let cold = try #require(try insights.json() as? [String: Any], "\(insights)")
        #expect(cold["cold_days"] as? Int == 7, "the lead's config.ini counts: \(insights)")
    }

    /// The write-ahead log and shared memory are made by whoever opens the database first, and only
    /// they may remove them from the sticky folder: they are kept, and every member writes through them.
    @Test func twoMembersWriteTheSameDatabaseWhoeverOpensAndClosesIt() throws {
        let team = try TeamHomeFixture()
        try team.addPeople()
        // Nobody has the database open: the member is the next to open it, and makes the log files.
        for name in ["rapport.db-wal", "rapport.db-shm"] { unlink(team.path(name)) }
        func csv(_ prefix: String, _ count: Int) -> String {
            "Name,E-mail 1 - Value\r\n" + (0..<count).map { "\(prefix) \($0),\(prefix)\($0)@import.example\r\n" }.joined()
        }
        try team.member.writeFile("first.csv", csv("m", 12_000))
        try team.lead.writeFile("second.csv", csv("l", 24_000))
        let first = try team.member.start(CLIHome.binary.path, ["contact", "import", team.member.home.appendingPathComponent("first.csv").path],
                                          environment: ["RAPPORT_HOME": team.home.path])
        while first.isRunning && team.status("rapport.db-wal") == nil { usleep(2_000) }
        // The lead opens it while the member is at work, and (with twice as much to do) closes it last.
        let second = try team.lead.start(CLIHome.binary.path, ["contact", "import", team.lead.home.appendingPathComponent("second.csv").path],
                                         environment: ["RAPPORT_HOME": team.home.path])
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.terminationStatus == 0)
        let wal = try #require(team.status("rapport.db-wal"), "the log is kept")
        #expect(wal.st_uid == team.member.uid, "the member made it")
        #expect(wal.st_gid == team.group.gid && wal.st_mode & 0o777 == 0o660)

        for (user, index) in [(team.lead, 1), (team.member, 2), (team.lead, 3), (team.member, 4)] {
            let added = try team.rapport(user, ["contact", "add", "--name", "After \(index)", "--email", "after\(index)@x.example"])
            #expect(added.status == 0 && added.stderr.isEmpty, "\(user.login): \(added)")
        }
        #expect(team.status("rapport.db-wal")?.st_ino == wal.st_ino, "still the one log, whoever closed last")
        let listed = try team.rapport(team.member, ["contact", "list", "--json", "--limit", "40000"])
        let contacts = try #require(try listed.json() as? [Any], "\(listed)")
        #expect(contacts.count == 36_004)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            let check = try team.lead.run("/usr/bin/sqlite3", [team.path("rapport.db"), "PRAGMA integrity_check"])
            #expect(check.stdout == "ok\n", "\(check)")
        }
    }

    @Test func owningTheSharedDatabaseMakesNobodyAnAdministrator() throws {
        let team = try TeamHomeFixture()
        try team.addPeople()
        // The member owns the database file, as whoever first made it would.
        chown(team.path("rapport.db"), team.member.uid, team.group.gid)
        for (arguments, what) in [(["user", "add", "newbie", "--name", "New Bie", "--team", "Sales"], "add users"),
                                  (["team", "add", "Mine"], "add teams")] {
            let refused = try team.rapport(team.member, arguments)
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr == "rapport: only an administrator can \(what); in the shared home \(team.home.path) "
                    + "that is root or a Rapport user added with --admin (owning its files is not enough)\n")
        }
        let impersonating = try team.rapport(team.member, ["contact", "list", "--as", team.lead.login])
        #expect(impersonating.status == 1 && impersonating.stderr.contains("only an administrator can act as another user"))
        // The lead, a Rapport administrator, may; so may root.
        #expect(try team.rapport(team.lead, ["user", "add", "newbie", "--name", "New Bie", "--team", "Sales"]).status == 0)
    }

    @Test func theHomesOwnerSetsItUpUntilItHasAnAdministrator() throws {
        let team = try TeamHomeFixture()
        // Before any administrator: the lead, who made the home, adds the team and people.
        #expect(try team.rapport(team.lead, ["team", "add", "Sales"]).status == 0)
        #expect(try team.rapport(team.lead, ["user", "add", team.member.login, "--name", "Mo", "--team", "Sales"]).status == 0)
        let member = try team.rapport(team.member, ["user", "add", "other", "--name", "O", "--team", "Sales"])
        #expect(member.status == 1 && member.stderr.contains("only an administrator can add users"), "\(member)")
        #expect(try team.rapport(team.lead, ["user", "add", team.lead.login, "--name", "Lee", "--team", "Sales", "--admin"]).status == 0)
        // Once there is one, the owner administers as that user; take the flag away and they no longer do.
        try team.writeDatabase("UPDATE users SET is_admin = 0; "
                               + "INSERT INTO users (login, name, team_id, is_admin, created_at) SELECT 'boss', 'Boss', id, 1, 0 FROM teams")
        let owner = try team.rapport(team.lead, ["user", "add", "other", "--name", "O", "--team", "Sales"])
        #expect(owner.status == 1 && owner.stderr.contains("only an administrator can add users"), "\(owner)")
    }

    @Test func aSecondTeamNeedsItsOwnHome() throws {
        let team = try TeamHomeFixture()
        try team.addPeople()
        let second = try team.rapport(team.lead, ["team", "add", "Marketing"])
        #expect(second.status == 1)
        #expect(second.stderr == "rapport: this home serves team “Sales”; a second team needs its own home: "
                + "rapport init --group GROUP --home DIR\n")
        let asRoot = try CLIHome.runAsRoot(["team", "add", "Marketing"], home: team.home)
        #expect(asRoot.status == 1 && asRoot.stderr.contains("this home serves team “Sales”"), "\(asRoot)")
    }

    @Test func aPrivateHomeWithSeveralTeamsIsNotMadeATeamHome() throws {
        let team = try TeamHomeFixture(initialize: false)
        for arguments in [["init"], ["team", "add", "Alpha"], ["team", "add", "Beta"]] {
            let result = try team.rapport(team.lead, arguments)
            #expect(result.status == 0, "\(arguments) → \(result)")
        }
        let before = try #require(team.status(""))
        let refused = try team.rapport(team.lead, ["init", "--group", team.group.name])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("holds 2 teams (Alpha, Beta); every member of \(team.group.name) could read all of them"),
                "\(refused)")
        #expect(team.status("")?.st_mode == before.st_mode && team.status("")?.st_gid == before.st_gid, "left as it was")
    }

    @Test func initGroupRepairsWhatTheCallerMayAndSaysWhoCanRepairTheRest() throws {
        let team = try TeamHomeFixture()
        chmod(team.path("logs"), 0o755)
        chown(team.path("rapport.db-shm"), team.lead.uid, team.lead.gid)
        let planted = try team.member.run("/bin/sh", ["-c", "echo '[insights]' > config.ini"], in: team.home)
        #expect(planted.status == 0, "\(planted)")

        let byMember = try team.rapport(team.member, ["init", "--group", team.group.name])
        #expect(byMember.status == 1)
        let logs = team.path("logs")
        #expect(byMember.stderr.contains("rapport: \(logs) has mode 0755, but a team home needs group \(team.group.name), "
                                         + "mode 3770; \(team.lead.login) or root can run: chmod 3770 \(logs)"), "\(byMember)")
        #expect(byMember.stderr.contains("\(team.path("rapport.db-shm")) has group \(team.lead.login)"))
        #expect(byMember.stderr.contains("chgrp \(team.group.name) \(team.path("rapport.db-shm"))"))
        #expect((team.status("logs")?.st_mode ?? 0) & 0o7777 == 0o755, "the member changed nothing")

        let byLead = try team.rapport(team.lead, ["init", "--group", team.group.name])
        #expect(byLead.status == 1, "the member's config.ini is still there: \(byLead)")
        #expect(byLead.stdout.contains("Repaired: \(logs): mode 0755 → 3770"), "\(byLead)")
        #expect(byLead.stderr.contains("config.ini belongs to \(team.member.login), so Rapport ignores it: only the home's "
                                       + "owner (\(team.lead.login)) or root may set the team's settings"))
        #expect((team.status("logs")?.st_mode ?? 0) & 0o7777 == 0o3770)
        #expect(team.status("rapport.db-shm")?.st_gid == team.group.gid)
        #expect(unlink(team.path("config.ini")) == 0)
        let clean = try team.rapport(team.lead, ["init", "--group", team.group.name])
        #expect(clean.status == 0 && clean.stdout.contains("everything is as it should be"), "\(clean)")
    }

    @Test func aMembersDefaultHomeComesFromTheirOwnConfig() throws {
        let team = try TeamHomeFixture()
        try team.addPeople()
        try team.member.writeFile(".config/rapport/config.ini", "[rapport]\nhome = \(team.home.path)\n")
        let listed = try team.rapport(team.member, ["user", "list"], inHome: false)
        #expect(listed.status == 0 && listed.stderr.isEmpty, "\(listed)")
        #expect(listed.stdout.contains("Mo Member"))

        // A file others can change does not count, and says so.
        chmod(team.member.home.appendingPathComponent(".config/rapport/config.ini").path, 0o664)
        let loose = try team.rapport(team.member, ["user", "list"], inHome: false)
        #expect(loose.status == 1)
        #expect(loose.stderr.contains("ignoring \(team.member.home.path)/.config/rapport/config.ini: other users can change it"))
        #expect(loose.stderr.contains("there is no Rapport database in \(team.member.home.path)/.local/share/rapport"), "\(loose)")
    }
}

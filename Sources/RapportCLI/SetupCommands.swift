import CRMCore
import CRMStore
import Foundation

/// `init`, `team add`, `user add`: setting up a database and its people.
enum SetupCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["init"], summary: "create the database, or bring it up to date",
                    options: [
                        .value("--group", "GROUP", "make or check a team home of this OS group (3770, setgid and sticky)"),
                    ], run: initialize),
        CommandSpec(["team", "add"], arguments: "NAME", positionals: 1...1, summary: "add a team (administrators)",
                    run: addTeam),
        CommandSpec(["user", "add"], arguments: "LOGIN", positionals: 1...1,
                    summary: "add a user for an OS login to a team (administrators)",
                    options: [
                        .value("--name", "\"Full Name\"", "the person's name", required: true),
                        .value("--team", "TEAM", "the team they join", required: true),
                        .flag("--admin", "let them see every team and act for others"),
                    ], run: addUser),
        CommandSpec(["user", "list"], summary: "list the users you can see", options: [.json], run: listUsers),
    ]

    static func initialize(_ run: Invocation) throws {
        if let group = run.arguments.value("--group") { return try initializeTeamHome(run, groupName: group) }
        let (store, created) = try run.createStore()
        let path = run.location.database.path
        if created {
            run.print("Created a Rapport database at \(path).")
            if try !store.hasUsers() {
                run.print("Next: rapport team add \"Sales\", then rapport user add \(run.account.login) "
                          + "--name \"Your Name\" --team \"Sales\" --admin")
            }
        } else {
            run.print(databaseStatus(store, path: path))
        }
    }

    /// Whether opening the database brought it up to date, in a sentence.
    static func databaseStatus(_ store: Store, path: String) -> String {
        store.appliedMigrations.isEmpty ? "The database at \(path) is up to date."
            : "Updated the database at \(path) (\(store.appliedMigrations.joined(separator: ", ")))."
    }

    static func addTeam(_ run: Invocation) throws {
        try run.requireAdministrator(for: "add teams")
        let store = try run.store()
        // Every member of a shared home's group can read the whole database: one team each.
        if !run.location.isPrivate, let existing = try store.teams().first {
            throw CRMError("this home serves team “\(run.safe(existing.name))”; a second team needs its own home: "
                           + "rapport init --group GROUP --home DIR")
        }
        let team = try store.addTeam(name: run.arguments.positionals[0])
        run.print("Added team \(team.name).")
    }

    static func addUser(_ run: Invocation) throws {
        let login = run.arguments.positionals[0]
        try run.requireAdministrator(for: "add users")
        let user = try run.store().addUser(login: login, name: run.arguments.value("--name")!,
                                           teamName: run.arguments.value("--team")!,
                                           isAdmin: run.arguments.flag("--admin"))
        run.print("Added \(user.isAdmin ? "administrator" : "user") \(user.login) (\(run.safe(user.name))) "
                  + "to team \(run.arguments.value("--team")!).")
    }

    static func listUsers(_ run: Invocation) throws {
        let viewer = try run.actingUser()
        let store = try run.store()
        let teams = Dictionary(uniqueKeysWithValues: try store.teams().map { ($0.id, $0.name) })
        let users = try store.users(in: viewer.scope)
        if run.wantsJSON {
            run.printJSON(.array(users.map {
                .object([("login", .string($0.login)), ("name", .string($0.name)),
                         ("team", .string(teams[$0.teamID])), ("admin", .bool($0.isAdmin))])
            }))
            return
        }
        run.print(Format.table(["LOGIN", "NAME", "TEAM", "ROLE"], users.map {
            [$0.login, run.safe($0.name), run.safe(teams[$0.teamID]), $0.isAdmin ? "admin" : "member"]
        }))
    }
}

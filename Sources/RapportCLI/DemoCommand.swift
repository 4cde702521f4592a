import CRMCore
import CRMStore
import Foundation
import MailSync
import RapportDemo

/// `rapport demo`: a ready-made team with months of mail in a simulated Gmail, synced for real, in
/// the full-screen app; no Google account needed.
enum DemoCommand {
    static let specs: [CommandSpec] = [
        CommandSpec(["demo"], summary: "try Rapport: a demo team, a simulated Gmail full of mail, the full-screen app",
                    options: [
                        .flag("--no-tui", "sync the demo mail, print a short tour and exit"),
                        .flag("--fresh", "throw the demo home away and start again"),
                    ], run: demo),
    ]

    static func demo(_ run: Invocation) throws {
        // Only an explicit --home is used: RAPPORT_HOME may point at real data.
        var location = run.location
        if location.source != .flag {
            location = location.withHome(defaultHome(run.location.environment).path)
        }
        let home = location.home
        if run.arguments.flag("--fresh") { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let invocation = run.moved(to: location)
        let (store, created) = try invocation.createStore()
        // The demo's users are all this OS user: one key, theirs, seals the demo's mail as it would their own.
        let sealingKey = try SealingKey.own(environment: location.environment)
        if try created || !store.hasUsers() {
            var seed = DemoSeed(store: store, ownLogin: run.account.login, sealingKey: sealingKey)
            let contacts = try seed.run()
            run.print("Made a demo home in \(home.path): team \(DemoSeed.teamName) with you (\(run.account.login)), "
                      + "maria and devon; \(contacts) contacts at \(DemoSeed.companies.count) companies.")
        } else {
            run.print("Using the demo home in \(home.path) (rapport demo --fresh starts over).")
        }
        guard let user = try store.user(login: run.account.login) else {
            throw CRMError("the demo home \(home.path) belongs to someone else; run rapport demo --fresh")
        }
        let session = try DemoSession(store: store, user: user, config: invocation.config, sealingKey: sealingKey)
        if run.arguments.flag("--no-tui") {
            let reporter = SyncReporter(console: run.console, json: false)
            let service = try SyncService(store: store, connections: session.connections, settings: session.settings) {
                reporter.report($0)
            }
            let outcomes = service.runUntilCaughtUp()
            reporter.finish()
            let messages = try store.connection.query("SELECT count(*) FROM incoming_emails").first?.int(0) ?? 0
            run.print("Synced \(messages) emails from the simulated Gmail of \(session.mailboxes.count) mailboxes "
                      + "(\(outcomes.values.filter { $0 == .caughtUp }.count) caught up).")
            printTour(run, home: home.path)
            session.stop()
            return
        }
        try session.runApp(user: user, databasePath: location.database.path, config: invocation.config,
                           environment: location.environment, downloadFolder: MailSaveCommand.downloadFolder(invocation))
    }

    /// `$XDG_DATA_HOME/rapport-demo` (or `~/.local/share/rapport-demo`): kept between runs, so a
    /// draft left open is still there next time.
    static func defaultHome(_ environment: [String: String]) -> URL {
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("rapport-demo")
        }
        return URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/share/rapport-demo")
    }

    private static func printTour(_ run: Invocation, home: String) {
        let tour: [[String]] = [
            ["contact", "list", "--query", "acme"],
            ["timeline", "1", "--limit", "6"],
            ["outbox"],
            ["search", "pricing", "--limit", "5"],
            ["insights", "--days", "40"],
        ]
        for words in tour {
            run.print("\n$ rapport " + words.joined(separator: " "))
            _ = RapportCommandLine.main(arguments: ["--home", home] + words, console: run.console,
                                        environment: run.location.environment)
        }
        run.print("""

            Try it yourself:
              export RAPPORT_HOME=\(home)
              rapport               (the full-screen app; ? shows the keys)
              rapport outbox show 4
              rapport help
            """)
    }
}

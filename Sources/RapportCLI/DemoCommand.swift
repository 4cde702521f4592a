import CRMCore
import CRMStore
import Foundation

/// `rapport demo`: a ready-made team and months of mail to try Rapport with, no Google account needed.
enum DemoCommand {
    static let specs: [CommandSpec] = [
        CommandSpec(["demo"], summary: "make a demo home full of contacts, mail and deals, and show a tour",
                    options: [
                        .flag("--no-tui", "only seed and print the tour (the full-screen UI arrives later)"),
                    ], run: demo),
    ]

    static func demo(_ run: Invocation) throws {
        // Only an explicit --home is used: RAPPORT_HOME may point at real data.
        var location = run.location
        if !location.isFromFlag {
            var template = Array((NSTemporaryDirectory() + "/rapport-demo-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else {
                throw CRMError("cannot make a folder for the demo in \(NSTemporaryDirectory()); use --home DIR")
            }
            location = HomeLocation(homeFlag: String(cString: made), environment: run.location.environment)
        }
        let invocation = Invocation(arguments: run.arguments, console: run.console, location: location,
                                    account: run.account, requestedLogin: nil)
        let (store, created) = try invocation.createStore()
        let home = location.home.path
        if try created || !store.hasUsers() {
            var seed = DemoSeed(store: store, ownLogin: run.account.login)
            let counts = try seed.run()
            run.print("Made a demo home in \(home): team \(DemoSeed.teamName) with you (\(run.account.login)), "
                      + "maria and devon; \(counts.contacts) contacts at 12 companies; \(counts.emails) emails.")
        } else {
            run.print("Using the demo home in \(home).")
        }
        let tour: [[String]] = [
            ["contact", "list", "--query", "acme"],
            ["timeline", "1", "--limit", "6"],
            ["outbox"],
            ["search", "pricing", "--limit", "5"],
            ["insights", "1"],
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
              rapport outbox show 4
              rapport compose --to ann.lee@acme-logistics.example --subject "Hello" --body "Hi Ann" --link contact:1
              rapport activity add --contact 1 --type call --summary "Discussed the renewal"
              rapport help
            """)
    }
}

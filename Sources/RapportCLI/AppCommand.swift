import CRMCore
import CRMStore
import Foundation
import MailSync
import RapportTerminal

/// `rapport` (or `rapport ui`): the full-screen app for the acting user, syncing their mailboxes meanwhile.
enum AppCommand {
    static let specs: [CommandSpec] = [
        CommandSpec(["ui"], summary: "the full-screen app (what rapport alone opens on a terminal)", run: open),
    ]

    static func open(_ run: Invocation) throws {
        let user = try run.actingUser()
        let store = try run.store()
        let settings = try SyncSettings(config: run.config)
        let mailboxes = try store.mailboxes(in: .team(user.teamID), owner: user.id)
        // Mailboxes without a sign-in here are marked needs_login; the Mail screen says what to do.
        let (connections, _) = try MailboxConnections.make(for: mailboxes, store: store, settings: settings,
                                                           environment: run.location.environment)
        let config = run.config
        let path = run.location.database.path
        let environment = run.location.environment
        let downloads = MailSaveCommand.downloadFolder(run)
        try MainActor.assumeIsolated {
            // The app's own read connection, opened on the main thread that uses it.
            let app = try FullScreenApp(store: try Store(path: path, create: false), user: user, databasePath: path,
                                        connections: connections, settings: settings, config: config,
                                        environment: environment, downloadFolder: downloads)
            app.run()
        }
    }
}

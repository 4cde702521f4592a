import CRMCore
import CRMStore
import Foundation
import MailSync
import RapportTerminal

/// One run of `rapport demo` on a seeded home: the team's mail in a simulated Gmail in this
/// process, a connection per mailbox that syncs it for real, and the full-screen app in which
/// contacts answer the mail sent to them.
public final class DemoSession {
    /// Every mailbox of the demo home.
    public let mailboxes: [Mailbox]
    public let settings: SyncSettings
    public let connections: [SyncService.Connection]
    let gmail: DemoGmail

    /// Starts the simulated Gmail holding the conversations of `user`'s team with its contacts; the
    /// demo's mailboxes send what `sealingKey` (the OS user's own) sealed.
    public init(store: Store, user: User, config: Config, sealingKey: SealingKey) throws {
        // A mistake in config.ini is reported before anything starts.
        settings = try DemoGmail.settings(config: config)
        mailboxes = try store.mailboxes(in: .everyone)
        let team = try mailboxes.compactMap { mailbox -> DemoConversations.Member? in
            try store.user(id: mailbox.userID).map { DemoConversations.Member(name: $0.name, address: mailbox.email) }
        }
        let contacts = try store.contacts(in: .team(user.teamID), limit: 1_000).sorted { $0.id < $1.id }
        gmail = try DemoGmail(store: store, team: team, contacts: contacts)
        // The simulator starts afresh each time: list every mailbox again (mail already here is not fetched twice).
        for mailbox in mailboxes { try store.setSyncCursor(mailbox: mailbox.id, nil) }
        connections = gmail.connections(for: mailboxes, settings: settings, sealingKey: sealingKey)
    }

    /// Stops the simulated Gmail.
    public func stop() {
        gmail.simulator.stop()
    }

    /// The full-screen app for `user` on this terminal; the process exits when they quit, and the
    /// simulated Gmail stops with it. Attachments are saved into `downloadFolder`.
    public func runApp(user: User, databasePath: String, config: Config, environment: [String: String],
                       downloadFolder: String? = nil) throws {
        let domains = Set(DemoSeed.companies.map(\.1))
        let simulator = gmail.simulator
        let connections = connections
        let settings = settings
        try MainActor.assumeIsolated {
            let appStore = try Store(path: databasePath, create: false)
            let replies = DemoReplies(store: appStore, simulator: simulator, contactDomains: domains)
            let app = try FullScreenApp(store: appStore, user: user, databasePath: databasePath, connections: connections,
                                        settings: settings, config: config, environment: environment,
                                        downloadFolder: downloadFolder, events: { replies.handle($0) }, onQuit: { simulator.stop() })
            app.run()
        }
    }
}

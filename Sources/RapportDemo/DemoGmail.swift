import CRMCore
import CRMStore
import Foundation
import GmailAPI
import GmailSimulator
import MailSync

/// The demo's Google: a Gmail simulator on 127.0.0.1 in this process, holding every demo mailbox's
/// mail, with a connection per mailbox for the real sync.
struct DemoGmail {
    let simulator: GmailSimulator
    let base: URL

    /// Starts the simulator and fills it with the team's conversations. The simulator is new on each
    /// start, and the conversations get the same ids as last time (they are the same messages, and
    /// sync finds them known); anything given an id afterwards (sent mail, the contacts' answers) gets
    /// one above every id the home already holds, so it is never taken for an earlier message.
    init(store: Store, team: [DemoConversations.Member], contacts: [Contact]) throws {
        let held = try Self.highestIDs(in: store)
        var configuration = SimulatorConfiguration()
        configuration.latency = 0.02
        configuration.unitsPerSecond = nil
        configuration.shuffleBatchResponses = true
        simulator = try GmailSimulator(configuration: configuration)
        base = try simulator.start()
        for member in team { simulator.addAccount(email: member.address.value) }
        var conversations = DemoConversations(team: team, contacts: contacts, now: store.now())
        for delivery in conversations.deliveries() {
            _ = simulator.deliver(raw: delivery.raw, to: delivery.mailbox, labelIds: delivery.labels,
                                  internalDate: delivery.date)
        }
        simulator.continueAbove(messageID: held.messageID, historyID: held.historyID)
    }

    /// The largest Gmail message id (16 hex digits) and history id the home holds, from earlier runs.
    static func highestIDs(in store: Store) throws -> (messageID: String?, historyID: UInt64?) {
        let hex = "length(gmail_id) = 16 AND gmail_id NOT GLOB '*[^0-9a-f]*'"
        let row = try store.connection.first("""
            SELECT max(id) AS message_id,
                   (SELECT max(history_id) FROM incoming_emails) AS history_id,
                   (SELECT max(CAST(history_id AS INTEGER)) FROM mailboxes) AS cursor
            FROM (SELECT gmail_id AS id FROM incoming_emails WHERE \(hex)
                  UNION ALL SELECT gmail_id FROM outgoing_emails WHERE \(hex))
            """)
        let history = [try row?.optionalInt64("history_id"), try row?.optionalInt64("cursor")]
            .compactMap { $0 }.map { UInt64(bitPattern: $0) }.max()
        return (row?.optionalString("message_id"), history)
    }

    /// Sync settings for the demo: the whole history, a partial sync every few seconds, no quota wait.
    static func settings(config: Config) throws -> SyncSettings {
        var settings = try SyncSettings(config: config)
        settings.window = 400 * 86_400
        settings.interval = 5
        settings.unitsPerSecond = 5_000
        settings.burstUnits = 5_000
        return settings
    }

    /// A connection per mailbox, signed in with a token the simulator issued.
    func connections(for mailboxes: [Mailbox], settings: SyncSettings, sealingKey: SealingKey) -> [SyncService.Connection] {
        let transport = CurlTransport()
        let configuration = simulator.configuration
        return mailboxes.map { mailbox in
            let credentials = Credentials(email: mailbox.email.value, clientID: configuration.clientID,
                                          clientSecret: configuration.clientSecret,
                                          refreshToken: simulator.issueRefreshToken(for: mailbox.email.value),
                                          tokenURL: base.appendingPathComponent("token"), apiBase: base)
            return .paced(mailbox: mailbox, credentials: credentials, tokenStore: nil, baseURL: base, sealingKey: sealingKey,
                          settings: settings, transport: transport)
        }
    }
}

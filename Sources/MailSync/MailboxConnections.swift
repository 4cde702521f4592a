import CRMCore
import CRMStore
import Foundation
import GmailAPI

/// The user's mailboxes with their stored sign-ins, ready for sync; mailboxes without one on this
/// machine are marked `needs_login` and returned with what to do.
public enum MailboxConnections {
    public static func make(for mailboxes: [Mailbox], store: Store, settings: SyncSettings, environment: [String: String])
        throws -> (connections: [SyncService.Connection], unavailable: [(Mailbox, String)]) {
        let credentials = CredentialStore(environment: environment)
        let transport = CurlTransport()
        var connections: [SyncService.Connection] = []
        var unavailable: [(Mailbox, String)] = []
        var sealingKey: SealingKey?
        for mailbox in mailboxes {
            guard let stored = try signIn(of: mailbox, in: credentials) else {
                let message = noSignIn(mailbox)
                try store.updateMailbox(id: mailbox.id, state: .needsLogin, lastError: message)
                unavailable.append((mailbox, message))
                continue
            }
            // The owner's key, from the same folder: their sync sends only the mail they sealed.
            let key = try sealingKey ?? SealingKey.own(environment: environment)
            sealingKey = key
            connections.append(connection(mailbox, stored, credentials, key, settings, transport))
        }
        return (connections, unavailable)
    }

    /// One mailbox's connection for work outside a sync cycle (saving an attachment); nil, with
    /// nothing recorded on the mailbox, when this machine holds no sign-in for it.
    public static func single(for mailbox: Mailbox, settings: SyncSettings, environment: [String: String]) throws
        -> SyncService.Connection? {
        let credentials = CredentialStore(environment: environment)
        guard let stored = try signIn(of: mailbox, in: credentials) else { return nil }
        return connection(mailbox, stored, credentials, try SealingKey.own(environment: environment), settings,
                          CurlTransport())
    }

    /// What to do when this machine holds no sign-in for a mailbox.
    public static func noSignIn(_ mailbox: Mailbox) -> String {
        "no stored sign-in for \(mailbox.email) on this machine; run rapport account add \(mailbox.email)"
    }

    private static func signIn(of mailbox: Mailbox, in credentials: CredentialStore) throws -> Credentials? {
        do {
            return try credentials.load(mailbox.email.value)
        } catch {
            throw CRMError("cannot read the stored sign-in of \(mailbox.email): \(error)")
        }
    }

    private static func connection(_ mailbox: Mailbox, _ stored: Credentials, _ credentials: CredentialStore,
                                   _ key: SealingKey, _ settings: SyncSettings, _ transport: any HTTPTransport)
        -> SyncService.Connection {
        // Only the owner's own 0600 file says where the token goes, never the shared database.
        .paced(mailbox: mailbox, credentials: stored, tokenStore: credentials,
               baseURL: stored.apiBase ?? GmailClient.googleBaseURL, sealingKey: key, settings: settings,
               transport: transport)
    }
}

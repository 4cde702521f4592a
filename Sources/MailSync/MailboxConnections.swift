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
        let transport = URLSessionTransport()
        var connections: [SyncService.Connection] = []
        var unavailable: [(Mailbox, String)] = []
        var sealingKey: SealingKey?
        for mailbox in mailboxes {
            let stored: Credentials?
            do {
                stored = try credentials.load(mailbox.email.value)
            } catch {
                throw CRMError("cannot read the stored sign-in of \(mailbox.email): \(error)")
            }
            guard let stored else {
                let message = "no stored sign-in for \(mailbox.email) on this machine; run rapport account add \(mailbox.email)"
                try store.updateMailbox(id: mailbox.id, state: .needsLogin, lastError: message)
                unavailable.append((mailbox, message))
                continue
            }
            // Only the owner's own 0600 file says where the token goes, never the shared database.
            let base = stored.apiBase ?? GmailClient.googleBaseURL
            // The owner's key, from the same folder: their sync sends only the mail they sealed.
            let key = try sealingKey ?? SealingKey.own(environment: environment)
            sealingKey = key
            connections.append(.paced(mailbox: mailbox, credentials: stored, tokenStore: credentials, baseURL: base,
                                      sealingKey: key, settings: settings, transport: transport))
        }
        return (connections, unavailable)
    }
}

import CRMCore
import Foundation
import GmailAPI

extension SyncService.Connection {
    /// A mailbox's connection to Gmail, paced by a quota bucket at `settings`' rate (95% of the
    /// per-user quota by default) with a burst of at least 100 units; it sends mail sealed by `sealingKey`.
    public static func paced(mailbox: Mailbox, credentials: Credentials, tokenStore: CredentialStore?, baseURL: URL,
                             sealingKey: SealingKey, settings: SyncSettings, transport: any HTTPTransport,
                             clock: any SyncClock = SystemClock()) -> SyncService.Connection {
        let bucket = QuotaBucket(unitsPerSecond: settings.effectiveUnitsPerSecond,
                                 capacity: settings.burstUnits ?? max(settings.effectiveUnitsPerSecond, 100), clock: clock)
        let tokens = TokenManager(credentials: credentials, store: tokenStore, transport: transport)
        let client = GmailClient(baseURL: baseURL, transport: transport, tokens: tokens, costs: settings.costs,
                                 onCall: { _, units in bucket.acquire(units) })
        return SyncService.Connection(mailbox: mailbox, client: client, bucket: bucket, sealingKey: sealingKey)
    }
}

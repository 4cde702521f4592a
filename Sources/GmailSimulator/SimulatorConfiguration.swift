import Foundation

/// How a `GmailSimulator` behaves: credentials it expects, quota, faults and latency. Every field
/// may be changed while the simulator runs (`GmailSimulator.configuration`).
public struct SimulatorConfiguration: Sendable {
    // MARK: OAuth

    /// Seconds an access token lives (responses say `expires_in` one less, as Google does).
    public var accessTokenLifetime: TimeInterval = 3600
    /// The OAuth client the token and consent endpoints accept.
    public var clientID = "rapport-test-client"
    /// The client secret the token endpoint requires.
    public var clientSecret = "rapport-test-secret"
    /// Scopes granted when a request names none (scripted tokens, consent without `scope`).
    public var defaultScopes = ["https://www.googleapis.com/auth/gmail.modify"]
    /// Scopes the simulated user grants at consent; nil grants everything asked for (set fewer to
    /// simulate unticked boxes on Google's granular consent screen).
    public var grantedScopes: [String]?
    /// Whether the consent endpoint approves (302 with `code`) or denies (302 with
    /// `error=access_denied`).
    public var consentApproves = true
    /// Whether the token endpoint's errors quote the request in `error_description` (the refresh
    /// token or code as sent, and the whole form body with the client secret), as a careless server
    /// might: for tests that Rapport keeps such text out of what it prints, logs and stores.
    public var tokenErrorsEchoRequest = false

    // MARK: Quota and limits

    /// Per-user quota refill in units per second (Google's legacy 15,000/min = 250/s); nil = no quota.
    public var unitsPerSecond: Double? = 250
    /// Per-user bucket size: the most units that can be spent at once after a quiet spell.
    public var burstUnits: Double = 250
    /// Per-method costs.
    public var costTable = CostTable.legacy
    /// Which error an empty bucket gives.
    public var quotaErrorStyle = QuotaErrorStyle.resourceExhausted
    /// Requests one user may have in flight (a batch counts once); over it → 429 "Too many
    /// concurrent requests for user."; nil = no cap.
    public var concurrentRequestsPerUser: Int?
    /// Recipients (To + Cc + Bcc) one user may send to in a rolling 24 hours; over it, send → 429
    /// "User-rate limit exceeded.  Retry after <ts>"; nil = no limit.
    public var dailyRecipientLimit: Int?

    // MARK: Timing and faults

    /// Seconds each HTTP request waits before it is answered (a batch waits once).
    public var latency: TimeInterval = 0
    /// Extra random wait, up to this many seconds, on top of `latency`.
    public var latencyJitter: TimeInterval = 0
    /// Probability (0…1) that a call fails with 500 or 503 `backendError` (each batch part on its own).
    public var serverErrorRate: Double = 0
    /// Whether batch responses come back in random order (Google allows any order).
    public var shuffleBatchResponses = false
    /// Whether every fetch hands out a new `attachmentId` for the same attachment (old ones keep working).
    public var rotateAttachmentIDs = false

    // MARK: Mail

    /// Whether mail sent to another simulated account also lands in that account's INBOX.
    public var deliverSentMailToLocalAccounts = true
    /// History records kept per account; older ones are dropped and the floor rises (nil = keep all).
    public var historyRetention: Int?
    /// Seed for ids, history gaps, faults, jitter and shuffles (read once, when the simulator is made).
    public var seed: UInt64 = 0x5EED_0F_6A11

    /// Google's defaults: legacy costs, 250 units/s, no faults, no latency.
    public init() {}
}

/// The form a quota error takes (Google sends either, so clients must handle both).
public enum QuotaErrorStyle: Sendable, Equatable {
    /// 429 `rateLimitExceeded` "Resource has been exhausted (e.g. check quota)."
    case resourceExhausted
    /// 403 `usageLimits`/`rateLimitExceeded` "Quota exceeded for quota metric 'Queries' and limit
    /// 'Queries per minute per user' …"
    case queriesPerMinute
}

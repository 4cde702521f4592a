import Foundation
import Hardening

/// Everything that can go wrong talking to Gmail or Google's token endpoint, in the few kinds the
/// rest of Rapport acts on. Messages are for people and never hold tokens, addresses or bodies.
public enum GmailError: Error, Sendable, Equatable {
    /// 401 after one refresh: the access token is not accepted.
    case unauthorized(String)
    /// The refresh token is dead (invalid_grant): the person must sign in again.
    case needsLogin(String)
    /// 429, or 403 with a rate reason: slow down; `retryAfter` seconds when Gmail said how long.
    case rateLimited(retryAfter: TimeInterval?, message: String)
    /// 404 on history.list: the cursor is too old; a full sync is needed.
    case historyExpired
    /// 404: the message (or attachment) is gone.
    case notFound(String)
    /// 403 insufficientPermissions, domainPolicy, or failedPrecondition "Mail service not enabled".
    case permission(String)
    /// 5xx, timeouts, cut-off responses, an unreachable server: try again later.
    case temporary(String)
    /// 400 and other errors that retrying will not fix.
    case permanent(String)
    /// The server answered something that is not what the API promises (not JSON, wrong shape).
    case badResponse(String)
    /// The configuration is unusable (a malformed API base URL, say).
    case invalidConfiguration(String)

    /// Whether trying again later may succeed.
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .temporary: return true
        default: return false
        }
    }
}

extension GmailError: CustomStringConvertible {
    /// One line for people: what happened and what to do, with anything shaped like a secret
    /// taken out (the texts quote servers, which may echo what they were sent).
    public var description: String { Redaction.redact(text) }

    private var text: String {
        switch self {
        case .unauthorized(let message): return "Gmail rejected the access token (\(message)); run rapport account add again"
        case .needsLogin(let message): return message
        case .rateLimited(let after, let message):
            return "Gmail asks us to slow down (\(message))" + (after.map { "; retrying in \(Int($0.rounded(.up))) s" } ?? "")
        case .historyExpired: return "Gmail no longer has the changes since the last sync; a full sync is needed"
        case .notFound(let message): return "Gmail has no such item (\(message))"
        case .permission(let message): return "Gmail refused: \(message)"
        case .temporary(let message): return "Gmail is not answering properly right now (\(message)); try again in a moment"
        case .permanent(let message): return "Gmail refused the request: \(message)"
        case .badResponse(let message): return "Gmail sent an answer Rapport cannot read (\(message))"
        case .invalidConfiguration(let message): return message
        }
    }
}

/// Gives the Gmail client a valid access token, refreshing it when needed.
public protocol AccessTokenProvider: Sendable {
    /// A token valid for at least the next minute.
    func accessToken() throws(GmailError) -> String
    /// A fresh token after Gmail answered 401 to the last one (called at most once per request).
    func refreshedAccessToken() throws(GmailError) -> String
}

import Foundation

/// A failure to hand out on the next calls of a method, queued with `GmailSimulator.failNext`.
public struct ScriptedFault: Sendable {
    /// The HTTP status; nil answers normally (useful with `delay`).
    public var status: Int?
    /// `errors[0].reason`.
    public var reason: String
    /// The error message; for `retryAfterInMessage` it is built for you.
    public var message: String
    /// `errors[0].domain`.
    public var domain: String
    /// Seconds for a `Retry-After` header.
    public var retryAfterHeader: Int?
    /// When set, the message reads "User-rate limit exceeded.  Retry after <now + this, ISO 8601>".
    public var retryAfterInMessage: TimeInterval?
    /// Apply the request first (a send is sent, a label is changed), then fail: the client sees an
    /// error for something that happened.
    public var afterApplying: Bool
    /// Seconds to wait before answering (a slow or timed-out call).
    public var delay: TimeInterval

    /// A fault answering `status` with a v1 error body of `reason`, `message` and `domain`.
    public init(status: Int?, reason: String, message: String, domain: String = "global",
                retryAfterHeader: Int? = nil, retryAfterInMessage: TimeInterval? = nil,
                afterApplying: Bool = false, delay: TimeInterval = 0) {
        self.status = status
        self.reason = reason
        self.message = message
        self.domain = domain
        self.retryAfterHeader = retryAfterHeader
        self.retryAfterInMessage = retryAfterInMessage
        self.afterApplying = afterApplying
        self.delay = delay
    }

    /// 500 `backendError` "Backend Error".
    public static let backendError = ScriptedFault(status: 500, reason: "backendError", message: "Backend Error")
    /// 503 `backendError` "The service is currently unavailable."
    public static let unavailable = ScriptedFault(status: 503, reason: "backendError",
                                                  message: "The service is currently unavailable.")
    /// 429 "Too many concurrent requests for user."
    public static let tooManyConcurrentRequests = ScriptedFault(status: 429, reason: "rateLimitExceeded",
                                                                message: "Too many concurrent requests for user.")
    /// 429 "Resource has been exhausted (e.g. check quota)."
    public static let resourceExhausted = ScriptedFault(status: 429, reason: "rateLimitExceeded",
                                                        message: "Resource has been exhausted (e.g. check quota).")
    /// 401 `authError` "Invalid Credentials" (as if the access token had been revoked).
    public static let invalidCredentials = ScriptedFault(status: 401, reason: "authError", message: "Invalid Credentials")
    /// 404 `notFound`.
    public static let notFound = ScriptedFault(status: 404, reason: "notFound", message: "Requested entity was not found.")
    /// 400 `failedPrecondition` "Precondition check failed."
    public static let failedPrecondition = ScriptedFault(status: 400, reason: "failedPrecondition",
                                                         message: "Precondition check failed.")

    /// 429 "User-rate limit exceeded.  Retry after <now + seconds>".
    public static func userRateLimit(retryAfter seconds: TimeInterval) -> ScriptedFault {
        ScriptedFault(status: 429, reason: "rateLimitExceeded", message: "User-rate limit exceeded.",
                      retryAfterInMessage: seconds)
    }

    /// 429 with a `Retry-After: seconds` header.
    public static func rateLimited(retryAfterHeader seconds: Int) -> ScriptedFault {
        ScriptedFault(status: 429, reason: "rateLimitExceeded", message: "Resource has been exhausted (e.g. check quota).",
                      retryAfterHeader: seconds)
    }

    /// Answers normally, but only after `seconds` (a client with a shorter timeout gives up).
    public static func slow(_ seconds: TimeInterval) -> ScriptedFault {
        ScriptedFault(status: nil, reason: "", message: "", delay: seconds)
    }

    /// The error this fault answers with, at `now`.
    func error(at now: Date) -> APIError? {
        guard let status else { return nil }
        var text = message
        if let seconds = retryAfterInMessage {
            text = "User-rate limit exceeded.  Retry after \(ISOTime.string(now.addingTimeInterval(seconds)))"
        }
        var result = APIError(code: status, message: text, reason: reason, domain: domain)
        result.retryAfter = retryAfterHeader
        if reason == "failedPrecondition" { result.status = "FAILED_PRECONDITION" }
        if status == 401 {
            result.location = "Authorization"
            result.locationType = "header"
        }
        return result
    }
}

/// A fault waiting in the queue.
struct PendingFault: Sendable {
    /// nil = any Gmail method.
    var method: APIMethod?
    /// nil = any account.
    var account: String?
    var remaining: Int
    var fault: ScriptedFault
}

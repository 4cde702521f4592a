import Foundation

extension GmailError {
    /// Reasons that mean "slow down", whatever the HTTP status (403 or 429).
    static let rateLimitReasons: Set<String> = [
        "rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded",
        "concurrentLimitExceeded", "limitExceeded",
    ]

    /// The error an unsuccessful Gmail answer stands for (gmail-api.md §10): branch on the HTTP
    /// status and `errors[0].reason`; the text is Gmail's message, cleaned, with the method and status.
    ///
    /// A 401 maps to `.unauthorized`: the client has already refreshed the token once by then.
    static func from(_ response: HTTPResponse, method: GmailMethod, now: Date) -> GmailError {
        let status = response.status
        let parsed = GoogleErrorBody(response.body)
        let body = parsed ?? GoogleErrorBody()
        let text = describe(method: method, status: status, body: parsed)
        let reason = body.reason
        switch status {
        case 400:
            if reason == "failedPrecondition" || body.status == "FAILED_PRECONDITION" {
                let notEnabled = body.allMessages.contains { $0.range(of: "Mail service not enabled", options: .caseInsensitive) != nil }
                return notEnabled ? .permission(text) : .temporary(text)
            }
            return .permanent(text)
        case 401:
            return .unauthorized(text)
        case 403:
            if rateLimitReasons.contains(reason) || (body.domain == "usageLimits" && reason != "domainPolicy") {
                return .rateLimited(retryAfter: retryAfter(response, body, now), message: text)
            }
            return .permission(text)
        case 404:
            return method == .historyList ? .historyExpired : .notFound(text)
        case 408:
            return .temporary(text)
        case 429:
            return .rateLimited(retryAfter: retryAfter(response, body, now), message: text)
        case 500...599:
            return .temporary(text)
        case 402, 405...499:
            return .permanent(text)
        default:
            return .badResponse(text)
        }
    }

    private static func retryAfter(_ response: HTTPResponse, _ body: GoogleErrorBody, _ now: Date) -> TimeInterval? {
        RetryAfter.seconds(header: response.header("Retry-After"), messages: body.allMessages, now: now)
    }

    /// "messages.get: Requested entity was not found. (HTTP 404 notFound)".
    private static func describe(method: GmailMethod, status: Int, body: GoogleErrorBody?) -> String {
        guard let body else {
            return "\(method.shortName): HTTP \(status) without a readable error body"
        }
        let message = ErrorText.clean(body.message)
        let reason = ErrorText.clean(body.reason)
        let code = reason.isEmpty ? "HTTP \(status)" : "HTTP \(status) \(reason)"
        return message.isEmpty ? "\(method.shortName): \(code)" : "\(method.shortName): \(message) (\(code))"
    }
}

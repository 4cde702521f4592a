import Foundation
import LoopbackHTTP

/// A Gmail v1 error: the body of `examples/error-*.json` and the status it goes with.
struct APIError: Error, Sendable {
    var code: Int
    var message: String
    var reason: String
    var domain = "global"
    /// The google.rpc status name; derived from the code when nil.
    var status: String?
    var location: String?
    var locationType: String?
    /// Seconds for a Retry-After header, when one is sent.
    var retryAfter: Int?
    /// `errors[0].message` when it differs from the top-level message.
    var detailMessage: String?

    var statusName: String {
        if let status { return status }
        switch code {
        case 400: return "INVALID_ARGUMENT"
        case 401: return "UNAUTHENTICATED"
        case 403: return "PERMISSION_DENIED"
        case 404: return "NOT_FOUND"
        case 409: return "ABORTED"
        case 429: return "RESOURCE_EXHAUSTED"
        case 500: return "INTERNAL"
        case 501: return "UNIMPLEMENTED"
        case 503: return "UNAVAILABLE"
        case 504: return "DEADLINE_EXCEEDED"
        default: return "UNKNOWN"
        }
    }

    var json: JSON {
        var detail: [(String, JSON)] = [("message", .string(detailMessage ?? message)), ("domain", .string(domain)),
                                        ("reason", .string(reason))]
        if let location { detail.append(("location", .string(location))) }
        if let locationType { detail.append(("locationType", .string(locationType))) }
        return .object([("error", .object([
            ("code", .number(code)),
            ("message", .string(message)),
            ("errors", .array([.object(detail)])),
            ("status", .string(statusName)),
        ]))])
    }

    func response(pretty: Bool = true) -> ServerResponse {
        var response = ServerResponse.json(code, json.serialized(pretty: pretty))
        response.headers.append(contentsOf: ServerResponse.varyHeaders)
        if let retryAfter { response.headers.append(("Retry-After", String(retryAfter))) }
        if code == 401 {
            response.headers.append(("WWW-Authenticate", #"Bearer realm="https://accounts.google.com/", error="invalid_token""#))
        }
        return response
    }

    // MARK: - The errors Gmail gives

    static let invalidCredentials = APIError(code: 401, message: "Invalid Credentials", reason: "authError",
                                             location: "Authorization", locationType: "header")
    static let notFound = APIError(code: 404, message: "Requested entity was not found.", reason: "notFound")
    static let invalidID = APIError(code: 400, message: "Invalid id value", reason: "invalidArgument")
    static let insufficientScopes = APIError(code: 403, message: "Request had insufficient authentication scopes.",
                                             reason: "insufficientPermissions", detailMessage: "Insufficient Permission")
    static let concurrentRequests = APIError(code: 429, message: "Too many concurrent requests for user.",
                                             reason: "rateLimitExceeded")
    static let resourceExhausted = APIError(code: 429, message: "Resource has been exhausted (e.g. check quota).",
                                            reason: "rateLimitExceeded")
    static let queriesPerMinute = APIError(
        code: 403,
        message: "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service "
            + "'gmail.googleapis.com' for consumer 'project_number:123456789012'.",
        reason: "rateLimitExceeded", domain: "usageLimits")
    static let backendError = APIError(code: 500, message: "Backend Error", reason: "backendError")
    static let unavailable = APIError(code: 503, message: "The service is currently unavailable.",
                                      reason: "backendError")
    static let missingStartHistoryID = invalidArgument("Missing/invalid parameter: startHistoryId")
    static let recipientRequired = invalidArgument("Recipient address required")
    static let invalidPageToken = invalidArgument("Invalid pageToken")

    static func invalidArgument(_ message: String) -> APIError {
        APIError(code: 400, message: message, reason: "invalidArgument")
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, message: message, reason: "badRequest")
    }

    static func parseError(_ message: String) -> APIError {
        APIError(code: 400, message: "Invalid JSON payload received. \(message)", reason: "parseError")
    }

    /// 429 "User-rate limit exceeded.  Retry after <ISO 8601>" (two spaces, as Google writes it).
    static func userRateLimit(until date: Date) -> APIError {
        let message = "User-rate limit exceeded.  Retry after \(ISOTime.string(date))"
        return APIError(code: 429, message: message, reason: "rateLimitExceeded")
    }
}

/// ISO 8601 UTC with milliseconds, as in Gmail's "Retry after" messages.
enum ISOTime {
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date)
    }
}

extension ServerResponse {
    /// The Vary fields Google's API front end sends on JSON answers.
    static let varyHeaders: [(name: String, value: String)] = [
        (name: "Vary", value: "Origin"), (name: "Vary", value: "X-Origin"), (name: "Vary", value: "Referer"),
    ]
}

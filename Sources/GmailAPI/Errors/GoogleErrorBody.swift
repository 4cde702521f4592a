import Foundation

/// What a Google error body says: `{"error": {"code", "message", "errors": [{"reason", "domain",
/// "message"}], "status"}}`, or the OAuth form `{"error": "invalid_grant", "error_description"}`.
struct GoogleErrorBody: Sendable, Equatable {
    /// `errors[0].reason` ("rateLimitExceeded", "notFound"…), else the OAuth error code; may be empty.
    var reason: String = ""
    /// `errors[0].domain` ("global", "usageLimits"); may be empty.
    var domain: String = ""
    /// The top-level `error.status` ("NOT_FOUND", "RESOURCE_EXHAUSTED"); may be empty.
    var status: String = ""
    /// Gmail's text (top-level message, else `errors[0].message`); may be empty.
    var message: String = ""
    /// Every message in the body (top level and each `errors[i].message`), for phrase checks.
    var allMessages: [String] = []

    /// Reads an error body; nil when it is not a JSON object with an `error` member.
    init?(_ data: Data) {
        guard !data.isEmpty,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let error = object["error"] else { return nil }
        if let code = error as? String {
            reason = code
            message = object["error_description"] as? String ?? ""
            allMessages = [message]
            return
        }
        guard let error = error as? [String: Any] else { return nil }
        status = error["status"] as? String ?? ""
        message = error["message"] as? String ?? ""
        allMessages = [message]
        if let errors = error["errors"] as? [[String: Any]] {
            if let first = errors.first {
                reason = first["reason"] as? String ?? ""
                domain = first["domain"] as? String ?? ""
                if message.isEmpty { message = first["message"] as? String ?? "" }
            }
            allMessages += errors.compactMap { $0["message"] as? String }
        }
    }

    init(reason: String = "", domain: String = "", status: String = "", message: String = "") {
        self.reason = reason
        self.domain = domain
        self.status = status
        self.message = message
        self.allMessages = [message]
    }
}

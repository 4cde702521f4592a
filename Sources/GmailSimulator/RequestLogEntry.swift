import Foundation

/// One request the simulator answered (batch parts are entries of their own).
public struct RequestLogEntry: Sendable {
    /// "GET", "POST"…
    public let httpMethod: String
    /// The path without the query.
    public let path: String
    /// The API method, when the route was recognised.
    public let method: APIMethod?
    /// The account the access token belongs to (nil when unauthenticated or for OAuth endpoints).
    public let account: String?
    /// The HTTP status answered.
    public let status: Int
    /// Quota units charged (0 when refused before charging).
    public let quotaUnits: Int
    /// When the answer was made.
    public let time: Date
    /// Whether this was a part of a batch.
    public let inBatch: Bool
}

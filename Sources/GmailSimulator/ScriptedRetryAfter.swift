import Foundation

/// How a scripted error tells the client when to come back.
public enum ScriptedRetryAfter: Sendable, Equatable {
    /// A `Retry-After: <seconds>` header.
    case header(seconds: Int)
    /// "User-rate limit exceeded.  Retry after <now + seconds, ISO 8601>" as the message.
    case message(seconds: TimeInterval)
}

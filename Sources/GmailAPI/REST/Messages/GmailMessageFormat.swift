import Foundation

/// How much of a message `messages.get` returns; every format costs the same quota.
public enum GmailMessageFormat: String, Sendable, CaseIterable, Hashable {
    /// IDs, labels, snippet, size, history ID, internal date; no payload.
    case minimal
    /// Minimal plus the whole MIME tree with inline text bodies (the default).
    case full
    /// Minimal plus the whole RFC 822 message in `raw`.
    case raw
    /// Minimal plus the top-level headers, no body data.
    case metadata
}

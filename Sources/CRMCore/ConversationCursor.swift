import Foundation

/// Where a page of conversations ended: the next page holds the conversations older than this one
/// (newest message first, then the higher row id first). Its text ("1767225600:42") is opaque to
/// people and scripts, who only pass it back.
public struct ConversationCursor: Sendable, Hashable, CustomStringConvertible {
    /// Seconds since 1970 of the last conversation's newest message.
    public let lastAt: Int64
    /// The last conversation's row id.
    public let id: Int64

    public init(lastAt: Int64, id: Int64) {
        self.lastAt = lastAt
        self.id = id
    }

    /// Reads a cursor back from its text; nil when the text is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let lastAt = Int64(parts[0]), let id = Int64(parts[1]), id > 0 else { return nil }
        self.init(lastAt: lastAt, id: id)
    }

    public var description: String { "\(lastAt):\(id)" }
}

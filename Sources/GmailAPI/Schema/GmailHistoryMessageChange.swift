import Foundation

/// A message that arrived or was sent, or one deleted for good (schemas `HistoryMessageAdded` and
/// `HistoryMessageDeleted`, which have the same fields).
public struct GmailHistoryMessageChange: Sendable, Equatable, Decodable {
    /// Usually only `id`, `threadID` and, when added, the full current `labelIDs`.
    public var message: GmailMessage

    public init(message: GmailMessage) {
        self.message = message
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        message = try json.object("message", as: GmailMessage.self) ?? GmailMessage()
    }
}

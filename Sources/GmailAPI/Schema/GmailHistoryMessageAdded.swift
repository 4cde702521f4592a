import Foundation

/// A message that arrived or was sent, with its labels at the time of the record.
public struct GmailHistoryMessageAdded: Sendable, Equatable, Decodable {
    /// Usually only `id`, `threadID` and the full current `labelIDs`.
    public var message: GmailMessage

    public init(message: GmailMessage) {
        self.message = message
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        message = try json.object("message", as: GmailMessage.self) ?? GmailMessage()
    }
}

import Foundation

/// A message deleted for good (not trashed).
public struct GmailHistoryMessageDeleted: Sendable, Equatable, Decodable {
    /// Usually only `id` and `threadID`.
    public var message: GmailMessage

    public init(message: GmailMessage) {
        self.message = message
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        message = try json.object("message", as: GmailMessage.self) ?? GmailMessage()
    }
}

import Foundation

/// A message deleted for good (not trashed).
public struct HistoryMessageDeleted: Sendable, Equatable, Decodable {
    /// Usually only `id` and `threadID`.
    public var message: Message

    public init(message: Message) {
        self.message = message
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        message = try json.object("message", as: Message.self) ?? Message()
    }
}

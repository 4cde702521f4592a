import Foundation

/// Labels put on or taken off a message: the delta, and the message with its full labels afterwards
/// (schemas `HistoryLabelAdded` and `HistoryLabelRemoved`, which have the same fields).
public struct GmailHistoryLabelChange: Sendable, Equatable, Decodable {
    /// The message with its complete current `labelIDs`.
    public var message: GmailMessage
    /// Only the labels this change added (in `labelsAdded`) or removed (in `labelsRemoved`).
    public var labelIDs: [String]

    public init(message: GmailMessage, labelIDs: [String] = []) {
        self.message = message
        self.labelIDs = labelIDs
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        message = try json.object("message", as: GmailMessage.self) ?? GmailMessage()
        labelIDs = try json.strings("labelIds")
    }
}

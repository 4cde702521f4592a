import Foundation

/// A message as `messages.list` names it: only its ID and its thread's ID.
public struct GmailMessageRef: Sendable, Hashable, Decodable {
    public var id: String
    public var threadID: String

    public init(id: String, threadID: String = "") {
        self.id = id
        self.threadID = threadID
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        id = try json.string("id")
        threadID = try json.string("threadId")
    }
}

import Foundation

/// One page of `messages.list`: message references, newest first, and the next page's token.
public struct GmailListMessagesResponse: Sendable, Equatable, Decodable {
    /// Empty when nothing matched (Gmail then sends no `messages` key at all).
    public var messages: [GmailMessageRef]
    /// Empty on the last page.
    public var nextPageToken: String
    /// Gmail's rough guess; never a count.
    public var resultSizeEstimate: Int

    public init(messages: [GmailMessageRef] = [], nextPageToken: String = "", resultSizeEstimate: Int = 0) {
        self.messages = messages
        self.nextPageToken = nextPageToken
        self.resultSizeEstimate = resultSizeEstimate
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        messages = try json.array("messages", of: GmailMessageRef.self)
        nextPageToken = try json.string("nextPageToken")
        resultSizeEstimate = try json.int("resultSizeEstimate")
    }
}

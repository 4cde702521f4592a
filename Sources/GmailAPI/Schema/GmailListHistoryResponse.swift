import Foundation

/// One page of `history.list`: records in order, the next page's token and the mailbox's
/// current history ID.
public struct GmailListHistoryResponse: Sendable, Equatable, Decodable {
    /// Empty when nothing changed (Gmail then sends only `historyId`).
    public var history: [GmailHistory]
    /// Empty on the last page.
    public var nextPageToken: String
    /// The mailbox's current history ID; on the last page, the next cursor. 0 when absent.
    public var historyID: UInt64

    public init(history: [GmailHistory] = [], nextPageToken: String = "", historyID: UInt64 = 0) {
        self.history = history
        self.nextPageToken = nextPageToken
        self.historyID = historyID
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        history = try json.array("history", of: GmailHistory.self)
        nextPageToken = try json.string("nextPageToken")
        historyID = try json.uint64("historyId")
    }
}

import Foundation

/// A kind of history record, to filter `history.list` with (`historyTypes`).
public enum GmailHistoryType: String, Sendable, CaseIterable, Hashable {
    case messageAdded
    case messageDeleted
    case labelAdded
    case labelRemoved
}

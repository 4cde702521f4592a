import Foundation

/// A label change made here that Gmail has not confirmed yet: one per message, the person's changes
/// folded together (`LabelChange.then`). Sync sends it and forgets it only once Gmail said yes.
public struct PendingLabelChange: Sendable, Hashable {
    public var gmailID: String
    public var change: LabelChange
    /// Failed tries so far, and what Gmail said the last time.
    public var attempts: Int
    public var lastError: String?

    public init(gmailID: String, change: LabelChange, attempts: Int = 0, lastError: String? = nil) {
        self.gmailID = gmailID
        self.change = change
        self.attempts = attempts
        self.lastError = lastError
    }

    /// The most ids one messages.batchModify takes.
    public static let batchLimit = 1_000

    /// One call's worth: messages that take the same change.
    public struct Batch: Sendable, Hashable {
        public var change: LabelChange
        public var changes: [PendingLabelChange]

        public var gmailIDs: [String] { changes.map(\.gmailID) }
    }

    /// Groups pending changes into calls: one per distinct change, in the order each change first
    /// appears, split into batches of at most `limit` messages.
    public static func batches(_ pending: [PendingLabelChange], limit: Int = batchLimit) -> [Batch] {
        var order: [LabelChange] = []
        var groups: [LabelChange: [PendingLabelChange]] = [:]
        for item in pending {
            if groups[item.change] == nil { order.append(item.change) }
            groups[item.change, default: []].append(item)
        }
        let size = max(1, limit)
        return order.flatMap { change -> [Batch] in
            let members = groups[change] ?? []
            return stride(from: 0, to: members.count, by: size).map {
                Batch(change: change, changes: Array(members[$0..<min($0 + size, members.count)]))
            }
        }
    }

    /// How long a change Gmail refused waits before the next try: 30 s doubling per attempt, at
    /// most an hour (a refusal that lasts is usually a label gone or a permission withdrawn).
    public static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        min(3_600, 30 * pow(2, Double(max(0, attempts - 1))))
    }
}

/// What one partial sync must do, folded from history: fetch, delete and relabel sets that are
/// disjoint (an id is in at most one of them).
public struct SyncPlan: Sendable, Equatable {
    /// Messages to fetch, in the order history first mentioned them, each once.
    public var fetch: [(id: String, threadID: String)]
    /// Stored messages to remove.
    public var delete: Set<String>
    /// Stored messages whose labels become exactly these (no fetch needed).
    public var relabel: [String: [String]]

    public init(fetch: [(id: String, threadID: String)] = [], delete: Set<String> = [],
                relabel: [String: [String]] = [:]) {
        self.fetch = fetch
        self.delete = delete
        self.relabel = relabel
    }

    /// True when the history changed nothing we keep (the cursor still moves).
    public var isEmpty: Bool { fetch.isEmpty && delete.isEmpty && relabel.isEmpty }

    public static func == (lhs: SyncPlan, rhs: SyncPlan) -> Bool {
        lhs.fetch.count == rhs.fetch.count
            && zip(lhs.fetch, rhs.fetch).allSatisfy { $0.id == $1.id && $0.threadID == $1.threadID }
            && lhs.delete == rhs.delete && lhs.relabel == rhs.relabel
    }
}

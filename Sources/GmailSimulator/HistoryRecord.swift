/// One history record: its id and what it changed, with each message's labels after the change.
struct HistoryRecord: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case messageAdded
        case messageDeleted
        case labelAdded
        case labelRemoved
    }

    struct Change: Sendable {
        var kind: Kind
        var messageID: String
        var threadID: String
        /// The message's labels after the change.
        var labelsAfter: [String]
        /// The labels added or removed (label changes only).
        var delta: [String] = []
    }

    let id: UInt64
    var changes: [Change]

    /// Whether any change touches a message carrying (or gaining or losing) `label`.
    func touches(label: String) -> Bool {
        changes.contains { $0.labelsAfter.contains(label) || $0.delta.contains(label) }
    }

    /// The record as history.list writes it, keeping only changes of `kinds`; nil when none remain.
    func json(kinds: Set<Kind>) -> JSON? {
        let kept = changes.filter { kinds.contains($0.kind) }
        guard !kept.isEmpty else { return nil }
        var seen = Set<String>()
        var touched: [JSON] = []
        for change in kept where seen.insert(change.messageID).inserted {
            touched.append(.object([("id", .string(change.messageID)), ("threadId", .string(change.threadID))]))
        }
        func message(_ change: Change, labels: Bool) -> JSON {
            .compactObject([("id", .string(change.messageID)), ("threadId", .string(change.threadID)),
                            ("labelIds", labels ? .strings(change.labelsAfter) : nil)])
        }
        func entries(_ kind: Kind) -> JSON? {
            let items = kept.filter { $0.kind == kind }.map { change -> JSON in
                switch kind {
                case .messageAdded: return .object([("message", message(change, labels: true))])
                case .messageDeleted: return .object([("message", message(change, labels: false))])
                case .labelAdded, .labelRemoved:
                    return .object([("message", message(change, labels: true)), ("labelIds", .strings(change.delta))])
                }
            }
            return items.isEmpty ? nil : .array(items)
        }
        return .compactObject([
            ("id", .string(String(id))),
            ("messages", .array(touched)),
            ("messagesAdded", entries(.messageAdded)),
            ("messagesDeleted", entries(.messageDeleted)),
            ("labelsAdded", entries(.labelAdded)),
            ("labelsRemoved", entries(.labelRemoved)),
        ])
    }
}

/// One message-level change from Gmail's history, as the sync planner reads it.
///
/// `labels` is the message's **full** label set after the change (history carries it on
/// `messagesAdded` and on the `message` of `labelsAdded`/`labelsRemoved`), not the delta.
public enum HistoryChange: Sendable, Hashable {
    /// `messagesAdded`: a new message (or one that came back into view).
    case added(id: String, threadID: String, labels: [String])
    /// `messagesDeleted`: deleted for good (trash and spam are label changes).
    case deleted(id: String)
    /// `labelsAdded` or `labelsRemoved`.
    case labelsChanged(id: String, threadID: String, labels: [String])

    /// The Gmail message id.
    public var id: String {
        switch self {
        case .added(let id, _, _), .deleted(let id), .labelsChanged(let id, _, _): id
        }
    }
}

/// What one mail action (or its undo) did here: per message, the labels that really changed, and
/// how many of those changes wait for Gmail. Holding it is enough to undo it (`inverse`).
public struct LabelEdit: Sendable, Hashable {
    /// One message whose labels changed, and how.
    public struct Message: Sendable, Hashable {
        public let id: Int64
        public let change: LabelChange

        public init(id: Int64, change: LabelChange) {
            self.id = id
            self.change = change
        }
    }

    /// The messages whose labels changed (a message that already had the labels is left out).
    public var messages: [Message]
    /// How many messages the action covered, changed or not.
    public var covered: Int
    /// How many of the changed messages Gmail will be told about at the next sync; imported mail
    /// is not in Gmail, so its changes stay here.
    public var queued: Int

    public init(messages: [Message] = [], covered: Int = 0, queued: Int = 0) {
        self.messages = messages
        self.covered = covered
        self.queued = queued
    }

    /// True when nothing changed.
    public var isEmpty: Bool { messages.isEmpty }

    /// The changes that undo this edit, message by message.
    public var inverse: [Message] { messages.map { Message(id: $0.id, change: $0.change.inverse) } }
}

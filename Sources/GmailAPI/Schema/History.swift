import Foundation

/// One history record: the changes one mailbox action made (schema `History`).
public struct History: Sendable, Equatable, Decodable {
    /// The record's ID; IDs rise in time, with gaps.
    public var id: UInt64
    /// Every message the record touches, repeating the typed lists; prefer those.
    public var messages: [MessageRef]
    public var messagesAdded: [HistoryMessageAdded]
    /// Permanent deletions only; trash and spam are label changes.
    public var messagesDeleted: [HistoryMessageDeleted]
    public var labelsAdded: [HistoryLabelAdded]
    public var labelsRemoved: [HistoryLabelRemoved]

    public init(id: UInt64 = 0, messages: [MessageRef] = [], messagesAdded: [HistoryMessageAdded] = [],
                messagesDeleted: [HistoryMessageDeleted] = [], labelsAdded: [HistoryLabelAdded] = [],
                labelsRemoved: [HistoryLabelRemoved] = []) {
        self.id = id
        self.messages = messages
        self.messagesAdded = messagesAdded
        self.messagesDeleted = messagesDeleted
        self.labelsAdded = labelsAdded
        self.labelsRemoved = labelsRemoved
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        id = try json.uint64("id")
        messages = try json.array("messages", of: MessageRef.self)
        messagesAdded = try json.array("messagesAdded", of: HistoryMessageAdded.self)
        messagesDeleted = try json.array("messagesDeleted", of: HistoryMessageDeleted.self)
        labelsAdded = try json.array("labelsAdded", of: HistoryLabelAdded.self)
        labelsRemoved = try json.array("labelsRemoved", of: HistoryLabelRemoved.self)
    }
}

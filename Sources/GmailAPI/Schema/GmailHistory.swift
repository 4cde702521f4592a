import Foundation

/// One history record: the changes one mailbox action made (schema `History`).
public struct GmailHistory: Sendable, Equatable, Decodable {
    /// The record's ID; IDs rise in time, with gaps.
    public var id: UInt64
    /// Every message the record touches, repeating the typed lists; prefer those.
    public var messages: [GmailMessageRef]
    /// Messages that arrived or were sent, with their labels at the time of the record.
    public var messagesAdded: [GmailHistoryMessageChange]
    /// Permanent deletions only; trash and spam are label changes.
    public var messagesDeleted: [GmailHistoryMessageChange]
    /// Labels put on messages.
    public var labelsAdded: [GmailHistoryLabelChange]
    /// Labels taken off messages.
    public var labelsRemoved: [GmailHistoryLabelChange]

    public init(id: UInt64 = 0, messages: [GmailMessageRef] = [], messagesAdded: [GmailHistoryMessageChange] = [],
                messagesDeleted: [GmailHistoryMessageChange] = [], labelsAdded: [GmailHistoryLabelChange] = [],
                labelsRemoved: [GmailHistoryLabelChange] = []) {
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
        messages = try json.array("messages", of: GmailMessageRef.self)
        messagesAdded = try json.array("messagesAdded", of: GmailHistoryMessageChange.self)
        messagesDeleted = try json.array("messagesDeleted", of: GmailHistoryMessageChange.self)
        labelsAdded = try json.array("labelsAdded", of: GmailHistoryLabelChange.self)
        labelsRemoved = try json.array("labelsRemoved", of: GmailHistoryLabelChange.self)
    }
}

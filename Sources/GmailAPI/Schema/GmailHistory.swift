import Foundation

/// One history record: the changes one mailbox action made (schema `History`).
public struct GmailHistory: Sendable, Equatable, Decodable {
    /// The record's ID; IDs rise in time, with gaps.
    public var id: UInt64
    /// Every message the record touches, repeating the typed lists; prefer those.
    public var messages: [GmailMessageRef]
    public var messagesAdded: [GmailHistoryMessageAdded]
    /// Permanent deletions only; trash and spam are label changes.
    public var messagesDeleted: [GmailHistoryMessageDeleted]
    public var labelsAdded: [GmailHistoryLabelAdded]
    public var labelsRemoved: [GmailHistoryLabelRemoved]

    public init(id: UInt64 = 0, messages: [GmailMessageRef] = [], messagesAdded: [GmailHistoryMessageAdded] = [],
                messagesDeleted: [GmailHistoryMessageDeleted] = [], labelsAdded: [GmailHistoryLabelAdded] = [],
                labelsRemoved: [GmailHistoryLabelRemoved] = []) {
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
        messagesAdded = try json.array("messagesAdded", of: GmailHistoryMessageAdded.self)
        messagesDeleted = try json.array("messagesDeleted", of: GmailHistoryMessageDeleted.self)
        labelsAdded = try json.array("labelsAdded", of: GmailHistoryLabelAdded.self)
        labelsRemoved = try json.array("labelsRemoved", of: GmailHistoryLabelRemoved.self)
    }
}

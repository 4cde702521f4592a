import Foundation
import MailFormat

/// How an email joins the conversation it answers: In-Reply-To and References (RFC 5322 §3.6.4),
/// and the Gmail thread to send it into. Gmail thread ids are per mailbox, so the id holds only
/// for mail sent from `threadMailbox`.
public struct Threading: Sendable, Hashable, Codable {
    /// The parent's Message-ID, without angle brackets; nil for mail that answers nothing.
    public var inReplyTo: String?
    /// The conversation's Message-IDs, oldest first, ending with the parent's.
    public var references: [String]
    /// Gmail's id of the parent's thread in `threadMailbox`.
    public var threadID: String?
    /// The mailbox (address) whose thread `threadID` names.
    public var threadMailbox: String?

    public init(inReplyTo: String? = nil, references: [String] = [], threadID: String? = nil,
                threadMailbox: String? = nil) {
        self.inReplyTo = inReplyTo
        self.references = references
        self.threadID = threadID
        self.threadMailbox = threadMailbox
    }

    /// The most Message-IDs a References field carries: the first (the conversation's start) and
    /// the newest, the rest dropped, so that a long conversation does not grow every reply without end.
    public static let maximumReferences = 20

    /// Threading for an answer to a message whose Message-ID is `parent` and whose own References
    /// (else its In-Reply-To) are `parentReferences`: In-Reply-To the parent, References theirs plus
    /// the parent, trimmed to `maximumReferences`, ids that cannot be written in a header left out.
    public init(answering parent: String?, parentReferences: [String], threadID: String?, in mailbox: EmailAddress) {
        guard let parent, MessageIDList.isWritable(parent) else {
            self.init()
            return
        }
        var chain: [String] = []
        for id in parentReferences + [parent] where MessageIDList.isWritable(id) {
            if let seen = chain.firstIndex(of: id) { chain.remove(at: seen) }
            chain.append(id)
        }
        if chain.count > Self.maximumReferences {
            chain = [chain[0]] + chain.suffix(Self.maximumReferences - 1)
        }
        self.init(inReplyTo: parent, references: chain, threadID: threadID, threadMailbox: threadID == nil ? nil : mailbox.value)
    }

    /// Whether it answers a message.
    public var isReply: Bool { inReplyTo != nil }

    /// The Gmail thread to send into from `mailbox`: `threadID` when it is that mailbox's, else nil
    /// (Gmail starts a thread; the headers still thread the mail in every reader).
    public func threadID(sendingFrom mailbox: EmailAddress) -> String? {
        threadMailbox == mailbox.value ? threadID : nil
    }
}

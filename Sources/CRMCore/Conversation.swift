import Foundation

/// One conversation of a mailbox, as a mail list shows it: a Gmail thread (or, for mail without a
/// thread id, the message alone) summed up by the store whenever one of its messages changes.
public struct Conversation: Sendable, Hashable {
    /// The store's row id; with `lastAt`, where a page ends (`cursor`).
    public let id: Int64
    public let mailboxID: Int64
    /// The mailbox that holds it.
    public let account: EmailAddress
    /// Gmail's thread id; for imported mail the Message-ID its References start from, and for mail
    /// with no thread at all its own Gmail id.
    public let threadID: String
    /// The subject of its first message.
    public let subject: String
    /// Everyone on its messages (From, To and Cc, the mailbox's own address included), each once, in
    /// the order they first appear (oldest message first; From, then To, then Cc); named by the first of
    /// their own messages that gave a name.
    public let participants: [Participant]
    public let messageCount: Int
    public let unreadCount: Int
    /// When its newest message arrived.
    public let lastAt: Date
    /// Every label any of its messages carries, by name (a user label's Gmail name when sync has listed
    /// the mailbox's labels, else as stored).
    public let labels: [String]
    /// Its messages' ids (what `rapport mail show` takes), oldest first.
    public let messageIDs: [Int64]
    /// How many attachments its messages carry together (0 for mail stored before they were recorded).
    public let attachmentCount: Int

    public init(id: Int64, mailboxID: Int64, account: EmailAddress, threadID: String, subject: String,
                participants: [Participant], messageCount: Int, unreadCount: Int, lastAt: Date, labels: [String],
                messageIDs: [Int64], attachmentCount: Int = 0) {
        self.id = id
        self.mailboxID = mailboxID
        self.account = account
        self.threadID = threadID
        self.subject = subject
        self.participants = participants
        self.messageCount = messageCount
        self.unreadCount = unreadCount
        self.lastAt = lastAt
        self.labels = labels
        self.messageIDs = messageIDs
        self.attachmentCount = attachmentCount
    }

    /// Someone on a conversation: an address, and a name when their own mail gave one.
    public struct Participant: Sendable, Hashable {
        public let name: String?
        public let address: EmailAddress

        public init(name: String?, address: EmailAddress) {
            self.name = name
            self.address = address
        }
    }

    /// Where the next (older) page starts.
    public var cursor: ConversationCursor { ConversationCursor(lastAt: Int64(lastAt.timeIntervalSince1970), id: id) }
}

/// A message in a simulated mailbox: its id, thread, labels and history id, and its content.
struct StoredMessage: Sendable {
    let id: String
    var threadID: String
    /// Label ids in the order they were added.
    var labelIDs: [String]
    /// The id of the last history record that changed this message.
    var historyID: UInt64
    /// Milliseconds since 1970.
    let internalDate: Int64
    let content: MessageContent
    /// Set when trash took INBOX away, so untrash puts it back.
    var wasInInboxBeforeTrash = false
}

/// A message as tests and tools see it (`GmailSimulator.message(id:in:)`).
public struct SimulatedMessage: Sendable {
    /// The Gmail id (16 hex digits).
    public let id: String
    /// The thread id (the id of the thread's first message).
    public let threadId: String
    /// Current label ids, in the order they were added.
    public let labelIds: [String]
    /// The history id of the message's last change, as a decimal string.
    public let historyId: String
    /// Milliseconds since 1970.
    public let internalDate: Int64
    /// The stored bytes (CRLF line ends; what `format=raw` returns).
    public let raw: [UInt8]
    /// The Message-ID header without angle brackets.
    public let messageIDHeader: String?

    init(_ stored: StoredMessage) {
        id = stored.id
        threadId = stored.threadID
        labelIds = stored.labelIDs
        historyId = String(stored.historyID)
        internalDate = stored.internalDate
        raw = stored.content.raw
        messageIDHeader = stored.content.messageID
    }
}

import Foundation

/// A Gmail REST method, as the quota tables price it.
public enum GmailMethod: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    case getProfile = "users.getProfile"
    case messagesList = "users.messages.list"
    case messagesGet = "users.messages.get"
    case attachmentsGet = "users.messages.attachments.get"
    case messagesSend = "users.messages.send"
    case messagesModify = "users.messages.modify"
    case messagesBatchModify = "users.messages.batchModify"
    case messagesTrash = "users.messages.trash"
    case messagesUntrash = "users.messages.untrash"
    case messagesImport = "users.messages.import"
    case messagesInsert = "users.messages.insert"
    case historyList = "users.history.list"
    case labelsList = "users.labels.list"
    case labelsGet = "users.labels.get"
    case threadsGet = "users.threads.get"
    case threadsList = "users.threads.list"
    case draftsCreate = "users.drafts.create"
    case draftsUpdate = "users.drafts.update"
    case draftsGet = "users.drafts.get"
    case draftsList = "users.drafts.list"
    case draftsSend = "users.drafts.send"

    /// The discovery document's method ID without the `gmail.` prefix, e.g. "users.messages.get".
    public var description: String { rawValue }

    /// The short name used in error text, e.g. "messages.get".
    var shortName: String { rawValue.hasPrefix("users.") ? String(rawValue.dropFirst(6)) : rawValue }
}

/// What a person does to mail they received: read state, archive and trash, as changes of Gmail labels.
public enum MailAction: String, Sendable, CaseIterable, Hashable {
    case read, unread, archive, unarchive, trash, untrash

    /// The labels it adds and removes on each message it covers.
    public var change: LabelChange {
        switch self {
        case .read: LabelChange(remove: ["UNREAD"])
        case .unread: LabelChange(add: ["UNREAD"])
        case .archive: LabelChange(remove: ["INBOX"])
        case .unarchive: LabelChange(add: ["INBOX"])
        // As messages.trash: Trash takes the message out of the inbox and out of Spam.
        case .trash: LabelChange(add: ["TRASH"], remove: ["INBOX", "SPAM"])
        // As Gmail's "Move to Inbox" from Trash: the inbox is where the person will look for it.
        case .untrash: LabelChange(add: ["INBOX"], remove: ["TRASH"])
        }
    }

    /// What it really does to a message carrying `labels`: `change` less what is already so. Untrash
    /// touches only what is in the trash, and unarchive leaves trash and spam alone (a conversation
    /// moved back to the inbox does not bring back a message deleted from it).
    public func effect(on labels: [String]) -> LabelChange {
        switch self {
        case .untrash where !labels.contains("TRASH"): LabelChange()
        case .unarchive where labels.contains("TRASH") || labels.contains("SPAM"): LabelChange()
        default: change.effect(on: labels)
        }
    }

    /// Whether it covers the whole conversation (every message of the thread in that mailbox), as
    /// archive and trash do in Gmail, rather than the one message (read state is per message: a
    /// conversation is read as its messages are opened).
    public var coversConversation: Bool {
        switch self {
        case .read, .unread: false
        case .archive, .unarchive, .trash, .untrash: true
        }
    }
}

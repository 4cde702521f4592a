/// Which conversations a mail list shows: Gmail's views by their usual names, or one of the
/// mailbox's own labels.
public enum MailFolder: Sendable, Hashable {
    /// Conversations with a message in the Inbox.
    case inbox
    /// Conversations with a message the mailbox sent.
    case sent
    /// Conversations with a message outside Trash and Spam (Gmail's "All Mail").
    case allMail
    /// Conversations with an unread message.
    case unread
    /// Conversations with a message in the Trash.
    case trash
    /// Conversations with a message carrying this label: its name as Gmail shows it, or its id.
    case label(String)

    /// The view a word names (`inbox`, `sent`, `all`, `unread`, `trash`, in any case), else a label of that name.
    public init(_ text: String) {
        switch text.lowercased() {
        case "inbox": self = .inbox
        case "sent": self = .sent
        case "all": self = .allMail
        case "unread": self = .unread
        case "trash": self = .trash
        default: self = .label(text)
        }
    }

    /// The words for the views, as `--label` takes them.
    public static let viewNames = ["inbox", "sent", "all", "unread", "trash"]

    /// The Gmail system label that makes the view; nil for All Mail and for a user's label.
    public var systemLabel: String? {
        switch self {
        case .inbox: return "INBOX"
        case .sent: return "SENT"
        case .unread: return "UNREAD"
        case .trash: return "TRASH"
        case .allMail, .label: return nil
        }
    }

    /// How people call it: "Inbox", "All Mail", "the label “Customers”".
    public var title: String {
        switch self {
        case .inbox: return "Inbox"
        case .sent: return "Sent"
        case .allMail: return "All Mail"
        case .unread: return "Unread"
        case .trash: return "Trash"
        case .label(let name): return "the label “\(name)”"
        }
    }

    /// The word `--label` takes for it.
    public var word: String {
        switch self {
        case .inbox: return "inbox"
        case .sent: return "sent"
        case .allMail: return "all"
        case .unread: return "unread"
        case .trash: return "trash"
        case .label(let name): return name
        }
    }
}

import Foundation

/// A system or user label (schema `Label`); counts and colour come only from `labels.get`.
public struct GmailLabel: Sendable, Equatable, Decodable {
    /// `INBOX`, `UNREAD`… for system labels, `Label_123` for user labels.
    public var id: String
    public var name: String
    /// "system" or "user".
    public var type: String
    /// "show" or "hide"; empty when absent.
    public var messageListVisibility: String
    /// "labelShow", "labelShowIfUnread" or "labelHide"; empty when absent.
    public var labelListVisibility: String
    public var messagesTotal: Int
    public var messagesUnread: Int
    public var threadsTotal: Int
    public var threadsUnread: Int
    /// Set only by `labels.get`, and only for user labels with a colour.
    public var color: GmailLabelColor?

    public init(id: String = "", name: String = "", type: String = "", messageListVisibility: String = "",
                labelListVisibility: String = "", messagesTotal: Int = 0, messagesUnread: Int = 0,
                threadsTotal: Int = 0, threadsUnread: Int = 0, color: GmailLabelColor? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.messageListVisibility = messageListVisibility
        self.labelListVisibility = labelListVisibility
        self.messagesTotal = messagesTotal
        self.messagesUnread = messagesUnread
        self.threadsTotal = threadsTotal
        self.threadsUnread = threadsUnread
        self.color = color
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        id = try json.string("id")
        name = try json.string("name")
        type = try json.string("type")
        messageListVisibility = try json.string("messageListVisibility")
        labelListVisibility = try json.string("labelListVisibility")
        messagesTotal = try json.int("messagesTotal")
        messagesUnread = try json.int("messagesUnread")
        threadsTotal = try json.int("threadsTotal")
        threadsUnread = try json.int("threadsUnread")
        color = try json.object("color", as: GmailLabelColor.self)
    }

    /// Whether this is one of Gmail's own labels.
    public var isSystem: Bool { type == "system" }
}

/// A user label's colours, as "#rrggbb" strings (schema `LabelColor`).
public struct GmailLabelColor: Sendable, Equatable, Decodable {
    public var textColor: String
    public var backgroundColor: String

    public init(textColor: String = "", backgroundColor: String = "") {
        self.textColor = textColor
        self.backgroundColor = backgroundColor
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        textColor = try json.string("textColor")
        backgroundColor = try json.string("backgroundColor")
    }
}

/// A label of a Gmail mailbox, as `labels.list` gives it.
public struct MailLabel: Sendable, Hashable {
    /// `INBOX`, `UNREAD`… for Gmail's own labels; `Label_12` for the user's.
    public let id: String
    /// What Gmail shows ("Customers/Acme"); the id for Gmail's own labels.
    public let name: String
    /// Whether Gmail made it (system) rather than the user.
    public let isSystem: Bool

    public init(id: String, name: String, isSystem: Bool) {
        self.id = id
        self.name = name
        self.isSystem = isSystem
    }
}

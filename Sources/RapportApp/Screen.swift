/// The screens of the app; the header shows the first five as tabs.
public enum Screen: Hashable, Sendable {
    /// Connected mailboxes and the selected one's mail.
    case mail
    /// Outgoing mail grouped by status.
    case outbox
    /// The team's contacts, filtered as you type.
    case contacts
    /// Search over everything, results as you type.
    case search
    /// Sent mail waiting for a reply, and reminders: due ones first.
    case followups
    /// One contact's card, insights and activities.
    case timeline(contactID: Int64)
    /// One email, whole.
    case message(MessageRef)
    /// Every message of the conversation a stored email belongs to, oldest first.
    case conversation(ofMessage: Int64)
    /// Writing an email.
    case composer
    /// The deal pipeline by stage, and every deal.
    case deals
    /// One deal: its contacts, mail and activities.
    case deal(id: Int64)

    /// The tab this screen belongs under.
    var tab: Tab {
        switch self {
        case .mail, .message, .conversation: return .mail
        case .outbox, .composer: return .outbox
        case .contacts, .timeline: return .contacts
        case .search: return .search
        case .deals, .deal: return .deals
        case .followups: return .followups
        }
    }
}

/// The tabs of the header, each with its number key.
enum Tab: Int, CaseIterable {
    case mail = 1, outbox, contacts, search, deals, followups

    var title: String {
        switch self {
        case .mail: return "Mail"
        case .outbox: return "Outbox"
        case .contacts: return "Contacts"
        case .search: return "Search"
        case .deals: return "Deals"
        case .followups: return "Follow-ups"
        }
    }

    var screen: Screen {
        switch self {
        case .mail: return .mail
        case .outbox: return .outbox
        case .contacts: return .contacts
        case .search: return .search
        case .deals: return .deals
        case .followups: return .followups
        }
    }
}

/// Which part of a two-pane screen has the keys.
enum Focus: Hashable, Sendable {
    case primary
    case secondary
}

/// An email to read: one that arrived (or synced from Sent), or one written in Rapport.
public enum MessageRef: Hashable, Sendable {
    case incoming(Int64)
    case outgoing(Int64)
}

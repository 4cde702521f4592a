import Foundation

/// One entry on a contact's timeline: an email in or out, a call, a meeting or a note.
public struct Activity: Sendable, Hashable {
    public let id: Int64
    public let teamID: Int64
    public let contactID: Int64
    /// The teammate who handled it; nil when that user was removed.
    public var userLogin: String?
    public var type: ActivityType
    public var direction: Direction?
    public var occurredAt: Date
    public var subject: String?
    public var summary: String
    public let source: ActivitySource

    public init(id: Int64, teamID: Int64, contactID: Int64, userLogin: String?, type: ActivityType,
                direction: Direction?, occurredAt: Date, subject: String?, summary: String,
                source: ActivitySource) {
        self.id = id
        self.teamID = teamID
        self.contactID = contactID
        self.userLogin = userLogin
        self.type = type
        self.direction = direction
        self.occurredAt = occurredAt
        self.subject = subject
        self.summary = summary
        self.source = source
    }
}

/// The kinds of timeline entry.
public enum ActivityType: String, Sendable, CaseIterable, Hashable {
    case email, call, meeting, note

    /// The kinds a person records by hand; emails come from mail.
    public static let manual: [ActivityType] = [.call, .meeting, .note]
}

/// Which way an email (or call) went.
public enum Direction: String, Sendable, CaseIterable, Hashable {
    case incoming = "in"
    case outgoing = "out"
}

/// Where a timeline entry came from.
public enum ActivitySource: Sendable, Hashable {
    case manual
    case incomingEmail(Int64)
    case outgoingEmail(Int64)

    /// Builds a source from its stored parts; nil for an unknown type.
    public init?(type: String, id: Int64?) {
        switch (type, id) {
        case ("manual", _): self = .manual
        case ("incoming_email", let id?): self = .incomingEmail(id)
        case ("outgoing_email", let id?): self = .outgoingEmail(id)
        default: return nil
        }
    }

    public var type: String {
        switch self {
        case .manual: return "manual"
        case .incomingEmail: return "incoming_email"
        case .outgoingEmail: return "outgoing_email"
        }
    }

    public var id: Int64? {
        switch self {
        case .manual: return nil
        case .incomingEmail(let id), .outgoingEmail(let id): return id
        }
    }
}

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
    /// How long a call or meeting took, in minutes, when said.
    public var durationMinutes: Int?
    /// How a call or meeting ended ("booked a demo", "voicemail"), when said.
    public var outcome: String?

    public init(id: Int64, teamID: Int64, contactID: Int64, userLogin: String?, type: ActivityType,
                direction: Direction?, occurredAt: Date, subject: String?, summary: String,
                source: ActivitySource, durationMinutes: Int? = nil, outcome: String? = nil) {
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
        self.durationMinutes = durationMinutes
        self.outcome = outcome
    }
}

/// The kinds of timeline entry.
public enum ActivityType: String, Sendable, CaseIterable, Hashable {
    case email, call, meeting, note

    /// The kinds a person records by hand; emails come from mail.
    public static let manual: [ActivityType] = [.call, .meeting, .note]

    /// Whether this kind has a time, a duration and an outcome worth asking for (calls and meetings).
    public var hasDetails: Bool { self == .call || self == .meeting }
}

/// Reads a duration as a person types it: "30", "30m", "1h", "1h30", "1h30m", "90 min".
public enum ActivityDuration {
    /// The minutes `text` says, nil when it is not a duration (or longer than a day).
    public static func minutes(_ text: String) -> Int? {
        var rest = text.lowercased().filter { !$0.isWhitespace }
        for word in ["minutes", "minute", "mins", "min"] where rest.hasSuffix(word) {
            rest = String(rest.dropLast(word.count)) + "m"
            break
        }
        guard !rest.isEmpty else { return nil }
        var total = 0
        var number = ""
        var sawHours = false
        var sawMinutes = false
        for character in rest {
            guard !sawMinutes else { return nil }
            if character.isASCII, character.isNumber {
                number.append(character)
                guard number.count <= 4 else { return nil }
            } else if character == "h", !number.isEmpty, !sawHours {
                total += Int(number)! * 60
                number = ""
                sawHours = true
            } else if character == "m", !number.isEmpty {
                total += Int(number)!
                number = ""
                sawMinutes = true
            } else {
                return nil
            }
        }
        total += Int(number) ?? 0
        return (0...24 * 60).contains(total) && total > 0 ? total : nil
    }

    /// "45m", "1h", "1h30m".
    public static func text(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        if hours == 0 { return "\(rest)m" }
        return rest == 0 ? "\(hours)h" : "\(hours)h\(rest)m"
    }
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

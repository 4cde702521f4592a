import Foundation

/// One thing to follow up: a sent email still waiting for a reply, or a reminder someone set.
public struct Followup: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case awaitingReply = "awaiting_reply"
        case reminder
    }

    public let kind: Kind
    /// How `followups done` and `snooze` name it.
    public let key: FollowupKey
    public let outgoingEmailID: Int64?
    public let contactID: Int64?
    public let to: [EmailAddress]
    public let subject: String?
    public let sentAt: Date?
    /// When it needs doing: N days after sending (or the end of a snooze), or the reminder's time.
    public let dueAt: Date
    /// Whole days since the email was sent; for a reminder without an email, days past its time (0 before).
    public let daysWaiting: Int
    public let note: String?

    public init(kind: Kind, key: FollowupKey, outgoingEmailID: Int64?, contactID: Int64?, to: [EmailAddress],
                subject: String?, sentAt: Date?, dueAt: Date, daysWaiting: Int, note: String?) {
        self.kind = kind
        self.key = key
        self.outgoingEmailID = outgoingEmailID
        self.contactID = contactID
        self.to = to
        self.subject = subject
        self.sentAt = sentAt
        self.dueAt = dueAt
        self.daysWaiting = daysWaiting
        self.note = note
    }

    /// Whether it is due at `now`.
    public func isDue(at now: Date) -> Bool { dueAt <= now }
}

/// How a person names a follow-up: "email:7" (a sent email awaiting a reply, or a bare 7) or
/// "reminder:3".
public enum FollowupKey: Sendable, Hashable, CustomStringConvertible {
    case email(Int64)
    case reminder(Int64)

    /// Reads "email:7", "7" or "reminder:3"; nil for anything else.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false)
        switch (parts.count, parts.first) {
        case (1, _): guard let id = Int64(parts[0]), id > 0 else { return nil }; self = .email(id)
        case (2, "email"): guard let id = Int64(parts[1]), id > 0 else { return nil }; self = .email(id)
        case (2, "reminder"): guard let id = Int64(parts[1]), id > 0 else { return nil }; self = .reminder(id)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .email(let id): return "email:\(id)"
        case .reminder(let id): return "reminder:\(id)"
        }
    }
}

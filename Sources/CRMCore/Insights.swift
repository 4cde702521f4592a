import Foundation

/// Cadence and responsiveness with one contact, computed from their timeline. Pure.
public struct ContactInsights: Sendable, Equatable {
    /// One timeline event as insights see it.
    public struct Event: Sendable, Equatable {
        public let type: ActivityType
        public let direction: Direction?
        public let at: Date

        public init(type: ActivityType, direction: Direction?, at: Date) {
            self.type = type
            self.direction = direction
            self.at = at
        }
    }

    /// Emails each way in one seven-day window.
    public struct Week: Sendable, Equatable {
        public let start: Date
        public let incoming: Int
        public let outgoing: Int
    }

    /// Oldest first; the last window ends now.
    public let weeks: [Week]
    public let lastIncoming: Date?
    public let lastOutgoing: Date?
    /// Median time the contact took to answer our email.
    public let medianTheirReply: TimeInterval?
    /// Median time we took to answer theirs.
    public let medianOurReply: TimeInterval?

    /// Summarises `events` (any order) as of `now`, over `weekCount` seven-day windows.
    public init(events: [Event], now: Date, weekCount: Int = 12) {
        let emails = events.filter { $0.type == .email && $0.direction != nil }.sorted { $0.at < $1.at }
        let week: TimeInterval = 7 * 24 * 3600
        let firstStart = now.addingTimeInterval(-week * Double(weekCount))
        var incoming = [Int](repeating: 0, count: weekCount)
        var outgoing = [Int](repeating: 0, count: weekCount)
        for email in emails where email.at >= firstStart && email.at <= now {
            let index = min(weekCount - 1, Int(email.at.timeIntervalSince(firstStart) / week))
            if email.direction == .incoming { incoming[index] += 1 } else { outgoing[index] += 1 }
        }
        weeks = (0..<weekCount).map {
            Week(start: firstStart.addingTimeInterval(week * Double($0)), incoming: incoming[$0], outgoing: outgoing[$0])
        }
        lastIncoming = emails.last { $0.direction == .incoming && $0.at <= now }?.at
        lastOutgoing = emails.last { $0.direction == .outgoing && $0.at <= now }?.at
        var theirs: [TimeInterval] = []
        var ours: [TimeInterval] = []
        for (previous, next) in zip(emails, emails.dropFirst()) where previous.direction != next.direction {
            let gap = next.at.timeIntervalSince(previous.at)
            if next.direction == .incoming { theirs.append(gap) } else { ours.append(gap) }
        }
        medianTheirReply = Self.median(theirs)
        medianOurReply = Self.median(ours)
    }

    static func median(_ values: [TimeInterval]) -> TimeInterval? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Activities that count as being in touch: every kind but a note to self.
    public static let touchTypes: [ActivityType] = [.email, .call, .meeting]

    /// The default number of quiet days after which a contact is going cold.
    public static let defaultColdDays = 30

    /// The moment before which a last touch means the contact is going cold.
    public static func coldThreshold(now: Date, days: Int) -> Date {
        now.addingTimeInterval(-Double(days) * 24 * 3600)
    }
}

/// A contact nobody on the team has been in touch with for a while.
public struct ColdContact: Sendable, Equatable {
    public let contactID: Int64
    public let name: String
    public let lastTouch: Date

    public init(contactID: Int64, name: String, lastTouch: Date) {
        self.contactID = contactID
        self.name = name
        self.lastTouch = lastTouch
    }
}

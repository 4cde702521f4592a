import Foundation

/// How long a person has to pull back an email they queued: the sender leaves it alone until the
/// window since it was queued (`OutgoingEmail.queuedAt`) has passed. The one rule the sender, the
/// store's due query and the app's countdown all read.
public struct UndoWindow: Sendable, Equatable {
    /// Seconds from queueing until the email may go.
    public var length: TimeInterval

    public init(seconds: TimeInterval) {
        length = max(0, seconds)
    }

    /// Ten seconds: time to notice a mistake, short enough not to wait for.
    public static let standard = UndoWindow(seconds: 10)

    /// When the window of an email queued at `queuedAt` ends.
    public func end(queuedAt: Date) -> Date { queuedAt.addingTimeInterval(length) }

    /// When the window of `email` ends; nil when no person queued it (mail queued before Rapport
    /// recorded the time), which has no window.
    public func end(for email: OutgoingEmail) -> Date? { email.queuedAt.map(end(queuedAt:)) }

    /// Whether `email` is queued and still inside its window at `now`, so the sender leaves it alone.
    public func isOpen(for email: OutgoingEmail, at now: Date) -> Bool {
        guard email.status == .queued, let end = end(for: email) else { return false }
        return now < end
    }

    /// Seconds until the window of `email` closes at `now`; 0 when it is closed or there is none.
    public func secondsLeft(for email: OutgoingEmail, at now: Date) -> TimeInterval {
        guard isOpen(for: email, at: now), let end = end(for: email) else { return 0 }
        return end.timeIntervalSince(now)
    }

    /// The latest queue time whose window has closed by `now`: mail queued then or earlier may go.
    public func latestQueueTimeDue(at now: Date) -> Date { now.addingTimeInterval(-length) }
}

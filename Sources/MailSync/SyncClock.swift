import Foundation

/// The time source sync waits on, so tests run minutes of pacing in virtual time.
public protocol SyncClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Blocks the calling thread for `seconds` (or, in a virtual clock, moves time on).
    func sleep(seconds: TimeInterval)
}

/// The wall clock, sleeping the calling thread for real.
///
/// `now()` is `Date()`, so it may jump when the system clock is set; `QuotaBucket` treats a jump
/// back as no time passing and a jump forward as at most one full bucket.
public struct SystemClock: SyncClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(seconds: TimeInterval) {
        guard seconds > 0, seconds.isFinite else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}

import Foundation

/// Truncated exponential backoff with full jitter, honouring Gmail's Retry-After
/// (gmail-api.md §10).
///
/// Attempt n (from 0) waits a random time in `[0, min(cap, base·2ⁿ))`: 1 s, 2 s, 4 s … 64 s
/// ceilings by default. When the server names a wait, the result is never shorter than it, even
/// when that is hours (a sending lock can last a day): retrying sooner only earns another 429.
/// Waits longer than `longWait` (15 minutes) should be reported to people (`isLong`) rather than
/// slept through quietly. A Retry-After beyond `maximumRetryAfter` (24 hours, Gmail's longest
/// lock) is taken as that, so a garbled date cannot park sync for months.
public struct Backoff: Sendable {
    /// The first ceiling.
    public var base: TimeInterval
    /// The largest ceiling for waits Gmail did not name.
    public var cap: TimeInterval
    /// Waits longer than this deserve a message (see `isLong`).
    public var longWait: TimeInterval
    /// The longest Retry-After honoured.
    public var maximumRetryAfter: TimeInterval
    /// Failures since the last `reset()`.
    public private(set) var attempt = 0
    private let random: @Sendable () -> Double

    /// - Parameter random: a number in [0, 1); tests pass a fixed one.
    public init(base: TimeInterval = 1, cap: TimeInterval = 64, longWait: TimeInterval = 15 * 60,
                maximumRetryAfter: TimeInterval = 24 * 3600,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.base = base
        self.cap = cap
        self.longWait = longWait
        self.maximumRetryAfter = maximumRetryAfter
        self.random = random
    }

    /// The ceiling of the jittered wait for the next attempt.
    public var ceiling: TimeInterval {
        min(cap, base * pow(2, Double(min(attempt, 62))))
    }

    /// Seconds to wait before the next try, counting this failure.
    public mutating func next(retryAfter: TimeInterval? = nil) -> TimeInterval {
        let fraction = min(1, max(0, random()))
        let jittered = fraction * ceiling
        attempt += 1
        guard let retryAfter, retryAfter.isFinite, retryAfter > 0 else { return jittered }
        return max(jittered, min(retryAfter, maximumRetryAfter))
    }

    /// After a success: the next failure starts from `base` again.
    public mutating func reset() { attempt = 0 }

    /// Whether a wait is long enough to tell people about (e.g. a `.rateLimited` failure with its
    /// retry time) instead of sleeping through it.
    public func isLong(_ wait: TimeInterval) -> Bool { wait > longWait }
}

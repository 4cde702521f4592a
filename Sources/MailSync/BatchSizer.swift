/// How many messages go in the next batch request: it halves on throttling (down to `minimum`)
/// and grows back after a run of successes (up to `maximum`), as lieer does (gmail-api.md §9, §15).
public struct BatchSizer: Sendable, Equatable {
    /// How the size grows back.
    public enum Growth: Sendable, Equatable {
        /// By this many messages at a time (additive increase: steady near the limit).
        case add(Int)
        /// Doubling (recovers fastest after a one-off 429).
        case double
    }

    public let minimum: Int
    public let maximum: Int
    public let growth: Growth
    /// Successful batches in a row that earn one growth step.
    public let successesToGrow: Int
    /// The size to use now.
    public private(set) var size: Int
    /// Successes since the last change of size.
    public private(set) var streak = 0

    /// Starts at `maximum` (25 by default: gmail-api.md §9's advice of 10–25 per batch).
    public init(maximum: Int = 25, minimum: Int = 1, growth: Growth = .add(5), successesToGrow: Int = 3) {
        self.minimum = max(1, minimum)
        self.maximum = max(self.minimum, maximum)
        self.growth = growth
        self.successesToGrow = max(1, successesToGrow)
        size = self.maximum
    }

    /// A batch was throttled (429, or 403 with a rate reason): halve.
    public mutating func throttled() {
        size = max(minimum, size / 2)
        streak = 0
    }

    /// A batch went through.
    public mutating func succeeded() {
        guard size < maximum else {
            streak = 0
            return
        }
        streak += 1
        guard streak >= successesToGrow else { return }
        streak = 0
        switch growth {
        case .add(let step): size = min(maximum, size + max(1, step))
        case .double: size = min(maximum, size * 2)
        }
    }
}

import Foundation
import Synchronization

/// A per-account token bucket in Gmail quota units, refilled continuously, that callers block on
/// before each request so sync paces itself just under the per-user quota (gmail-api.md §11).
///
/// * Tokens refill at `rate` units per second, continuously (not in ticks), up to `capacity`.
/// * `acquire(n)` waits until `min(n, capacity)` tokens are there, then takes `n`: a request
///   bigger than the bucket (messages.send at 100 units into a 95-unit bucket) waits for a full
///   bucket and leaves it in debt, which later callers wait out.
/// * Callers are served first come, first served, so a big request is never starved by small ones.
/// * `pause(until:)` holds everyone, including callers already waiting, until then.
///
/// Over any span of t seconds the bucket grants at most `capacity + rate·t` units (plus the excess
/// of an oversized request). With `rate` at 95% of a per-minute quota and a one-second burst, no
/// 60-second window can go over the quota.
public final class QuotaBucket: Sendable {
    /// What the bucket granted since it was made (or since `resetUtilization()`), for benchmarks.
    public struct Utilization: Sendable, Equatable {
        /// Units handed out.
        public var grantedUnits: Int
        /// `acquire`/`tryAcquire` calls that got their units.
        public var grants: Int
        /// Time callers spent sleeping in `acquire`, added up over callers.
        public var waitedSeconds: TimeInterval
        /// `pause(until:)` calls.
        public var pauses: Int
        /// Start and end of the span measured.
        public var since: Date
        public var until: Date
        /// The refill rate at the end of the span.
        public var rate: Double

        /// Length of the span in seconds.
        public var elapsed: TimeInterval { until.timeIntervalSince(since) }
        /// Units granted per second over the span.
        public var unitsPerSecond: Double { elapsed > 0 ? Double(grantedUnits) / elapsed : 0 }
        /// `unitsPerSecond` as a fraction of `rate` (1 = the bucket was the only limit).
        public var fractionOfRate: Double { rate > 0 ? unitsPerSecond / rate : 0 }
    }

    private struct Waiter {
        let ticket: UInt64
        let units: Int
    }

    private struct State {
        var rate: Double
        var capacity: Double
        var tokens: Double
        var last: Date
        var pausedUntil: Date = .distantPast
        var closed = false
        var nextTicket: UInt64 = 0
        var queue: [Waiter] = []
        var granted = 0
        var grants = 0
        var waited: TimeInterval = 0
        var pauses = 0
        var since: Date

        /// Adds the tokens earned since `last`. A clock that went back earns nothing.
        mutating func refill(_ now: Date) {
            let elapsed = now.timeIntervalSince(last)
            if elapsed > 0 { tokens = min(capacity, tokens + elapsed * rate) }
            last = now
        }

        /// Rounding slack: Date arithmetic near 2026 is good to ~1e-7 s.
        var epsilon: Double { 1e-6 * max(1, rate) }

        mutating func grant(_ units: Int) {
            tokens -= Double(units)
            granted += units
            grants += 1
        }
    }

    private enum Step {
        case granted
        case closed
        case sleep(TimeInterval)
    }

    private let state: Mutex<State>
    private let clock: any SyncClock
    /// The longest single sleep inside `acquire`, so `close()` is noticed promptly.
    public let maximumSleep: TimeInterval
    /// The shortest sleep, so waiting always moves the clock on.
    private static let minimumSleep: TimeInterval = 1e-5

    /// - Parameters:
    ///   - unitsPerSecond: the refill rate; must be positive.
    ///   - capacity: the burst, in units; must be positive.
    ///   - startFull: whether the first `capacity` units go out at once (as Gmail allows).
    public init(unitsPerSecond: Double, capacity: Double, startFull: Bool = true,
                clock: any SyncClock = SystemClock(), maximumSleep: TimeInterval = 1) {
        precondition(unitsPerSecond > 0 && unitsPerSecond.isFinite, "a quota bucket needs a positive rate")
        precondition(capacity > 0 && capacity.isFinite, "a quota bucket needs a positive capacity")
        let now = clock.now()
        state = Mutex(State(rate: unitsPerSecond, capacity: capacity, tokens: startFull ? capacity : 0, last: now,
                            since: now))
        self.clock = clock
        self.maximumSleep = max(Self.minimumSleep, maximumSleep)
    }

    /// A bucket pacing at `fraction` of a per-user quota of `unitsPerMinute`. Its capacity is by
    /// default the slack that leaves, `unitsPerMinute · (1 − fraction)` (750 units of the legacy
    /// 15,000, 300 of 2026's 6,000), but at least one second of rate: then no 60-second window
    /// gets more than `unitsPerMinute`, as long as no single request is larger than the capacity.
    public convenience init(unitsPerMinute: Int, fraction: Double = 0.95, burstUnits: Double? = nil,
                            clock: any SyncClock = SystemClock()) {
        let rate = Double(unitsPerMinute) / 60 * fraction
        let slack = Double(unitsPerMinute) - rate * 60
        self.init(unitsPerSecond: rate, capacity: burstUnits ?? max(rate, slack), clock: clock)
    }

    // MARK: taking units

    /// Blocks until `units` are granted (in arrival order, never during a pause) and returns true;
    /// returns false at once, granting nothing, if the bucket is or becomes closed.
    @discardableResult
    public func acquire(_ units: Int) -> Bool {
        let units = max(0, units)
        let ticket: UInt64? = state.withLock { state in
            guard !state.closed else { return nil }
            defer { state.nextTicket += 1 }
            state.queue.append(Waiter(ticket: state.nextTicket, units: units))
            return state.nextTicket
        }
        guard let ticket else { return false }
        while true {
            let step: Step = state.withLock { state in
                guard !state.closed else {
                    state.queue.removeAll { $0.ticket == ticket }
                    return .closed
                }
                let now = clock.now()
                state.refill(now)
                if now < state.pausedUntil { return .sleep(state.pausedUntil.timeIntervalSince(now)) }
                let need = min(Double(units), state.capacity)
                if state.queue.first?.ticket == ticket {
                    if state.tokens + state.epsilon >= need {
                        state.queue.removeFirst()
                        state.grant(units)
                        return .granted
                    }
                    return .sleep((need - state.tokens) / state.rate)
                }
                // Behind others: sleep about until they and we are served, then look again.
                let ahead = state.queue.prefix { $0.ticket != ticket }.reduce(0.0) { $0 + Double($1.units) }
                return .sleep((ahead + need - state.tokens) / state.rate)
            }
            switch step {
            case .granted: return true
            case .closed: return false
            case .sleep(let seconds):
                let slice = min(max(seconds, Self.minimumSleep), maximumSleep)
                clock.sleep(seconds: slice)
                state.withLock { $0.waited += slice }
            }
        }
    }

    /// Takes `units` only if that needs no wait (nobody queued, no pause, enough tokens).
    public func tryAcquire(_ units: Int) -> Bool {
        let units = max(0, units)
        return state.withLock { state in
            let now = clock.now()
            state.refill(now)
            guard !state.closed, state.queue.isEmpty, now >= state.pausedUntil,
                  state.tokens + state.epsilon >= min(Double(units), state.capacity) else { return false }
            state.grant(units)
            return true
        }
    }

    // MARK: slowing down

    /// Nobody is granted anything before `date` (after a 429 with Retry-After). A later pause
    /// extends an earlier one; an earlier one never shortens it.
    public func pause(until date: Date) {
        state.withLock { state in
            state.pauses += 1
            if date > state.pausedUntil { state.pausedUntil = date }
        }
    }

    /// When the current pause ends, or nil when there is none.
    public var pausedUntil: Date? {
        state.withLock { state in clock.now() < state.pausedUntil ? state.pausedUntil : nil }
    }

    /// Empties the bucket: no burst, the next units come only at the steady rate (e.g. after
    /// "Too many concurrent requests"). Debt already owed stays.
    public func drain() {
        state.withLock { state in
            state.refill(clock.now())
            state.tokens = min(state.tokens, 0)
        }
    }

    /// Charges `units` (by default one full bucket) that buy nothing: everyone waits `units / rate`
    /// seconds longer. For a throttled request that Google may have counted anyway.
    public func penalize(units: Int? = nil) {
        state.withLock { state in
            state.refill(clock.now())
            state.tokens -= units.map(Double.init) ?? state.capacity
        }
    }

    /// Changes the refill rate from now on (tokens earned so far keep the old rate).
    public func setRate(unitsPerSecond: Double) {
        precondition(unitsPerSecond > 0 && unitsPerSecond.isFinite, "a quota bucket needs a positive rate")
        state.withLock { state in
            state.refill(clock.now())
            state.rate = unitsPerSecond
        }
    }

    /// The refill rate in units per second.
    public var rate: Double { state.withLock { $0.rate } }
    /// The burst size in units.
    public var capacity: Double { state.withLock { $0.capacity } }
    /// Callers blocked in `acquire` now.
    public var waitingCallers: Int { state.withLock { $0.queue.count } }
    /// Units in the bucket now; negative while an oversized request or a penalty is paid off.
    public var availableUnits: Double {
        state.withLock { state in
            state.refill(clock.now())
            return state.tokens
        }
    }

    // MARK: stopping

    /// Refuses new callers and sends waiting ones home with `false` (each within `maximumSleep`),
    /// until `reopen()`: for stopping sync during a long pause.
    public func close() { state.withLock { $0.closed = true } }

    /// Accepts callers again after `close()`.
    public func reopen() { state.withLock { $0.closed = false } }

    // MARK: statistics

    /// What was granted so far, measured up to now.
    public var utilization: Utilization {
        state.withLock { state in
            Utilization(grantedUnits: state.granted, grants: state.grants, waitedSeconds: state.waited,
                        pauses: state.pauses, since: state.since, until: clock.now(), rate: state.rate)
        }
    }

    /// Starts a new measurement span now.
    public func resetUtilization() {
        state.withLock { state in
            state.since = clock.now()
            state.granted = 0
            state.grants = 0
            state.waited = 0
            state.pauses = 0
        }
    }
}

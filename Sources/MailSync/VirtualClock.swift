import Foundation
import Synchronization

/// A clock for tests and simulations: `sleep` moves virtual time on at once instead of waiting.
///
/// Safe to share between threads; each sleep adds its seconds to the one shared time, so several
/// threads sleeping at once move time on by the sum (time never runs slower than any sleeper needs).
public final class VirtualClock: SyncClock, Sendable {
    private struct State {
        var now: Date
        var sleeps = 0
        var slept: TimeInterval = 0
    }

    private let state: Mutex<State>

    /// Starts at `start` (by default 2026-01-01T00:00:00Z, so runs are reproducible).
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        state = Mutex(State(now: start))
    }

    public func now() -> Date { state.withLock { $0.now } }

    public func sleep(seconds: TimeInterval) {
        guard seconds > 0, seconds.isFinite else { return }
        state.withLock { state in
            state.now = state.now.addingTimeInterval(seconds)
            state.sleeps += 1
            state.slept += seconds
        }
    }

    /// Moves time on without counting a sleep (another actor's time passing).
    public func advance(by seconds: TimeInterval) {
        guard seconds > 0, seconds.isFinite else { return }
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
    }

    /// How many sleeps moved time on, and by how much in all.
    public var sleepStatistics: (count: Int, seconds: TimeInterval) {
        state.withLock { ($0.sleeps, $0.slept) }
    }
}

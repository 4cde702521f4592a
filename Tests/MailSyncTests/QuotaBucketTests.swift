import Foundation
import Synchronization
import Testing
@testable import MailSync

@Suite("QuotaBucket")
struct QuotaBucketTests {
    /// Virtual time that tests can also set back, with a one-shot action run inside the next sleep
    /// (to act on a caller that is already waiting).
    final class TestClock: SyncClock {
        private let time: Mutex<Date>
        private let nextSleep = Mutex<(@Sendable () -> Void)?>(nil)

        init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) { time = Mutex(start) }

        func now() -> Date { time.withLock { $0 } }

        func sleep(seconds: TimeInterval) {
            time.withLock { $0 = $0.addingTimeInterval(max(0, seconds)) }
            let action = nextSleep.withLock { action in
                defer { action = nil }
                return action
            }
            action?()
        }

        func set(_ date: Date) { time.withLock { $0 = date } }
        func onNextSleep(_ action: @escaping @Sendable () -> Void) { nextSleep.withLock { $0 = action } }
    }

    /// Grants as (seconds since start, units), in order.
    static func grants(of bucket: QuotaBucket, clock: some SyncClock, seconds: TimeInterval,
                       next: (Int) -> Int) -> [(at: TimeInterval, units: Int)] {
        let start = clock.now()
        var log: [(at: TimeInterval, units: Int)] = []
        while clock.now().timeIntervalSince(start) < seconds {
            let units = next(log.count)
            #expect(bucket.acquire(units))
            log.append((clock.now().timeIntervalSince(start), units))
        }
        return log
    }

    /// The most units granted in any 60-second window [t, t + 60).
    static func busiestMinute(_ log: [(at: TimeInterval, units: Int)]) -> Int {
        var best = 0
        var sum = 0
        var end = 0
        for start in log.indices {
            while end < log.count && log[end].at < log[start].at + 60 {
                sum += log[end].units
                end += 1
            }
            best = max(best, sum)
            sum -= log[start].units
        }
        return best
    }

    // MARK: pacing

    @Test func grantsTheRateOverTenSimulatedMinutesAndNeverMore() {
        let clock = VirtualClock()
        let rate = 237.5
        let bucket = QuotaBucket(unitsPerSecond: rate, capacity: rate, clock: clock)
        let start = clock.now()
        var granted = 0
        while clock.now().timeIntervalSince(start) < 600 {
            #expect(bucket.acquire(5))
            granted += 5
            let elapsed = clock.now().timeIntervalSince(start)
            #expect(Double(granted) <= rate + rate * elapsed + 1e-3)
        }
        let elapsed = clock.now().timeIntervalSince(start)
        #expect(abs(Double(granted) / elapsed - rate) / rate < 0.01)
        let use = bucket.utilization
        #expect(use.grantedUnits == granted)
        #expect(use.grants == granted / 5)
        #expect(abs(use.fractionOfRate - 1) < 0.01)
    }

    @Test func legacyQuotaAt95PercentNeverOverfillsAMinuteAndUsesOver90Percent() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerMinute: 15_000, clock: clock)
        #expect(bucket.rate == 237.5)
        #expect(bucket.capacity == 750)
        // Batches of 25 messages.get (125), history.list (2), and now and then messages.send (100).
        let log = Self.grants(of: bucket, clock: clock, seconds: 600) { index in
            index % 10 == 9 ? 100 : (index % 10 == 4 ? 2 : 125)
        }
        #expect(Self.busiestMinute(log) <= 15_000)
        let total = log.reduce(0) { $0 + $1.units }
        #expect(Double(total) / log.last!.at >= 0.90 * 250)
    }

    @Test func quota2026WithBatchesThatFitTheBurstStaysUnderTheQuota() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerMinute: 6_000, clock: clock)
        #expect(bucket.capacity == 300)
        // 15 messages.get at 20 units = 300, the largest batch that keeps every minute under 6,000.
        let log = Self.grants(of: bucket, clock: clock, seconds: 900) { _ in 300 }
        #expect(Self.busiestMinute(log) <= 6_000)
        let total = log.reduce(0) { $0 + $1.units }
        #expect(Double(total) / log.last!.at >= 0.90 * 100)
    }

    @Test func refillIsContinuousNotPerSecondTicks() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerSecond: 100, capacity: 100, startFull: false, clock: clock)
        #expect(bucket.availableUnits == 0)
        clock.advance(by: 0.25)
        #expect(abs(bucket.availableUnits - 25) < 1e-6)
        #expect(bucket.tryAcquire(25))
        #expect(!bucket.tryAcquire(1))
        clock.advance(by: 10)
        #expect(abs(bucket.availableUnits - 100) < 1e-6)   // never above capacity
    }

    @Test func aFullBucketBurstsWithoutSleeping() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerSecond: 10, capacity: 50, clock: clock)
        for _ in 0..<10 { #expect(bucket.acquire(5)) }
        #expect(clock.sleepStatistics.count == 0)
        let start = clock.now()
        #expect(bucket.acquire(5))
        #expect(abs(clock.now().timeIntervalSince(start) - 0.5) < 1e-6)
    }

    @Test func oversizedRequestsWaitForAFullBucketThenLeaveDebt() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerSecond: 10, capacity: 50, startFull: false, clock: clock)
        let start = clock.now()
        #expect(bucket.acquire(100))                 // waits 5 s for 50 tokens, then owes 50
        #expect(abs(clock.now().timeIntervalSince(start) - 5) < 1e-6)
        #expect(abs(bucket.availableUnits + 50) < 1e-6)
        #expect(bucket.acquire(10))                  // 60 tokens short: 6 s more
        #expect(abs(clock.now().timeIntervalSince(start) - 11) < 1e-6)
    }

    // MARK: slowing down

    @Test func nobodyProceedsBeforeAPauseEnds() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerSecond: 10, capacity: 50, clock: clock)
        let start = clock.now()
        bucket.pause(until: start.addingTimeInterval(30))
        bucket.pause(until: start.addingTimeInterval(5))   // an earlier end never shortens it
        #expect(bucket.pausedUntil == start.addingTimeInterval(30))
        #expect(!bucket.tryAcquire(1))
        #expect(bucket.acquire(1))
        let waited = clock.now().timeIntervalSince(start)
        #expect(waited >= 30 && waited < 30.001)
        #expect(bucket.pausedUntil == nil)
        #expect(bucket.utilization.pauses == 2)
    }

    @Test func aPauseHoldsCallersAlreadyWaiting() {
        let clock = TestClock()
        let start = clock.now()
        let bucket = QuotaBucket(unitsPerSecond: 10, capacity: 10, startFull: false, clock: clock)
        clock.onNextSleep { bucket.pause(until: start.addingTimeInterval(100)) }
        #expect(bucket.acquire(10))   // would have gone after 1 s
        #expect(clock.now().timeIntervalSince(start) >= 100)
    }

    @Test func drainRemovesTheBurst() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerSecond: 10, capacity: 100, clock: clock)
        bucket.drain()
        #expect(bucket.availableUnits == 0)
        let start = clock.now()
        #expect(bucket.acquire(10))
        #expect(abs(clock.now().timeIntervalSince(start) - 1) < 1e-6)
    }

    @Test func penaltiesAreDebtEveryoneWaitsOut() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerSecond: 10, capacity: 100, clock: clock)
        bucket.penalize(units: 150)
        #expect(abs(bucket.availableUnits + 50) < 1e-6)
        let start = clock.now()
        #expect(bucket.acquire(10))
        #expect(abs(clock.now().timeIntervalSince(start) - 6) < 1e-6)
        bucket.penalize()   // one full bucket
        #expect(abs(bucket.availableUnits + 100) < 1e-3)
    }

    @Test func aNewRateAppliesFromNow() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerSecond: 100, capacity: 100, startFull: false, clock: clock)
        clock.advance(by: 0.5)
        bucket.setRate(unitsPerSecond: 10)
        clock.advance(by: 0.5)
        #expect(abs(bucket.availableUnits - 55) < 1e-6)
        #expect(bucket.rate == 10)
    }

    @Test func aClockSetBackEarnsNothing() {
        let clock = TestClock()
        let start = clock.now()
        let bucket = QuotaBucket(unitsPerSecond: 10, capacity: 100, startFull: false, clock: clock)
        clock.set(start.addingTimeInterval(-3_600))
        #expect(bucket.availableUnits == 0)
        clock.set(start.addingTimeInterval(-3_599))
        #expect(abs(bucket.availableUnits - 10) < 1e-6)
    }

    // MARK: stopping

    @Test func aClosedBucketGrantsNothing() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerSecond: 10, capacity: 100, clock: clock)
        bucket.close()
        #expect(!bucket.acquire(1))
        #expect(!bucket.tryAcquire(1))
        bucket.reopen()
        #expect(bucket.acquire(1))
        #expect(bucket.utilization.grantedUnits == 1)
    }

    @Test func closingWakesAWaitingCaller() {
        let clock = TestClock()
        let start = clock.now()
        let bucket = QuotaBucket(unitsPerSecond: 1, capacity: 10, startFull: false, clock: clock)
        bucket.pause(until: start.addingTimeInterval(3 * 3_600))
        clock.onNextSleep { bucket.close() }
        #expect(!bucket.acquire(5))
        #expect(clock.now().timeIntervalSince(start) <= bucket.maximumSleep)
        #expect(bucket.utilization.grants == 0)
    }

    // MARK: threads

    /// Time moves only when the test says; `sleep` really blocks until then.
    final class SteppedClock: SyncClock {
        private let time = Mutex(Date(timeIntervalSince1970: 1_767_225_600))

        func now() -> Date { time.withLock { $0 } }

        func sleep(seconds: TimeInterval) {
            let target = now().addingTimeInterval(seconds)
            while now() < target { usleep(200) }
        }

        func advance(by seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    static func waitFor(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            if Date() > deadline { return false }
            usleep(200)
        }
        return true
    }

    @Test func aBigRequestIsNotOvertakenBySmallerOnes() {
        let clock = SteppedClock()
        let bucket = QuotaBucket(unitsPerSecond: 10, capacity: 50, startFull: false, clock: clock)
        let group = DispatchGroup()
        // Dedicated threads: Dispatch's pool may be slow to add threads while others block.
        func start(_ units: Int) {
            group.enter()
            Thread { _ = bucket.acquire(units); group.leave() }.start()
        }
        start(50)   // due after 5 s
        #expect(Self.waitFor { bucket.waitingCallers == 1 })
        start(5)    // alone, it would be due after 0.5 s
        #expect(Self.waitFor { bucket.waitingCallers == 2 })
        clock.advance(by: 1)
        usleep(20_000)
        #expect(bucket.utilization.grants == 0)   // the small one waits its turn
        clock.advance(by: 5)
        // Both are due now; keep time moving in small steps, as real time would, until they return.
        var finished = false
        for _ in 0..<5_000 where !finished {
            finished = group.wait(timeout: .now() + 0.002) == .success
            if !finished { clock.advance(by: 0.01) }
        }
        #expect(finished)
        #expect(bucket.utilization.grantedUnits == 55)
        #expect(bucket.waitingCallers == 0)
    }

    @Test func manyThreadsShareTheBucketSafely() {
        let clock = VirtualClock()
        let rate = 200.0
        let capacity = 50.0
        let bucket = QuotaBucket(unitsPerSecond: rate, capacity: capacity, clock: clock)
        let start = clock.now()
        let tally = Mutex((granted: 0, refused: 0, overLimit: 0))
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for index in 0..<250 {
                let units = 1 + (thread * 7 + index * 13) % 20
                let ok = bucket.acquire(units)
                let use = bucket.utilization
                let bound = capacity + rate * use.until.timeIntervalSince(start) + 1e-3
                tally.withLock { tally in
                    if ok { tally.granted += units } else { tally.refused += 1 }
                    if Double(use.grantedUnits) > bound { tally.overLimit += 1 }
                }
            }
        }
        let result = tally.withLock { $0 }
        #expect(result.refused == 0)
        #expect(result.overLimit == 0)
        let use = bucket.utilization
        #expect(use.grants == 1_000)
        #expect(use.grantedUnits == result.granted)
        #expect(Double(use.grantedUnits) <= capacity + rate * use.elapsed + 1e-3)
    }

    @Test func utilizationCanStartOver() {
        let clock = VirtualClock()
        let bucket = QuotaBucket(unitsPerSecond: 10, capacity: 10, clock: clock)
        #expect(bucket.acquire(10))
        #expect(bucket.acquire(10))
        #expect(bucket.utilization.grantedUnits == 20)
        #expect(bucket.utilization.waitedSeconds > 0.99)
        bucket.resetUtilization()
        let use = bucket.utilization
        #expect(use.grantedUnits == 0 && use.grants == 0 && use.waitedSeconds == 0 && use.elapsed == 0)
        #expect(use.unitsPerSecond == 0)
    }
}

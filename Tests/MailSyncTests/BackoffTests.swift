import Foundation
import Testing
@testable import MailSync

@Suite("Backoff")
struct BackoffTests {
    @Test func ceilingsDoubleFromOneSecondUpTo64() {
        var backoff = Backoff(random: { 0.5 })
        let waits = (0..<10).map { _ in backoff.next() }
        #expect(waits == [0.5, 1, 2, 4, 8, 16, 32, 32, 32, 32])
        #expect(backoff.attempt == 10)
    }

    @Test func fullJitterSpansZeroToTheCeiling() {
        var low = Backoff(random: { 0 })
        #expect((0..<8).map { _ in low.next() }.allSatisfy { $0 == 0 })
        var high = Backoff(random: { 0.999_999 })
        let waits = (0..<12).map { _ in high.next() }
        let ceilings: [TimeInterval] = [1, 2, 4, 8, 16, 32, 64, 64, 64, 64, 64, 64]
        #expect(zip(waits, ceilings).allSatisfy { $0 < $1 && $0 > $1 * 0.999 })
        var wild = Backoff(random: { 7 })   // out of range is clamped
        #expect(wild.next() == 1)
    }

    @Test func realRandomStaysInBounds() {
        var backoff = Backoff()
        for attempt in 0..<200 {
            let wait = backoff.next()
            #expect(wait >= 0 && wait < min(64, pow(2, Double(attempt))))
        }
        #expect(backoff.ceiling == 64)
    }

    @Test func neverWaitsLessThanRetryAfter() {
        var backoff = Backoff(random: { 0.5 })
        #expect(backoff.next(retryAfter: 10) == 10)     // jitter 0.5 < 10
        for _ in 0..<5 { _ = backoff.next() }
        #expect(backoff.next(retryAfter: 0.1) == 32)    // the growing wait wins
        #expect(backoff.next(retryAfter: nil) == 32)
        #expect(backoff.next(retryAfter: 0) == 32)
        #expect(backoff.next(retryAfter: -5) == 32)
        #expect(backoff.next(retryAfter: .nan) == 32)
    }

    @Test func hoursAwayAreWaitedAndFlaggedAsLong() {
        var backoff = Backoff(random: { 0.5 })
        let wait = backoff.next(retryAfter: 3 * 3_600)
        #expect(wait == 10_800)
        #expect(backoff.isLong(wait))
        #expect(!backoff.isLong(15 * 60))
        #expect(backoff.isLong(15 * 60 + 1))
        #expect(backoff.next(retryAfter: 90 * 86_400) == 86_400)   // a garbled date: at most a day
        var custom = Backoff(longWait: 60, maximumRetryAfter: 600, random: { 0 })
        #expect(custom.next(retryAfter: 3_600) == 600)
        #expect(custom.isLong(61))
    }

    @Test func resetStartsOver() {
        var backoff = Backoff(random: { 0.5 })
        for _ in 0..<6 { _ = backoff.next() }
        backoff.reset()
        #expect(backoff.attempt == 0)
        #expect(backoff.next() == 0.5)
    }

    @Test func baseAndCapAreConfigurable() {
        var backoff = Backoff(base: 2, cap: 10, random: { 0.5 })
        #expect((0..<5).map { _ in backoff.next() } == [1, 2, 4, 5, 5])
    }
}

@Suite("BatchSizer")
struct BatchSizerTests {
    @Test func halvesDownToOne() {
        var sizer = BatchSizer()
        #expect(sizer.size == 25)
        var sizes: [Int] = []
        for _ in 0..<6 {
            sizer.throttled()
            sizes.append(sizer.size)
        }
        #expect(sizes == [12, 6, 3, 1, 1, 1])
    }

    @Test func growsByStepsAfterEnoughSuccesses() {
        var sizer = BatchSizer()
        for _ in 0..<5 { sizer.throttled() }
        var sizes: [Int] = []
        for _ in 0..<18 {
            sizer.succeeded()
            sizes.append(sizer.size)
        }
        #expect(sizes == [1, 1, 6, 6, 6, 11, 11, 11, 16, 16, 16, 21, 21, 21, 25, 25, 25, 25])
    }

    @Test func throttlingResetsTheRunOfSuccesses() {
        var sizer = BatchSizer()
        sizer.throttled()
        sizer.succeeded()
        sizer.succeeded()
        sizer.throttled()
        #expect(sizer.size == 6 && sizer.streak == 0)
        sizer.succeeded()
        sizer.succeeded()
        #expect(sizer.size == 6)
        sizer.succeeded()
        #expect(sizer.size == 11)
    }

    @Test func doublingGrowth() {
        var sizer = BatchSizer(maximum: 25, growth: .double, successesToGrow: 2)
        for _ in 0..<5 { sizer.throttled() }
        var sizes: [Int] = []
        for _ in 0..<12 {
            sizer.succeeded()
            sizes.append(sizer.size)
        }
        #expect(sizes == [1, 2, 2, 4, 4, 8, 8, 16, 16, 25, 25, 25])
    }

    @Test func boundsAreKept() {
        var sizer = BatchSizer(maximum: 10, minimum: 3)
        #expect(sizer.size == 10)
        sizer.succeeded()
        #expect(sizer.size == 10 && sizer.streak == 0)
        for _ in 0..<4 { sizer.throttled() }
        #expect(sizer.size == 3)
        let odd = BatchSizer(maximum: 0, minimum: 0, successesToGrow: 0)
        #expect(odd.size == 1 && odd.minimum == 1 && odd.successesToGrow == 1)
    }
}

import Foundation
import Testing
@testable import CRMCore

@Suite("SendLimits")
struct SendLimitsTests {
    static func reason(_ verdict: SendLimits.Verdict) -> String? {
        if case .refused(let reason) = verdict { return reason }
        return nil
    }

    @Test func defaultsAreWorkspaceFigures() {
        let limits = SendLimits()
        #expect(limits.maximumRecipientsPerMessage == 100)
        #expect(limits.dailyRecipientLimit == 2_000)
        #expect(limits.safetyMargin == 50)
        #expect(limits.effectiveDailyLimit == 1_950)
        #expect(SendLimits.consumer.dailyRecipientLimit == 500)
        #expect(SendLimits.consumer.effectiveDailyLimit == 488)
    }

    @Test func perMessageLimitEdges() {
        let limits = SendLimits()
        #expect(limits.check(recipients: 100, sentInLast24Hours: 0) == .allowed)
        let reason = Self.reason(limits.check(recipients: 101, sentInLast24Hours: 0))
        #expect(reason == "this message has 101 recipients and Gmail sends to at most 100 per message; "
            + "split it into smaller messages (Gmail is not made for bulk mail)")
        #expect(SendLimits(maximumRecipientsPerMessage: 10).check(recipients: 11, sentInLast24Hours: 0) != .allowed)
    }

    @Test func dailyLimitEdgesWithTheMargin() {
        let limits = SendLimits()
        #expect(limits.check(recipients: 50, sentInLast24Hours: 1_900) == .allowed)
        #expect(limits.check(recipients: 0, sentInLast24Hours: 1_950) == .allowed)
        #expect(limits.check(recipients: 51, sentInLast24Hours: 1_900) != .allowed)
        #expect(limits.check(recipients: 1, sentInLast24Hours: 1_950) != .allowed)
        #expect(limits.check(recipients: 1, sentInLast24Hours: 5_000) != .allowed)
        #expect(limits.remaining(sentInLast24Hours: 1_900) == 50)
        #expect(limits.remaining(sentInLast24Hours: 3_000) == 0)
    }

    @Test func aZeroMarginAllowsExactlyTheLimit() {
        let limits = SendLimits(dailyRecipientLimit: 2_000, safetyMargin: 0)
        #expect(limits.check(recipients: 20, sentInLast24Hours: 1_980) == .allowed)
        #expect(limits.check(recipients: 21, sentInLast24Hours: 1_980) != .allowed)
    }

    @Test func aLoweredConfigLimitIsHonoured() {
        let limits = SendLimits(dailyRecipientLimit: 100)
        #expect(limits.safetyMargin == 2)
        #expect(limits.check(recipients: 8, sentInLast24Hours: 90) == .allowed)
        #expect(limits.check(recipients: 9, sentInLast24Hours: 90) != .allowed)
    }

    @Test func dailyRefusalSaysWhatToDo() {
        let reason = Self.reason(SendLimits().check(recipients: 30, sentInLast24Hours: 1_980))
        #expect(reason == "this mailbox has sent to 1,980 recipients in the last 24 hours and this message adds 30; "
            + "Rapport stops at 1,950 because Gmail locks sending for up to a day past 2,000; wait until earlier "
            + "mail leaves the 24-hour window, or ask an admin to raise [sending] daily_recipients")
    }

    @Test func rollingWindowCountsOnlyTheLast24Hours() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let limits = SendLimits()
        let sends = [
            SendLimits.Send(at: now.addingTimeInterval(-86_400), recipients: 1_000),   // just left the window
            SendLimits.Send(at: now.addingTimeInterval(-86_399), recipients: 1_801),
            SendLimits.Send(at: now.addingTimeInterval(-60), recipients: 50),
        ]
        #expect(limits.check(recipients: 99, recentSends: sends, now: now) == .allowed)
        #expect(limits.check(recipients: 100, recentSends: sends, now: now) != .allowed)
    }

    @Test func rollingWindowRefusalNamesWhenItFitsAgain() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)   // 2027-01-15T08:00:00Z
        let sends = [
            SendLimits.Send(at: now.addingTimeInterval(-3_600), recipients: 940),
            SendLimits.Send(at: now.addingTimeInterval(-23 * 3_600 + 1), recipients: 1_000),  // older, listed later
        ]
        let reason = Self.reason(SendLimits().check(recipients: 20, recentSends: sends, now: now))
        // 1,940 + 20 > 1,950 until the 1,000 leave, 1 h 1 s after now: rounded up to the minute.
        #expect(reason?.contains("sent to 1,940 recipients") == true)
        #expect(reason?.contains("wait until 2027-01-15 09:01 UTC, or ask an admin") == true)
    }

    @Test func aMessageLargerThanTheDailyLimitCanNeverGo() {
        let limits = SendLimits(maximumRecipientsPerMessage: 100, dailyRecipientLimit: 60)
        let reason = Self.reason(limits.check(recipients: 80, recentSends: [], now: Date()))
        #expect(reason?.hasPrefix("this message has 80 recipients, more than this mailbox may send to in a day (59)")
            == true)
    }

    @Test func numbersAreGroupedWhateverTheLocale() {
        #expect(SendLimits.grouped(0) == "0")
        #expect(SendLimits.grouped(999) == "999")
        #expect(SendLimits.grouped(1_000) == "1,000")
        #expect(SendLimits.grouped(1_234_567) == "1,234,567")
        #expect(SendLimits.grouped(-12_345) == "-12,345")
    }
}

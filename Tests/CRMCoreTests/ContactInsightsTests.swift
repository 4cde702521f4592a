import Foundation
import Testing
@testable import CRMCore

@Suite("ContactInsights")
struct ContactInsightsTests {
    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86_400
    static let week: TimeInterval = 7 * 86_400
    static let now = Date(timeIntervalSince1970: 1_795_960_980) // 2026-11-29T14:03:00Z

    private func email(_ direction: Direction, _ offset: TimeInterval) -> ContactInsights.Event {
        .init(type: .email, direction: direction, at: Self.now.addingTimeInterval(offset))
    }

    @Test func twelveWeeklyWindowsEndingNowOldestFirst() {
        let insights = ContactInsights(events: [], now: Self.now)
        #expect(insights.weeks.count == 12)
        #expect(insights.weeks.first?.start == Self.now.addingTimeInterval(-12 * Self.week))
        #expect(insights.weeks.last?.start == Self.now.addingTimeInterval(-Self.week))
        for (earlier, later) in zip(insights.weeks, insights.weeks.dropFirst()) {
            #expect(later.start.timeIntervalSince(earlier.start) == Self.week)
        }
        #expect(insights.weeks.allSatisfy { $0.incoming == 0 && $0.outgoing == 0 })
        #expect(insights.lastIncoming == nil)
        #expect(insights.lastOutgoing == nil)
        #expect(insights.medianTheirReply == nil)
        #expect(insights.medianOurReply == nil)
    }

    @Test func customWeekCount() throws {
        let insights = ContactInsights(events: [email(.incoming, -3 * Self.week - 1)], now: Self.now, weekCount: 4)
        try #require(insights.weeks.count == 4)
        #expect(insights.weeks[0].start == Self.now.addingTimeInterval(-4 * Self.week))
        #expect(insights.weeks.map(\.incoming) == [1, 0, 0, 0])
    }

    @Test func emailsLandInTheirWeekAndEdgesAreInclusive() {
        let events = [
            email(.outgoing, -12 * Self.week),            // exactly the start of the first window
            email(.incoming, -11.5 * Self.week),
            email(.incoming, -11 * Self.week - 1),        // last second of the first window
            email(.incoming, -11 * Self.week),            // first second of the second window
            email(.outgoing, -5 * Self.week + Self.day),
            email(.outgoing, -Self.week - 1),             // second-to-last window
            email(.incoming, -Self.week),                 // start of the last window
            email(.incoming, -Self.day),
            email(.outgoing, 0),                          // exactly now
        ]
        let insights = ContactInsights(events: events.shuffled(), now: Self.now)
        #expect(insights.weeks.map(\.incoming) == [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2])
        #expect(insights.weeks.map(\.outgoing) == [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1])
    }

    @Test func eventsOutsideTheWindowAreNotCounted() {
        let events = [
            email(.incoming, -12 * Self.week - 1),
            email(.outgoing, -40 * Self.week),
            email(.incoming, 1),
            email(.outgoing, Self.day),
        ]
        let insights = ContactInsights(events: events, now: Self.now)
        #expect(insights.weeks.allSatisfy { $0.incoming == 0 && $0.outgoing == 0 })
    }

    @Test func notesCallsAndMeetingsAreNotEmails() {
        let events: [ContactInsights.Event] = [
            .init(type: .note, direction: nil, at: Self.now.addingTimeInterval(-Self.day)),
            .init(type: .call, direction: .incoming, at: Self.now.addingTimeInterval(-Self.day)),
            .init(type: .call, direction: .outgoing, at: Self.now.addingTimeInterval(-2 * Self.day)),
            .init(type: .meeting, direction: .outgoing, at: Self.now.addingTimeInterval(-3 * Self.day)),
            .init(type: .email, direction: nil, at: Self.now.addingTimeInterval(-4 * Self.day)),
        ]
        let insights = ContactInsights(events: events, now: Self.now)
        #expect(insights.weeks.allSatisfy { $0.incoming == 0 && $0.outgoing == 0 })
        #expect(insights.lastIncoming == nil)
        #expect(insights.lastOutgoing == nil)
        #expect(insights.medianTheirReply == nil)
        #expect(insights.medianOurReply == nil)
    }

    @Test func lastInAndOutAreTheLatestEachWayInAnyOrder() {
        let events = [
            email(.incoming, -30 * Self.day),
            email(.outgoing, -2 * Self.day),
            email(.incoming, -3 * Self.day),
            email(.outgoing, -20 * Self.week),   // older than the window, still a "last" candidate
            email(.outgoing, -9 * Self.day),
            ContactInsights.Event(type: .call, direction: .incoming, at: Self.now.addingTimeInterval(-Self.hour)),
        ]
        let insights = ContactInsights(events: events, now: Self.now)
        #expect(insights.lastIncoming == Self.now.addingTimeInterval(-3 * Self.day))
        #expect(insights.lastOutgoing == Self.now.addingTimeInterval(-2 * Self.day))
    }

    @Test func lastIncomingMayBeOlderThanTheWindow() {
        let insights = ContactInsights(events: [email(.incoming, -50 * Self.week)], now: Self.now)
        #expect(insights.lastIncoming == Self.now.addingTimeInterval(-50 * Self.week))
        #expect(insights.lastOutgoing == nil)
    }

    @Test func medianRepliesEachWayWithOddAndEvenCounts() {
        // out, in (+1h), out (+2h), in (+3h), out (+4h), in (+10h), out (+6h), in (+20h)
        let gaps: [TimeInterval] = [1, 2, 3, 4, 10, 6, 20].map { $0 * Self.hour }
        var at = -30 * Self.day
        var events = [email(.outgoing, at)]
        for (index, gap) in gaps.enumerated() {
            at += gap
            events.append(email(index % 2 == 0 ? .incoming : .outgoing, at))
        }
        let insights = ContactInsights(events: events.reversed(), now: Self.now)
        // Theirs: 1, 3, 10, 20 hours (even count: mean of the middle two).
        #expect(insights.medianTheirReply == 6.5 * Self.hour)
        // Ours: 2, 4, 6 hours (odd count: the middle one).
        #expect(insights.medianOurReply == 4 * Self.hour)
    }

    @Test func onlyChangesOfDirectionCountAsReplies() {
        let events = [
            email(.outgoing, -10 * Self.hour),
            email(.outgoing, -9 * Self.hour),   // a follow-up: their reply counts from here
            ContactInsights.Event(type: .note, direction: nil, at: Self.now.addingTimeInterval(-8.5 * Self.hour)),
            ContactInsights.Event(type: .call, direction: .incoming, at: Self.now.addingTimeInterval(-8 * Self.hour)),
            email(.incoming, -7 * Self.hour),
            email(.incoming, -6 * Self.hour),
            email(.outgoing, -1 * Self.hour),   // we answered their second message after 5 hours
        ]
        let insights = ContactInsights(events: events, now: Self.now)
        #expect(insights.medianTheirReply == 2 * Self.hour)
        #expect(insights.medianOurReply == 5 * Self.hour)
    }

    @Test func medianHelper() {
        #expect(ContactInsights.median([]) == nil)
        #expect(ContactInsights.median([7]) == 7)
        #expect(ContactInsights.median([9, 1, 5]) == 5)
        #expect(ContactInsights.median([10, 1, 4, 2]) == 3)
    }

    @Test func coldThreshold() {
        #expect(ContactInsights.coldThreshold(now: Self.now, days: 30) == Self.now.addingTimeInterval(-30 * Self.day))
        #expect(ContactInsights.coldThreshold(now: Self.now, days: 0) == Self.now)
        #expect(ContactInsights.coldThreshold(now: Self.now, days: ContactInsights.defaultColdDays)
                == Self.now.addingTimeInterval(-30 * Self.day))
        #expect(ContactInsights.defaultColdDays == 30)
    }

    @Test func touchTypesLeaveOutNotes() {
        #expect(Set(ContactInsights.touchTypes) == [.email, .call, .meeting])
    }
}

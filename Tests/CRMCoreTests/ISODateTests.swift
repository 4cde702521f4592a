import DeterministicRandom
import Foundation
import Testing
@testable import CRMCore

@Suite("ISODate")
struct ISODateTests {
    /// 2026-01-01T00:00:00Z.
    static let newYear2026: TimeInterval = 1_767_225_600
    static let utc = TimeZone(secondsFromGMT: 0)!

    private func at(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: seconds) }

    @Test func parsesUTCWithZ() {
        #expect(ISODate.parse("2026-01-01T00:00:00Z") == at(Self.newYear2026))
        #expect(ISODate.parse("2026-11-29T14:03:00Z") == at(1_795_960_980))
        #expect(ISODate.parse("2026-01-01t00:00:00z") == at(Self.newYear2026))
    }

    @Test("explicit offsets", arguments: [
        ("2026-01-01T01:00:00+01:00", 1_767_225_600),
        ("2026-01-01T01:00:00+0100", 1_767_225_600),
        ("2026-01-01T01:00+01", 1_767_225_600),
        ("2025-12-31T19:00:00-05:00", 1_767_225_600),
        ("2025-12-31T19:00:00-0500", 1_767_225_600),
        ("2026-01-01T05:30:00+05:30", 1_767_225_600),
        ("2026-01-01T13:45:00+13:45", 1_767_225_600),
        ("2025-12-31T12:00:00-12:00", 1_767_225_600),
        ("2026-01-01T00:00:00+00:00", 1_767_225_600),
    ])
    func offsets(text: String, expected: TimeInterval) {
        // The zone argument must not matter when the text names its own offset.
        let tokyo = TimeZone(secondsFromGMT: 9 * 3600)!
        #expect(ISODate.parse(text, timeZone: tokyo) == at(expected), "\(text)")
        #expect(ISODate.parse(text, timeZone: Self.utc) == at(expected), "\(text)")
    }

    @Test func offsetsBeyondEighteenHoursAreStillHonoured() {
        // ISO 8601 allows offsets to ±23:59; Foundation's TimeZone stops at ±18 h, and the text must not
        // silently fall back to the local zone.
        let tokyo = TimeZone(secondsFromGMT: 9 * 3600)!
        #expect(ISODate.parse("2026-01-01T19:00:00+19:00", timeZone: tokyo) == at(Self.newYear2026))
        #expect(ISODate.parse("2025-12-31T04:30:00-19:30", timeZone: tokyo) == at(Self.newYear2026))
        #expect(ISODate.parse("2026-01-01T00:00:00+24:00") == nil)
        #expect(ISODate.parse("2026-01-01T00:00:00+01:60") == nil)
    }

    @Test func fractionalSecondsAreAcceptedAndDropped() {
        #expect(ISODate.parse("2026-01-01T00:00:00.123Z") == at(Self.newYear2026))
        #expect(ISODate.parse("2026-01-01T00:00:00,5Z") == at(Self.newYear2026))
        #expect(ISODate.parse("2026-01-01T01:00:00.999999+01:00") == at(Self.newYear2026))
        #expect(ISODate.parse("2026-01-01T00:00:00.Z") == nil)
    }

    @Test func spaceSeparatorAndMissingSeconds() {
        #expect(ISODate.parse("2026-01-01 00:00:00Z") == at(Self.newYear2026))
        #expect(ISODate.parse("2026-01-01 09:30", timeZone: Self.utc) == at(Self.newYear2026 + 9.5 * 3600))
        #expect(ISODate.parse("2026-01-01T09:30:15", timeZone: Self.utc) == at(Self.newYear2026 + 9.5 * 3600 + 15))
        #expect(ISODate.parse("  2026-01-01T00:00Z  ") == at(Self.newYear2026))
    }

    @Test func dateOnlyIsMidnightInTheGivenZone() throws {
        #expect(ISODate.parse("2026-01-01", timeZone: Self.utc) == at(Self.newYear2026))
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect(ISODate.parse("2026-01-01", timeZone: newYork) == at(Self.newYear2026 + 5 * 3600))
        #expect(ISODate.parse("2026-01-01", timeZone: TimeZone(secondsFromGMT: -3600)!)
                == at(Self.newYear2026 + 3600))
    }

    @Test func withoutAZoneTheTimeIsLocalToTheGivenZone() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        // January: CET (+1); July: CEST (+2).
        #expect(ISODate.parse("2026-01-01T01:00", timeZone: berlin) == at(Self.newYear2026))
        let julyNoonUTC = try #require(ISODate.parse("2026-07-01T12:00:00Z"))
        #expect(ISODate.parse("2026-07-01T14:00", timeZone: berlin) == julyNoonUTC)
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        #expect(ISODate.parse("2026-01-01T05:30:00", timeZone: kolkata) == at(Self.newYear2026))
    }

    @Test func leapDays() {
        #expect(ISODate.parse("2024-02-29", timeZone: Self.utc) != nil)
        #expect(ISODate.parse("2000-02-29", timeZone: Self.utc) != nil)
        #expect(ISODate.parse("2026-02-29", timeZone: Self.utc) == nil)
        #expect(ISODate.parse("1900-02-29", timeZone: Self.utc) == nil)
    }

    @Test func leapSecondIsReadAsTheSecondBefore() {
        #expect(ISODate.parse("2025-12-31T23:59:60Z") == at(Self.newYear2026 - 1))
    }

    @Test("refuses impossible dates and times", arguments: [
        "2026-02-30", "2026-02-31", "2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31",
        "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
        "2026-01-01T24:00", "2026-01-01T23:60", "2026-01-01T23:59:61",
        "2026-02-30T10:00:00Z",
    ])
    func invalidCalendarValues(_ text: String) {
        #expect(ISODate.parse(text, timeZone: Self.utc) == nil, "\(text)")
    }

    @Test("refuses garbage", arguments: [
        "", "   ", "garbage", "tomorrow", "2026", "2026-01", "2026-1-1", "26-01-01", "2026/01/01",
        "20260101", "2026-01-01T", "2026-01-01T9:00", "2026-01-01T09", "2026-01-01T09:0",
        "2026-01-01T09:00:0", "2026-01-01T09:00:00+", "2026-01-01T09:00:00+1",
        "2026-01-01T09:00:00Zjunk", "2026-01-01T09:00:00 Z", "2026-01-01x", "x2026-01-01",
        "２０２６-01-01", "2026-01-01T09:00:00+01:00:00",
    ])
    func garbage(_ text: String) {
        #expect(ISODate.parse(text, timeZone: Self.utc) == nil, "\(text.debugDescription)")
    }

    @Test func formatIsSecondsPrecisionUTC() {
        #expect(ISODate.format(at(Self.newYear2026)) == "2026-01-01T00:00:00Z")
        #expect(ISODate.format(at(1_795_960_980)) == "2026-11-29T14:03:00Z")
        #expect(ISODate.format(at(Self.newYear2026 + 0.999)) == "2026-01-01T00:00:00Z")
        #expect(ISODate.format(at(0)) == "1970-01-01T00:00:00Z")
        #expect(ISODate.format(at(-1)) == "1969-12-31T23:59:59Z")
        #expect(ISODate.format(at(-0.5)) == "1969-12-31T23:59:59Z")
        #expect(ISODate.format(at(951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test func formatThenParseRoundTrips() throws {
        var random = SeededRandom(seed: 42)
        for _ in 0..<200 {
            let seconds = TimeInterval(Int64.random(in: -2_000_000_000...4_000_000_000, using: &random))
            let date = at(seconds)
            let text = ISODate.format(date)
            #expect(ISODate.parse(text, timeZone: TimeZone(secondsFromGMT: 3 * 3600)!) == date, "\(text)")
        }
    }

    @Test func parseThenFormatNormalisesToUTC() throws {
        let date = try #require(ISODate.parse("2026-03-15T09:05:07-07:00"))
        #expect(ISODate.format(date) == "2026-03-15T16:05:07Z")
    }
}

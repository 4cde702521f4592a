import Foundation
import Synchronization
import Testing
@testable import MailFormat

@Suite struct MailDateTests {
    /// Seconds since 1970 of a UTC civil time, computed by Foundation's Gregorian calendar (an
    /// independent check of our arithmetic).
    private func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
                     offsetMinutes: Int = 0) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components).map { $0.addingTimeInterval(TimeInterval(-offsetMinutes * 60)) }
    }

    // MARK: - Reading

    @Test func rfc5322Dates() {
        #expect(MailDate.parse("Tue, 1 Jul 2003 10:52:37 +0200") == utc(2003, 7, 1, 10, 52, 37, offsetMinutes: 120))
        #expect(MailDate.parse("Sun, 29 Nov 2026 14:03:00 +0000") == utc(2026, 11, 29, 14, 3, 0))
        #expect(MailDate.parse("Fri, 21 Nov 1997 09:55:06 -0600") == utc(1997, 11, 21, 9, 55, 6, offsetMinutes: -360))
        #expect(MailDate.parse("Thu, 13 Feb 1969 23:32:54 -0330") == utc(1969, 2, 13, 23, 32, 54, offsetMinutes: -210))
        #expect(MailDate.parse(Array("Tue, 1 Jul 2003 10:52:37 +0200".utf8)) == utc(2003, 7, 1, 8, 52, 37))
    }

    @Test func oddFormsRealMailCarries() {
        let expected = utc(2006, 1, 2, 15, 4, 5)
        let forms = [
            "Mon, 02 Jan 2006 15:04:05 +0000",
            "Fri, 2 Jan 2006 15:04:05 +0000",  // wrong weekday
            "2 Jan 2006 15:04:05 GMT",
            "Monday, 2 January 2006 15:04:05 UT",
            "mon, 2 JAN 2006 15:04:05 Z",
            "  Mon ,  2  Jan  2006   15:04:05   +0000  ",
            "Mon, 2 Jan 06 15:04:05 +0000",
            "Mon, 2 Jan 106 15:04:05 +0000",
            "Mon, 2 Jan 2006 15:04:05 -0000",
            "Mon, 2 Jan 2006 15:04:05 +0000 (UTC)",
            "Mon, 2 Jan 2006 15:04:05",
            "Mon, 2 Jan 2006 15:04:05 ZZZZ",
            "Mon, 2 Jan 2006 15:04:05 A",
            "Mon, 2 Jan 2006 10:04:05 EST",
            "Mon, 2 Jan 2006 11:04:05 EDT",
            "Mon, 2 Jan 2006 09:04:05 CST",
            "Mon, 2 Jan 2006 07:04:05 PST",
            "Mon, 2 Jan 2006 08:04:05 PDT",
            "Mon, 2 Jan 2006 16:04:05 CET",
            "Mon, 2 Jan 2006 17:04:05 CEST",
            "Mon, 2 Jan 2006 16:04:05 BST",
            "Mon, 2 Jan 2006 20:34:05 IST",
            "Mon, 2 Jan 2006 16:04:05 GMT+0100",
            "Mon, 2 Jan 2006 16:04:05 0100",
            "Mon, 2 Jan 2006 3:04:05 PM +0000",
            "Mon, 2 Jan 2006 15.04.05 +0000",
            "2.1.2006 15:04:05",
            "Mon, 2. Jan. 2006 15:04:05 +0000",
            "02-Jan-2006 15:04:05 +0000",
            "Mon Jan  2 15:04:05 2006",
            "Mon Jan  2 15:04:05 UTC 2006",
            "Jan 2, 2006 15:04:05 +0000",
            "2006-01-02T15:04:05Z",
            "2006-01-02T17:04:05.123+02:00",
            "2006-01-02 15:04:05",
            "2006/01/02 15:04:05 +0000",
            "from mx by mx.example.com; Mon, 2 Jan 2006 15:04:05 +0000",
            "Mon, 2 Jan 2006 15:04:05 +0000; junk after",
            "Mon, 2 Jan 2006 15:04:05 +0000 (a (nested) comment)",
        ]
        for form in forms {
            #expect(MailDate.parse(form) == expected, "\(form)")
        }
        #expect(MailDate.parse("Mon, 2 Jan 2006 15:04 +0000") == utc(2006, 1, 2, 15, 4, 0))
        #expect(MailDate.parse("Mon, 2 Jan 2006 5:4:5 +0000") == utc(2006, 1, 2, 5, 4, 5))
        #expect(MailDate.parse("2 Jan 49 15:04:05 +0000") == utc(2049, 1, 2, 15, 4, 5))
        #expect(MailDate.parse("2 Jan 50 15:04:05 +0000") == utc(1950, 1, 2, 15, 4, 5))
        #expect(MailDate.parse("29 Feb 2024 12:00:00 +1345") == utc(2024, 2, 28, 22, 15, 0))
        #expect(MailDate.parse("Mon, 2 Jan 2006 12:00:00 AM +0000") == utc(2006, 1, 2))
        // Proleptic Gregorian (Foundation's calendar turns Julian before 1582, so the seconds are given).
        #expect(MailDate.parse("1 Jan 1000 00:00:00 +0000") == Date(timeIntervalSince1970: -30_610_224_000))
        #expect(MailDate.parse("31 Dec 9999 23:59:59 +0000") == utc(9999, 12, 31, 23, 59, 59))
    }

    @Test func unreadableDatesAreNil() {
        for text in ["", "   ", "yesterday", "Mon, 2 Jan 2006", "2 Foo 2006 15:04:05 +0000", "Tue, 7 00 2026 19:14:51 +0000",
                     "30 Feb 2024 12:00:00 +0000", "29 Feb 2023 12:00:00 +0000", "2 Jan 2006 25:00:00 +0000",
                     "2 Jan 2006 12:60:00 +0000", "2 Jan 20066 12:00:00 +0000", "32 Jan 2006 12:00:00 +0000",
                     "2 Jan 2006 123:00:00", "Mon, 2 Jan 2006 ((unterminated 15:04:05", "2 Jan 0999 10:00:00",
                     "31 Dec 9999 23:00:00 -0200"] {
            #expect(MailDate.parse(text) == nil, "\(text)")
        }
    }

    @Test func adversarialInputIsFastAndNeverTraps() {
        let cases = [
            String(repeating: "(", count: 100_000), String(repeating: "1:", count: 50_000),
            String(repeating: ";", count: 100_000), String(repeating: "9", count: 100_000) + " Jan 1:1",
            String(repeating: "Jan ", count: 20_000), String(repeating: "+-", count: 50_000),
            "99999999999999999999 Jan 99999999999999999999 99999999999:99999999999999 +99999999999999",
        ]
        for text in cases {
            let started = Date()
            _ = MailDate.parse(text)
            #expect(Date().timeIntervalSince(started) < 2)
        }
    }

    @Test func parsingIsThreadSafe() {
        let expected = utc(2006, 1, 2, 15, 4, 5)
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 2_000) { index in
            let text = index.isMultiple(of: 2) ? "Mon, 2 Jan 2006 10:04:05 EST" : "2006-01-02T15:04:05Z"
            if MailDate.parse(text) != expected { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    // MARK: - Writing

    @Test func formatIsRFC5322() throws {
        let date = try #require(utc(2026, 11, 29, 14, 3, 0))
        #expect(MailDate.format(date) == "Sun, 29 Nov 2026 14:03:00 +0000")
        #expect(MailDate.format(date, timeZone: try #require(TimeZone(secondsFromGMT: -12_600)))
            == "Sun, 29 Nov 2026 10:33:00 -0330")
        #expect(MailDate.format(date, timeZone: try #require(TimeZone(secondsFromGMT: 20_700)))
            == "Sun, 29 Nov 2026 19:48:00 +0545")
        #expect(MailDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailDate.format(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 +0000")
        #expect(MailDate.format(try #require(utc(2024, 2, 29, 23, 59, 59))) == "Thu, 29 Feb 2024 23:59:59 +0000")
        #expect(MailDate.format(try #require(utc(2000, 3, 1))) == "Wed, 01 Mar 2000 00:00:00 +0000")
        #expect(MailDate.format(Date(timeIntervalSince1970: 1.9)) == "Thu, 01 Jan 1970 00:00:01 +0000")
        _ = MailDate.format(Date.distantFuture)
        _ = MailDate.format(Date(timeIntervalSince1970: .infinity))
        _ = MailDate.format(Date(timeIntervalSince1970: .nan))
    }

    @Test func formatFollowsDaylightSaving() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        #expect(MailDate.format(try #require(utc(2026, 7, 1, 12)), timeZone: zone) == "Wed, 01 Jul 2026 08:00:00 -0400")
        #expect(MailDate.format(try #require(utc(2026, 1, 1, 12)), timeZone: zone) == "Thu, 01 Jan 2026 07:00:00 -0500")
    }

    @Test func formatAndParseRoundTripEveryDayForCenturies() {
        var day = -80 * 365
        while day < 120 * 365 {
            let date = Date(timeIntervalSince1970: TimeInterval(day * 86_400 + 45_296))
            #expect(MailDate.parse(MailDate.format(date)) == date, "\(date)")
            day += 13
        }
    }

    // MARK: - Real data

    /// Where we read date.json differently from stalwart on purpose: header → (our result, reason).
    static let deliberateDifferences: [String: (ours: Date?, reason: String)] = [
        " 4 8 15 16 23 42, 4 8 15 16 23 42, 4 8 15 16 23 42, ": (
            nil,
            "numbers without ':' are not a time of day; stalwart reads six bare numbers as d m y h m s and a seventh as a zone of +0004"),
    ]

    @Test func stalwartDateVectors() {
        StalwartHeaderVectors.compare("date", deliberateDifferences: Self.deliberateDifferences,
                                      ours: { MailDate.parse(String(decoding: StalwartHeaderVectors.value($0), as: UTF8.self)) },
                                      theirs: { _, expected in
            guard let fields = expected as? [String: Any], let year = fields["year"] as? Int,
                  let month = fields["month"] as? Int, let day = fields["day"] as? Int, let hour = fields["hour"] as? Int,
                  let minute = fields["minute"] as? Int, let second = fields["second"] as? Int,
                  let west = fields["tz_before_gmt"] as? Bool, let zoneHour = fields["tz_hour"] as? Int,
                  let zoneMinute = fields["tz_minute"] as? Int else { return nil }
            return utc(year, month, day, hour, minute, second, offsetMinutes: (west ? -1 : 1) * (zoneHour * 60 + zoneMinute))
        })
    }
}

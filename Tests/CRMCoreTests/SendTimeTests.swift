import CRMCore
import Foundation
import Testing

@Suite struct SendTimeTests {
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }
    /// Monday 2026-12-07 10:00 UTC.
    static let now = ISODate.parse("2026-12-07T10:00:00Z")!

    func parse(_ text: String) -> String? {
        SendTime.parse(text, now: Self.now, calendar: Self.calendar).map(ISODate.format)
    }

    @Test func relativeTimesWithOrWithoutIn() {
        #expect(parse("3d") == "2026-12-10T10:00:00Z")
        #expect(parse("in 3d") == "2026-12-10T10:00:00Z")
        #expect(parse("2h") == "2026-12-07T12:00:00Z")
        #expect(parse("1w") == "2026-12-14T10:00:00Z")
        #expect(parse("1h30m") == "2026-12-07T11:30:00Z")
    }

    @Test func daysDatesAndISO() {
        #expect(parse("tomorrow") == "2026-12-08T09:00:00Z")
        #expect(parse("2026-12-20") == "2026-12-20T09:00:00Z")
        #expect(parse("2026-12-20 14:30") == "2026-12-20T14:30:00Z")
        #expect(parse("2026-12-20T14:30:00Z") == "2026-12-20T14:30:00Z")
        #expect(parse("2026-12-20T14:30:00+01:00") == "2026-12-20T13:30:00Z")
        #expect(parse("9am") == "2026-12-08T09:00:00Z")
    }

    @Test func nonsenseIsRefused() {
        for text in ["", "soon", "3x", "d3", "2026-13-01", "2026-02-30", "noon-ish 9", "in"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }
}

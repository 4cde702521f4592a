import Foundation

/// Dates in mail headers.
public enum MailDate {
    /// Parses RFC 5322 dates and the odd forms real mail carries (missing weekday or seconds, two-digit
    /// years, named zones such as EST or GMT, "+0000 (UTC)" comments, ISO 8601…); nil when unreadable.
    ///
    /// Also read: wrong weekdays, single-digit fields, three-digit years (+1900), full or any-case
    /// month names, numeric months ("20 11 79", "2.1.2006", "2006-01-02T15:04:05Z"), ctime form
    /// ("Mon Jan  2 15:04:05 2006"), AM/PM, "GMT+0100", a Received-style prefix ending in ";". A missing
    /// or unknown zone, a military letter and "-0000" mean UTC. Nil without a time of day or outside
    /// the years 1000–9999.
    public static func parse(_ text: String) -> Date? {
        parse(text.utf8)
    }

    /// Parses a Date header value given as bytes (see `parse(_:)` for the forms read).
    public static func parse(_ raw: some Collection<UInt8>) -> Date? {
        guard let fields = DateFields.scan(Array(raw)) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(fields.secondsSince1970))
    }

    /// "Sun, 29 Nov 2026 14:03:00 +0000" in `timeZone`.
    public static func format(_ date: Date, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) -> String {
        let interval = date.timeIntervalSince1970
        // Clamp to years 1…9999 so that nothing below can overflow; NaN reads as the epoch.
        let seconds = interval.isNaN ? 0 : Int(min(max(interval.rounded(.down), -62_135_596_800), 253_402_300_799))
        let offsetMinutes = timeZone.secondsFromGMT(for: date) / 60
        let local = seconds + offsetMinutes * 60
        let days = Int(floorDivide(local, 86_400))
        let secondOfDay = local - days * 86_400
        let civil = civilDate(fromDays: days)
        let weekday = Int(floorModulo(days + 4, 7))  // 1970-01-01 was a Thursday

        var out: [UInt8] = []
        out.reserveCapacity(31)
        out.append(contentsOf: weekdayNames[weekday])
        out.append(contentsOf: ", ".utf8)
        appendDigits(civil.day, width: 2, to: &out)
        out.append(0x20)
        out.append(contentsOf: monthNames[civil.month - 1])
        out.append(0x20)
        appendDigits(civil.year, width: 4, to: &out)
        out.append(0x20)
        appendDigits(secondOfDay / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, width: 2, to: &out)
        out.append(0x20)
        out.append(offsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        appendDigits(abs(offsetMinutes) / 60, width: 2, to: &out)
        appendDigits(abs(offsetMinutes) % 60, width: 2, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, after H. Hinnant's days_from_civil)

    static let weekdayNames: [[UInt8]] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].map { Array($0.utf8) }
    static let monthNames: [[UInt8]] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .map { Array($0.utf8) }

    /// Days since 1970-01-01 of a civil date (month 1…12).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    static func civilDate(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    private static func floorModulo(_ a: Int, _ b: Int) -> Int {
        a - floorDivide(a, b) * b
    }

    private static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = abs(value)
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        while digits.count < width { digits.append(UInt8(ascii: "0")) }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: digits.reversed())
    }
}

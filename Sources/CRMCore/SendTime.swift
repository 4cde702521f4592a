import Foundation

/// Reads a time a person types, for "send later" and for reminders: "in 2h", "in 90m", "in 1d" (or
/// "2h", "3d", "1w" alone), "tomorrow 9:00", "tomorrow", "mon 8:30", "14:00" (today, or tomorrow when
/// it has passed), "2026-12-01 14:00", or ISO 8601 ("2026-12-01T14:00:00Z").
/// Times without a day that have passed go to the next day; a weekday means the next one.
public enum SendTime {
    /// When a day is named without a time.
    static let defaultHour = 9

    public static func parse(_ text: String, now: Date, calendar: Calendar = .current) -> Date? {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        if first == "in", words.count >= 2 {
            return relative(words.dropFirst().joined(), now: now)
        }
        if words.count == 1, first.first?.isNumber == true, first.last?.isLetter == true, first.count > 1,
           let date = relative(first, now: now) {
            return date
        }
        if words.count == 1, first.contains("t") || first.contains("z") || first.contains("+"),
           let date = ISODate.parse(text, timeZone: calendar.timeZone) {
            return date
        }
        if let date = absolute(words, calendar: calendar) { return date }
        var day: Date?
        var rest = words[...]
        switch first {
        case "today": day = now; rest = rest.dropFirst()
        case "tomorrow", "tmrw": day = calendar.date(byAdding: .day, value: 1, to: now); rest = rest.dropFirst()
        default:
            if let weekday = weekday(first) {
                day = next(weekday: weekday, after: now, calendar: calendar)
                rest = rest.dropFirst()
            }
        }
        let time = rest.first.flatMap(clock)
        guard rest.count <= 1, day != nil || time != nil, rest.isEmpty || time != nil else { return nil }
        let (hour, minute) = time ?? (defaultHour, 0)
        let base = day ?? now
        guard var date = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: base) else { return nil }
        if day == nil, date <= now, let tomorrow = calendar.date(byAdding: .day, value: 1, to: date) { date = tomorrow }
        return date
    }

    /// "2h", "90m", "1d", "1w", "1h30m" from now.
    private static func relative(_ text: String, now: Date) -> Date? {
        interval(text).map { now.addingTimeInterval($0) }
    }

    /// "2h", "90m", "1d", "1w", "1h30m" as seconds (more than none), else nil.
    static func interval(_ text: String) -> TimeInterval? {
        var seconds: TimeInterval = 0
        var number = ""
        for character in text {
            if character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Double(number) else { return nil }
            switch character {
            case "m": seconds += value * 60
            case "h": seconds += value * 3_600
            case "d": seconds += value * 86_400
            case "w": seconds += value * 7 * 86_400
            default: return nil
            }
            number = ""
        }
        guard number.isEmpty, seconds > 0 else { return nil }
        return seconds
    }

    /// "2026-12-01 14:00" or "2026-12-01" (at 9:00).
    static func absolute(_ words: [String], calendar: Calendar) -> Date? {
        let parts = words[0].split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, words.count <= 2 else { return nil }
        let (hour, minute) = words.count == 2 ? (clock(words[1]) ?? (-1, -1)) : (defaultHour, 0)
        guard hour >= 0 else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        (components.hour, components.minute) = (hour, minute)
        // The calendar rolls 2026-13-01 and 2026-02-30 over; a date it changed is not one.
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == parts[2],
              calendar.component(.month, from: date) == parts[1] else { return nil }
        return date
    }

    /// "14:00", "9", "9:30", "9am", "2pm", "2:30pm", "12am".
    static func clock(_ text: String) -> (Int, Int)? {
        var text = Substring(text)
        var meridiem: Substring?
        if text.hasSuffix("am") || text.hasSuffix("pm") {
            meridiem = text.suffix(2)
            text = text.dropLast(2)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let hour = Int(parts[0]) else { return nil }
        guard let minute = parts.count == 2 ? Int(parts[1]) : 0, (0..<60).contains(minute) else { return nil }
        var hours = hour
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            hours = hour % 12 + (meridiem == "pm" ? 12 : 0)
        }
        guard (0..<24).contains(hours) else { return nil }
        return (hours, minute)
    }

    private static func weekday(_ word: String) -> Int? {
        let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
        guard word.count >= 3, let index = names.firstIndex(where: { word.hasPrefix($0) }) else { return nil }
        return index + 1
    }

    private static func next(weekday: Int, after now: Date, calendar: Calendar) -> Date? {
        let today = calendar.component(.weekday, from: now)
        let days = (weekday - today + 7) % 7
        return calendar.date(byAdding: .day, value: days == 0 ? 7 : days, to: now)
    }
}

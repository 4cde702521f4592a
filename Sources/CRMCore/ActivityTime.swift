import Foundation

/// Reads when a call or meeting happened, as a person types it: "now", "14:30" (today),
/// "yesterday 9:00", "today 16:00", "2h ago", "30m ago", "2026-12-01 14:00". Unlike `SendTime`,
/// a time without a day is today's, even when it has passed.
public enum ActivityTime {
    public static func parse(_ text: String, now: Date, calendar: Calendar = .current) -> Date? {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first, first != "now" else { return words.count <= 1 ? now : nil }
        if words.count == 2, words[1] == "ago" {
            return SendTime.interval(first).map { now.addingTimeInterval(-$0) }
        }
        if let date = SendTime.absolute(words, calendar: calendar) { return date }
        var day = now
        var rest = words[...]
        if first == "yesterday", let yesterday = calendar.date(byAdding: .day, value: -1, to: now) {
            day = yesterday
            rest = rest.dropFirst()
        } else if first == "today" {
            rest = rest.dropFirst()
        }
        guard rest.count == 1, let (hour, minute) = SendTime.clock(rest[rest.startIndex]) else { return nil }
        return calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day)
    }
}

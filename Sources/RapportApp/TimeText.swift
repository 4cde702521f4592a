import Foundation

/// Dates and durations the way the screens show them, in the user's time zone.
enum TimeText {
    /// The Gregorian calendar in `zone`: what dates are shown in and typed times are read in.
    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        return calendar
    }

    private static func format(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    /// "14:05" today, "Nov 28" this year, "2025-11-28" before.
    static func short(_ date: Date, now: Date, zone: TimeZone = .current) -> String {
        let calendar = calendar(zone)
        if calendar.isDate(date, inSameDayAs: now) { return format(date, "HH:mm", zone) }
        if calendar.component(.year, from: date) == calendar.component(.year, from: now) { return format(date, "MMM d", zone) }
        return format(date, "yyyy-MM-dd", zone)
    }

    /// "Sat 28 Nov 2026 14:05".
    static func long(_ date: Date, zone: TimeZone = .current) -> String {
        format(date, "EEE d MMM yyyy HH:mm", zone)
    }

    /// "Tue 09:00" within a week ahead, else "Dec 12 09:00".
    static func upcoming(_ date: Date, now: Date, zone: TimeZone = .current) -> String {
        if date.timeIntervalSince(now) < 6 * 86_400 { return format(date, "EEE HH:mm", zone) }
        return format(date, "MMM d HH:mm", zone)
    }

    /// "just now", "5m ago", "3h ago", "2d ago", "5w ago".
    static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 60 { return "just now" }
        if seconds < 3_600 { return "\(seconds / 60)m ago" }
        if seconds < 86_400 { return "\(seconds / 3_600)h ago" }
        if seconds < 14 * 86_400 { return "\(seconds / 86_400)d ago" }
        return "\(seconds / (7 * 86_400))w ago"
    }

    /// "7s", "2m 05s", "1h 13m", "3d 4h".
    static func duration(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded(.up)))
        if total < 60 { return "\(total)s" }
        if total < 3_600 { return String(format: "%dm %02ds", total / 60, total % 60) }
        if total < 86_400 { return "\(total / 3_600)h \((total % 3_600) / 60)m" }
        return "\(total / 86_400)d \((total % 86_400) / 3_600)h"
    }
}

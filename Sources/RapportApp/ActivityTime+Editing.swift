import CRMCore
import Foundation

extension ActivityTime {
    /// "2026-12-01 14:00" in `zone`: how a time is shown for editing (and read back by `parse`).
    static func text(_ date: Date, zone: TimeZone) -> String {
        let parts = TimeText.calendar(zone).dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0)
    }
}

import Foundation

/// Works out how long Gmail asked us to wait: a `Retry-After` header (seconds or an HTTP date) or a
/// "Retry after 2024-03-07T18:18:23.688Z" inside the error text.
enum RetryAfter {
    /// Seconds from `now`, never negative; the longer of the two when both are given; nil when
    /// neither is present or readable.
    static func seconds(header: String?, messages: [String], now: Date) -> TimeInterval? {
        let fromHeader = header.flatMap { seconds(header: $0, now: now) }
        let fromText = messages.lazy.compactMap { seconds(inText: $0, now: now) }.first
        switch (fromHeader, fromText) {
        case let (header?, text?): return max(header, text)
        case let (header?, nil): return header
        case let (nil, text?): return text
        case (nil, nil): return nil
        }
    }

    /// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`.
    static func seconds(header: String, now: Date) -> TimeInterval? {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds.isFinite {
            return max(0, seconds)
        }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: value) {
                return max(0, date.timeIntervalSince(now))
            }
        }
        return nil
    }

    /// "… Retry after 2024-03-07T18:18:23.688Z" → seconds until then.
    static func seconds(inText text: String, now: Date) -> TimeInterval? {
        guard let range = text.range(of: "retry after", options: .caseInsensitive) else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == ":" }
        var stamp = String(rest.prefix { !$0.isWhitespace })
        while let last = stamp.last, ".,;)]'\"".contains(last) { stamp.removeLast() }
        guard let date = isoDate(stamp) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    private static func isoDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

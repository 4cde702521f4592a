import Foundation

/// What a person asked search for, as a tree: words, phrases and operators joined by AND, OR and NOT.
/// `SearchQuery.parse` reads anything typed; nothing is an error (see `SearchQueryParser`).
public indirect enum SearchQuery: Sendable, Equatable {
    case term(SearchTerm)
    case not(SearchQuery)
    case and([SearchQuery])
    case or([SearchQuery])

    /// The tree for `text`, or nil when it asks for nothing (blank, or only punctuation).
    public static func parse(_ text: String) -> SearchQuery? {
        var parser = SearchQueryParser(text)
        return parser.parse()
    }

    /// The same query with its last bare word read as the start of a word, as search-as-you-type wants
    /// ("carol van" finds Carol Vance). A whole address stays whole: "…@client.com*" would match every
    /// word starting "com".
    public func typingAhead() -> SearchQuery {
        switch self {
        case .term(.word(let word, prefix: false)):
            let isWholeAddress = word.firstIndex(of: "@").map { word[$0...].contains(".") } ?? false
            return isWholeAddress ? self : .term(.word(word, prefix: true))
        case .and(let parts) where !parts.isEmpty:
            return .and(parts.dropLast() + [parts[parts.count - 1].typingAhead()])
        default:
            return self
        }
    }
}

/// One leaf of a search: a word or phrase to find, or an operator that narrows the results.
public enum SearchTerm: Sendable, Equatable {
    /// A word; `prefix` when it ended in `*` (or is the last word typed, see `typingAhead`).
    case word(String, prefix: Bool)
    case phrase(String)
    /// `from:` `to:` `cc:` (a name or address, partial) and `subject:` `body:` (words in that field).
    case field(SearchField, String)
    case before(SearchDay)
    case after(SearchDay)
    case newerThan(SearchAge)
    case olderThan(SearchAge)
    case hasAttachment
    case state(SearchMailState)
    /// `in:inbox`, `in:sent`, `in:trash` or any other label, as typed.
    case folder(String)
    /// `contact:ID` or `contact:EMAIL`.
    case contact(String)
    /// `by:LOGIN`: written, sent or received by that teammate.
    case by(String)
}

/// The fields `from:` `to:` `cc:` `subject:` `body:` search.
public enum SearchField: String, Sendable, CaseIterable {
    case from, to, cc, subject, body
}

/// The mail states `is:` asks about.
public enum SearchMailState: String, Sendable, CaseIterable {
    case unread, read, sent, received
}

/// A calendar day as `before:` and `after:` give it (YYYY-MM-DD or YYYY/MM/DD), in the user's zone.
public struct SearchDay: Sendable, Equatable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The first instant of this day in `zone`.
    public func start(in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }
}

/// An age as `newer_than:` and `older_than:` give it: `3d`, `2w`, `6m`, `1y`.
public struct SearchAge: Sendable, Equatable {
    /// Days, weeks, months or years.
    public enum Unit: Character, Sendable {
        case day = "d", week = "w", month = "m", year = "y"
    }

    public let count: Int
    public let unit: Unit

    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    /// The instant this long before `now`, counted in `zone`'s calendar.
    public func before(_ now: Date, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let component: Calendar.Component = switch unit {
        case .day: .day
        case .week: .weekOfYear
        case .month: .month
        case .year: .year
        }
        return calendar.date(byAdding: component, value: -count, to: now) ?? .distantPast
    }
}

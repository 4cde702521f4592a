import Foundation

/// The part of Gmail's search syntax the simulator understands (gmail-api.md §13, §16): terms
/// joined by AND (space), OR (binds tighter than AND, as in Gmail), `-` for NOT, `( )` groups and
/// `{ }` OR-groups. Operators: after:/before: (epoch seconds, or YYYY/MM/DD at midnight Pacific
/// time), newer_than:/older_than: (Nh, Nd, Nm, Ny), in:, is:, label:, category:, from:, to:, cc:,
/// bcc:, subject:, rfc822msgid:, has:attachment, larger:/smaller:. Anything else is text searched
/// in the subject, addresses and body.
indirect enum SimulatedSearchQuery: Sendable {
    case all
    case and([SimulatedSearchQuery])
    case or([SimulatedSearchQuery])
    case not(SimulatedSearchQuery)
    case term(Term)

    enum Term: Sendable {
        /// internalDate ≥ this (ms).
        case after(Int64)
        /// internalDate < this (ms).
        case before(Int64)
        case label(String)
        case lacksLabel(String)
        /// in:anywhere: matches everything and lets SPAM and TRASH in.
        case anywhere
        case from(String)
        case to(String)
        case cc(String)
        case bcc(String)
        case subject(String)
        case messageID(String)
        case hasAttachment
        case larger(Int)
        case smaller(Int)
        case text(String)
        case never
    }

    /// What parsing needs from the mailbox: label names to ids, and the account ("me").
    struct Context {
        var account: String
        var now: Date
        var labelID: (String) -> String?
    }

    // MARK: - Matching

    func matches(_ message: StoredMessage) -> Bool {
        switch self {
        case .all: return true
        case .and(let parts): return parts.allSatisfy { $0.matches(message) }
        case .or(let parts): return parts.contains { $0.matches(message) }
        case .not(let inner): return !inner.matches(message)
        case .term(let term): return term.matches(message)
        }
    }

    /// Whether the query asks for SPAM or TRASH itself (then includeSpamTrash=false does not hide them).
    var reachesSpamOrTrash: Bool { reaches(positive: true) }

    private func reaches(positive: Bool) -> Bool {
        switch self {
        case .all: return false
        case .and(let parts), .or(let parts): return parts.contains { $0.reaches(positive: positive) }
        case .not(let inner): return inner.reaches(positive: !positive)
        case .term(let term):
            guard positive else { return false }
            switch term {
            case .anywhere: return true
            case .label(let id): return id == "SPAM" || id == "TRASH"
            default: return false
            }
        }
    }

    // MARK: - Parsing

    static func parse(_ text: String, context: Context) -> SimulatedSearchQuery {
        var parser = Parser(tokens: tokenize(text), context: context)
        let parts = parser.sequence(until: nil)
        return parts.isEmpty ? .all : (parts.count == 1 ? parts[0] : .and(parts))
    }

    private enum Token: Equatable {
        case open, close, openBrace, closeBrace, minus
        case word(String)
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var characters = Array(text)[...]
        while let character = characters.first {
            switch character {
            case " ", "\t", "\n", "\r": characters.removeFirst()
            case "(": tokens.append(.open); characters.removeFirst()
            case ")": tokens.append(.close); characters.removeFirst()
            case "{": tokens.append(.openBrace); characters.removeFirst()
            case "}": tokens.append(.closeBrace); characters.removeFirst()
            case "-" where characters.count > 1 && !characters.dropFirst().first!.isWhitespace:
                tokens.append(.minus)
                characters.removeFirst()
            default:
                var word = ""
                var quoted = false
                while let next = characters.first {
                    if next == "\"" {
                        quoted.toggle()
                        characters.removeFirst()
                        continue
                    }
                    if !quoted && (next.isWhitespace || "(){}".contains(next)) { break }
                    word.append(next)
                    characters.removeFirst()
                }
                if !word.isEmpty { tokens.append(.word(word)) }
            }
        }
        return tokens
    }

    private struct Parser {
        var tokens: [Token]
        var position = 0
        let context: Context

        init(tokens: [Token], context: Context) {
            self.tokens = tokens
            self.context = context
        }

        mutating func sequence(until closer: Token?) -> [SimulatedSearchQuery] {
            var parts: [SimulatedSearchQuery] = []
            while position < tokens.count {
                if let closer, tokens[position] == closer {
                    position += 1
                    break
                }
                if tokens[position] == .close || tokens[position] == .closeBrace {
                    position += 1  // a stray closer
                    continue
                }
                if case .word("AND") = tokens[position] {
                    position += 1
                    continue
                }
                if let part = disjunction() { parts.append(part) }
            }
            return parts
        }

        mutating func disjunction() -> SimulatedSearchQuery? {
            guard var left = unary() else { return nil }
            var alternatives: [SimulatedSearchQuery] = []
            while position < tokens.count, tokens[position] == .word("OR") {
                position += 1
                guard let right = unary() else { break }
                alternatives.append(right)
            }
            if !alternatives.isEmpty { left = .or([left] + alternatives) }
            return left
        }

        mutating func unary() -> SimulatedSearchQuery? {
            guard position < tokens.count else { return nil }
            let token = tokens[position]
            position += 1
            switch token {
            case .minus:
                return unary().map { .not($0) }
            case .open:
                let parts = sequence(until: .close)
                return parts.isEmpty ? .all : (parts.count == 1 ? parts[0] : .and(parts))
            case .openBrace:
                let parts = sequence(until: .closeBrace)
                return parts.isEmpty ? .all : .or(parts)
            case .close, .closeBrace:
                return nil
            case .word(let word):
                return .term(term(word))
            }
        }

        func term(_ word: String) -> Term {
            guard let colon = word.firstIndex(of: ":") else { return .text(word.lowercased()) }
            let name = word[..<colon].lowercased()
            let value = String(word[word.index(after: colon)...])
            let lower = value.lowercased()
            switch name {
            case "after": return SearchDate.parse(value).map { .after($0) } ?? .never
            case "before": return SearchDate.parse(value).map { .before($0) } ?? .never
            case "newer_than": return SearchDate.relative(value, now: context.now).map { .after($0) } ?? .never
            case "older_than": return SearchDate.relative(value, now: context.now).map { .before($0) } ?? .never
            case "in":
                switch lower {
                case "anywhere", "all": return .anywhere
                case "chats", "chat": return .label("CHAT")
                case "drafts", "draft": return .label("DRAFT")
                default: return .label(SimulatedSearchQuery.systemLabel(lower) ?? context.labelID(value) ?? "\u{0}none")
                }
            case "is":
                switch lower {
                case "unread": return .label("UNREAD")
                case "read": return .lacksLabel("UNREAD")
                case "starred": return .label("STARRED")
                case "important": return .label("IMPORTANT")
                case "chat": return .label("CHAT")
                default: return .never
                }
            case "label":
                return .label(SimulatedSearchQuery.systemLabel(lower) ?? context.labelID(value) ?? "\u{0}none")
            case "category":
                let category = lower == "primary" ? "PERSONAL" : lower.uppercased()
                return .label("CATEGORY_" + category)
            case "from": return .from(address(lower))
            case "to": return .to(address(lower))
            case "cc": return .cc(address(lower))
            case "bcc": return .bcc(address(lower))
            case "subject": return .subject(lower)
            case "rfc822msgid": return .messageID(lower.trimmingCharacters(in: CharacterSet(charactersIn: "<>")))
            case "has": return lower == "attachment" ? .hasAttachment : .never
            case "larger": return SimulatedSearchQuery.size(lower).map { .larger($0) } ?? .never
            case "smaller": return SimulatedSearchQuery.size(lower).map { .smaller($0) } ?? .never
            default: return .text(word.lowercased())
            }
        }

        func address(_ value: String) -> String {
            value == "me" ? context.account.lowercased() : value
        }
    }

    private static func systemLabel(_ name: String) -> String? {
        let upper = name.uppercased()
        return SystemLabel.set.contains(upper) ? upper : nil
    }

    private static func size(_ text: String) -> Int? {
        var digits = text
        var factor = 1
        if digits.hasSuffix("k") { factor = 1024; digits.removeLast() }
        else if digits.hasSuffix("m") { factor = 1024 * 1024; digits.removeLast() }
        return Int(digits).map { $0 * factor }
    }
}

extension SimulatedSearchQuery.Term {
    func matches(_ message: StoredMessage) -> Bool {
        let content = message.content
        switch self {
        case .after(let ms): return message.internalDate >= ms
        case .before(let ms): return message.internalDate < ms
        case .label(let id): return message.labelIDs.contains(id)
        case .lacksLabel(let id): return !message.labelIDs.contains(id)
        case .anywhere: return true
        case .from(let text): return content.fromText.contains(text)
        case .to(let text): return content.toText.contains(text)
        case .cc(let text): return content.ccText.contains(text)
        case .bcc(let text): return content.bccText.contains(text)
        case .subject(let text): return content.subject.lowercased().contains(text)
        case .messageID(let id): return content.messageID?.lowercased() == id
        case .hasAttachment: return content.hasAttachment
        case .larger(let size): return content.raw.count > size
        case .smaller(let size): return content.raw.count < size
        case .text(let text): return content.searchText.contains(text)
        case .never: return false
        }
    }
}

/// Dates in search terms.
enum SearchDate {
    /// Gmail reads YYYY/MM/DD as midnight Pacific time.
    static let pacific = TimeZone(identifier: "America/Los_Angeles") ?? TimeZone(secondsFromGMT: -8 * 3600)!

    /// Epoch seconds ("1715700000"), YYYY/MM/DD, YYYY-MM-DD or MM/DD/YYYY → milliseconds.
    static func parse(_ text: String) -> Int64? {
        if !text.isEmpty, text.allSatisfy(\.isNumber), let seconds = Int64(text) { return seconds * 1000 }
        let pieces = text.split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
        guard pieces.count == 3 else { return nil }
        let (year, month, day) = pieces[0] > 31 ? (pieces[0], pieces[1], pieces[2]) : (pieces[2], pieces[0], pieces[1])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = pacific
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        return Int64(date.timeIntervalSince1970) * 1000
    }

    /// "3d", "2m", "1y", "12h" before `now` → milliseconds.
    static func relative(_ text: String, now: Date) -> Int64? {
        guard let unit = text.last?.lowercased(), let count = Int(text.dropLast()) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let date: Date?
        switch unit {
        case "h": date = now.addingTimeInterval(-Double(count) * 3600)
        case "d": date = now.addingTimeInterval(-Double(count) * 86400)
        case "m": date = calendar.date(byAdding: .month, value: -count, to: now)
        case "y": date = calendar.date(byAdding: .year, value: -count, to: now)
        default: date = nil
        }
        return date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded(.down)) }
    }
}

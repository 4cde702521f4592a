import Foundation

/// Reads a search as typed into a `SearchQuery`. The grammar, loosest first:
///
///     query   = and ("OR" and)*
///     and     = unary+                      (implicit AND; a bare "AND" is skipped)
///     unary   = "-" unary | primary
///     primary = "(" query ")" | "\"phrase\"" | name ":" value | word ["*"]
///
/// Nothing is an error: an unclosed quote or parenthesis ends at the end of the text, a stray `)`,
/// a lone `-` and an `OR` with nothing on one side are skipped, an operator with no value or an
/// unknown one (`foo:bar`) is a word, and a word with no letter or digit is dropped.
struct SearchQueryParser {
    private enum Token: Equatable {
        case open, close, or, and, minus
        case phrase(String)
        case bare(String)
        /// `name:"a phrase"`.
        case quotedOperator(String, String)
    }

    private let tokens: [Token]
    private var position = 0

    init(_ text: String) {
        tokens = Self.tokens(of: Array(text))
    }

    mutating func parse() -> SearchQuery? {
        var parts: [SearchQuery] = []
        while position < tokens.count {
            if let query = parseOr() { parts.append(query) }
            if position < tokens.count, tokens[position] == .close { position += 1 }  // a stray ")"
        }
        return Self.joined(parts, SearchQuery.and)
    }

    private mutating func parseOr() -> SearchQuery? {
        var alternatives: [SearchQuery] = []
        while true {
            if let part = parseAnd() { alternatives.append(part) }
            guard position < tokens.count, tokens[position] == .or else { break }
            position += 1
        }
        return Self.joined(alternatives, SearchQuery.or)
    }

    private mutating func parseAnd() -> SearchQuery? {
        var parts: [SearchQuery] = []
        while position < tokens.count, tokens[position] != .or, tokens[position] != .close {
            if tokens[position] == .and {
                position += 1
                continue
            }
            if let part = parseUnary() { parts.append(part) }
        }
        return Self.joined(parts, SearchQuery.and)
    }

    private mutating func parseUnary() -> SearchQuery? {
        guard tokens[position] == .minus else { return parsePrimary() }
        position += 1
        guard position < tokens.count, ![.or, .close, .and].contains(tokens[position]) else { return nil }
        return parseUnary().map { if case .not(let inner) = $0 { inner } else { .not($0) } }
    }

    private mutating func parsePrimary() -> SearchQuery? {
        let token = tokens[position]
        position += 1
        switch token {
        case .open:
            let inner = parseOr()
            if position < tokens.count, tokens[position] == .close { position += 1 }
            return inner
        case .phrase(let text):
            return Self.phrase(text)
        case .quotedOperator(let name, let value):
            return Self.operatorTerm(name, value).map(SearchQuery.term) ?? Self.phrase(name + " " + value)
        case .bare(let text):
            return Self.bare(text)
        case .close, .or, .and, .minus:
            return nil
        }
    }

    private static func joined(_ parts: [SearchQuery], _ join: ([SearchQuery]) -> SearchQuery) -> SearchQuery? {
        parts.count <= 1 ? parts.first : join(parts)
    }

    private static func phrase(_ text: String) -> SearchQuery? {
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard hasLetterOrDigit(words) else { return nil }
        return .term(words.contains(" ") ? .phrase(words) : .word(words, prefix: false))
    }

    private static func bare(_ text: String) -> SearchQuery? {
        if let colon = text.firstIndex(of: ":"), colon != text.startIndex,
           let term = operatorTerm(String(text[..<colon]), String(text[text.index(after: colon)...])) {
            return .term(term)
        }
        var word = text
        while word.hasSuffix("*") { word.removeLast() }
        let isPrefix = word.count < text.count
        guard hasLetterOrDigit(word) else { return nil }
        return .term(.word(word, prefix: isPrefix))
    }

    /// The operator `name:value` means, or nil when it is none (then it is searched as words).
    static func operatorTerm(_ name: String, _ value: String) -> SearchTerm? {
        guard hasLetterOrDigit(value) else { return nil }
        let lowered = value.lowercased()
        switch name.lowercased() {
        case "from", "to", "cc", "subject", "body":
            return .field(SearchField(rawValue: name.lowercased())!, value)
        case "before": return day(value).map(SearchTerm.before)
        case "after": return day(value).map(SearchTerm.after)
        case "newer_than": return age(lowered).map(SearchTerm.newerThan)
        case "older_than": return age(lowered).map(SearchTerm.olderThan)
        case "has": return ["attachment", "attachments"].contains(lowered) ? .hasAttachment : nil
        case "is": return SearchMailState(rawValue: lowered).map(SearchTerm.state)
        case "in", "label": return .folder(value)
        case "contact": return .contact(value)
        case "by": return .by(value)
        default: return nil
        }
    }

    private static func day(_ text: String) -> SearchDay? {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        return SearchDay(year: year, month: month, day: day)
    }

    private static func age(_ text: String) -> SearchAge? {
        guard let last = text.last, let unit = SearchAge.Unit(rawValue: last),
              let count = Int(text.dropLast()), (0...100_000).contains(count) else { return nil }
        return SearchAge(count: count, unit: unit)
    }

    private static func hasLetterOrDigit(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { CharacterSet.alphanumerics.contains($0) }
    }

    private static func tokens(of characters: [Character]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        func quoted() -> String {
            index += 1  // the opening quote
            let start = index
            while index < characters.count, characters[index] != "\"" { index += 1 }
            defer { index += 1 }  // the closing quote, when there is one
            return String(characters[start..<min(index, characters.count)])
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case _ where character.isWhitespace:
                index += 1
            case "(":
                tokens.append(.open)
                index += 1
            case ")":
                tokens.append(.close)
                index += 1
            case "\"":
                tokens.append(.phrase(quoted()))
            case "-" where index + 1 < characters.count && !characters[index + 1].isWhitespace:
                tokens.append(.minus)
                index += 1
            default:
                let start = index
                while index < characters.count, !characters[index].isWhitespace,
                      !"()\"".contains(characters[index]) {
                    index += 1
                }
                let text = String(characters[start..<index])
                if text.hasSuffix(":"), text.count > 1, index < characters.count, characters[index] == "\"" {
                    tokens.append(.quotedOperator(String(text.dropLast()), quoted()))
                } else if text == "OR" || text == "|" {
                    tokens.append(.or)
                } else if text == "AND" {
                    tokens.append(.and)
                } else {
                    tokens.append(.bare(text))
                }
            }
        }
        return tokens
    }
}

import Foundation

/// The part of a hit's text shown in results: one line around the first word the query asked for,
/// folded as search folds (case and diacritics), plain text without markup.
public enum SearchSnippet {
    /// About `width` characters of `text` around the first of `words` in it, or its start when none is.
    public static func make(_ text: String, around words: [String], width: Int = 120) -> String {
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let found = words.lazy.compactMap {
            line.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive])
        }.min { $0.lowerBound < $1.lowerBound }
        guard let found, line.count > width else { return line.count > width ? String(line.prefix(width)) + "…" : line }
        let lead = width / 3
        let start = line.index(found.lowerBound, offsetBy: -lead, limitedBy: line.startIndex) ?? line.startIndex
        let end = line.index(start, offsetBy: width, limitedBy: line.endIndex) ?? line.endIndex
        return (start == line.startIndex ? "" : "…") + line[start..<end] + (end == line.endIndex ? "" : "…")
    }
}

extension SearchQuery {
    /// The words and phrases a hit is expected to contain (those not negated), for its snippet.
    public var wantedWords: [String] {
        switch self {
        case .term(.word(let text, _)), .term(.phrase(let text)), .term(.field(.subject, let text)),
             .term(.field(.body, let text)):
            [text]
        case .term, .not: []
        case .and(let parts), .or(let parts): parts.flatMap(\.wantedWords)
        }
    }
}

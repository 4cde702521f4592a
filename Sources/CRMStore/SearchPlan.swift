import CRMCore
import Foundation

/// A `SearchQuery` planned into SQL over the date-keyed index of migration 014: one FTS5 MATCH
/// expression for what every hit must have (words, phrases, `from:` `to:` `cc:`, and `has:` `is:` `in:`
/// as tags), and a filter over the joined rows for the rest (dates as rowid ranges, words in scripts
/// without spaces through the trigram index, `contact:` and `by:`). Nothing typed is pasted into SQL:
/// every word goes into the MATCH expression through FTS5 quoting (the expression itself is bound),
/// every other value is bound. The filter reads `search_index` and the rows `a` (activity), `i`
/// (incoming) and `o` (outgoing) joined to it, as `Store.search` writes them.
struct SearchPlan {
    /// The FTS5 expression every hit matches, or nil when no word is required (then the index is scanned).
    let match: String?
    /// A SQL condition, "1" when there is none.
    let filter: String
    /// The values for the filter's `?`, in order.
    let arguments: [any SQLConvertible]
    /// Whether the query asks for Trash or Spam, which search leaves out otherwise.
    let includesTrash: Bool

    /// The key of a row of the index: id × 4 + kind (migration 014 puts the date above it).
    static let key = "(search_index.rowid & 2147483647)"

    /// The date a hit is listed by: an activity's, an email's arrival, a sent email's last change.
    static let occurredAt = """
        CASE search_index.rowid % 4 WHEN 1 THEN a.occurred_at WHEN 2 THEN i.internal_date WHEN 3 THEN o.updated_at END
        """
    /// The contact a hit belongs to, when there is one.
    static let contactID = """
        CASE search_index.rowid % 4 WHEN 0 THEN \(key) / 4 WHEN 1 THEN a.contact_id
            WHEN 2 THEN (SELECT contact_id FROM activities WHERE source_type = 'incoming_email' AND source_id = i.id
                         ORDER BY id LIMIT 1)
            WHEN 3 THEN CASE WHEN o.linked_type = 'contact' THEN o.linked_id END END
        """

    /// The columns a word typed alone is looked for in: all but the tags.
    private static let textColumns = "{subject body people sender recipient copied}"

    /// Plans `query`; `labelIDs` gives the label ids a name typed after `in:` stands for (any mailbox).
    init(_ query: SearchQuery, now: Date, zone: TimeZone, labelIDs: @escaping (String) -> [String] = { _ in [] }) {
        let tokens = Tokens(labelIDs: labelIDs)
        var builder = Builder(now: now, zone: zone, tokens: tokens)
        var required: [String] = []
        var excluded: [String] = []
        var filters: [String] = []
        for part in Self.conjuncts(query) {
            if let expression = tokens.fts(part) {
                required.append(expression)
            } else if case .not(let inner) = part, let expression = tokens.fts(inner) {
                excluded.append(expression)
            } else {
                filters.append(builder.sql(part))
            }
        }
        if required.isEmpty {
            // FTS5 cannot answer "everything but": the excluded words become filters.
            filters += excluded.map { builder.matches($0, negated: true) }
            match = nil
        } else {
            match = excluded.reduce(required.joined(separator: " AND ")) { "(\($0)) NOT (\($1))" }
        }
        filter = filters.isEmpty ? "1" : filters.joined(separator: " AND ")
        arguments = builder.arguments
        includesTrash = Self.asksForTrash(query)
    }

    private static func conjuncts(_ query: SearchQuery) -> [SearchQuery] {
        if case .and(let parts) = query { return parts }
        return [query]
    }

    private static func asksForTrash(_ query: SearchQuery) -> Bool {
        switch query {
        case .term(.folder(let name)): ["trash", "spam"].contains(name.lowercased())
        case .term: false
        case .not(let inner): asksForTrash(inner)
        case .and(let parts), .or(let parts): parts.contains(where: asksForTrash)
        }
    }

    /// The letters of scripts written without spaces between words (Chinese, Japanese, Korean, Thai,
    /// Lao, Khmer, Myanmar), which the word index holds as one long token per run.
    static let unspacedRanges: [ClosedRange<UInt32>] = [
        0x0E00...0x0EFF, 0x1000...0x109F, 0x1100...0x11FF, 0x1780...0x17FF, 0x3040...0x30FF, 0x3130...0x318F,
        0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF66...0xFF9F,
        0x20000...0x2FFFF,
    ]

    /// Whether `text` has a letter of a script written without spaces.
    static func isUnspaced(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in unspacedRanges.contains { $0.contains(scalar.value) } }
    }

    /// The tag a label id is indexed as (migration 014): `l` and the hex of its UTF-8 bytes, upper case
    /// first (ASCII only, as SQLite's `upper`).
    static func labelTag(_ label: String) -> String {
        let bytes = label.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        return "l" + bytes.map { String(format: "%02X", $0) }.joined()
    }

    /// `text` as one FTS5 string: a word, or the phrase of the words in it.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Turns the parts of a query FTS5 can answer into FTS5 expressions.
    struct Tokens {
        let labelIDs: (String) -> [String]

        /// The FTS5 expression for `query`, or nil when FTS5 cannot answer it alone (a date, `contact:`,
        /// `by:`, a word in a script written without spaces, or a negation with nothing beside it).
        func fts(_ query: SearchQuery) -> String? {
            switch query {
            case .term(let term):
                return fts(term)
            case .not:
                return nil
            case .or(let parts):
                let expressions = parts.compactMap(fts)
                return expressions.count == parts.count ? "(" + expressions.joined(separator: " OR ") + ")" : nil
            case .and(let parts):
                var required: [String] = []
                var excluded: [String] = []
                for part in parts {
                    if let expression = fts(part) {
                        required.append(expression)
                    } else if case .not(let inner) = part, let expression = fts(inner) {
                        excluded.append(expression)
                    } else {
                        return nil
                    }
                }
                guard !required.isEmpty else { return nil }
                return excluded.reduce("(" + required.joined(separator: " AND ") + ")") { "(\($0) NOT \($1))" }
            }
        }

        private func fts(_ term: SearchTerm) -> String? {
            switch term {
            case .word(let word, let prefix) where !isUnspaced(word):
                return "\(textColumns) : " + quoted(word) + (prefix ? "*" : "")
            case .phrase(let phrase) where !isUnspaced(phrase):
                return "\(textColumns) : " + quoted(phrase)
            case .field(let field, let value) where (field == .subject || field == .body) && !isUnspaced(value):
                return "\(field.rawValue) : \(quoted(value))"
            case .field(.from, let value): return person("sender", value)
            case .field(.to, let value): return person("recipient", value)
            case .field(.cc, let value): return person("copied", value)
            case .hasAttachment: return tag("attachment")
            case .state(let state): return tag(state.rawValue)
            case .folder(let name) where name.lowercased() == "sent": return tag("insent")
            case .folder(let name):
                var labels = [name]
                for id in labelIDs(name) where !labels.contains(where: { $0.uppercased() == id.uppercased() }) {
                    labels.append(id)
                }
                let tags = labels.map { tag(labelTag($0)) }
                return tags.count == 1 ? tags[0] : "(" + tags.joined(separator: " OR ") + ")"
            case .word, .phrase, .field, .before, .after, .newerThan, .olderThan, .contact, .by:
                return nil
            }
        }

        /// A name or address in `column`: the start of its words ("carol", "client.example", "ann@alpha"),
        /// or a whole address as it is.
        private func person(_ column: String, _ value: String) -> String {
            let isWholeAddress = value.firstIndex(of: "@").map { value[$0...].contains(".") } ?? false
            return "\(column) : " + quoted(value) + (isWholeAddress ? "" : "*")
        }

        private func tag(_ name: String) -> String {
            "tags : " + quoted(name)
        }
    }

    /// Writes the SQL for the parts FTS5 cannot answer alone, collecting the values to bind.
    private struct Builder {
        let now: Date
        let zone: TimeZone
        let tokens: Tokens
        var arguments: [any SQLConvertible] = []

        mutating func sql(_ query: SearchQuery) -> String {
            switch query {
            case .not(let inner): return "NOT (\(sql(inner)))"
            case .and(let parts): return "(" + parts.map { sql($0) }.joined(separator: " AND ") + ")"
            case .or(let parts): return "(" + parts.map { sql($0) }.joined(separator: " OR ") + ")"
            case .term(let term):
                if let expression = tokens.fts(query) { return matches(expression, negated: false) }
                if let range = dateRange(term) { return range }
                // Never NULL, so that NOT of a condition that does not apply (by: of a contact) holds.
                return "coalesce((\(sql(term))), 0)"
            }
        }

        mutating func matches(_ expression: String, negated: Bool) -> String {
            arguments.append(expression)
            return "search_index.rowid \(negated ? "NOT IN" : "IN") (SELECT rowid FROM search_index WHERE search_index MATCH ?)"
        }

        /// A date as a range of the date-keyed rowid, which FTS5 walks directly; contacts have no date.
        private mutating func dateRange(_ term: SearchTerm) -> String? {
            let bound: (String, Date?)
            switch term {
            case .before(let day): bound = ("<", day.start(in: zone))
            case .after(let day): bound = (">=", day.start(in: zone))
            case .newerThan(let age): bound = (">=", age.before(now, in: zone))
            case .olderThan(let age): bound = ("<", age.before(now, in: zone))
            default: return nil
            }
            guard let date = bound.1 else { return "0" }
            let seconds = min(max(Int64(date.timeIntervalSince1970.rounded(.down)), 0), 4_294_967_295)
            arguments.append(seconds << 31)
            return "(search_index.rowid % 4 <> 0 AND search_index.rowid \(bound.0) ?)"
        }

        private mutating func sql(_ term: SearchTerm) -> String {
            switch term {
            case .word(let text, _), .phrase(let text):
                return unspaced(text, in: ["subject", "body"])
            case .field(let field, let text):
                return unspaced(text, in: [field.rawValue])
            case .contact(let text):
                if let id = Int64(text) { return bound("(\(SearchPlan.contactID)) = ?", id) }
                return bound("(\(SearchPlan.contactID)) IN (SELECT contact_id FROM contact_emails WHERE address = lower(?))",
                             text)
            case .by(let login):
                return bound("""
                    CASE search_index.rowid % 4 WHEN 1 THEN a.user_id
                        WHEN 2 THEN (SELECT user_id FROM mailboxes WHERE id = i.mailbox_id) WHEN 3 THEN o.author_id END
                    IN (SELECT id FROM users WHERE login = ? COLLATE NOCASE)
                    """, login)
            case .before, .after, .newerThan, .olderThan, .hasAttachment, .state, .folder:
                return "0"  // answered by dateRange or FTS5 before this is asked
            }
        }

        private mutating func bound(_ sql: String, _ value: any SQLConvertible) -> String {
            arguments.append(value)
            return sql
        }

        /// `text` (in a script without spaces) in one of `columns` of the trigram index: by its trigrams
        /// when it has three letters or more, else by LIKE over the rows that index holds (only rows with
        /// such text), ignoring ASCII case; `%` and `_` are themselves.
        private mutating func unspaced(_ text: String, in columns: [String]) -> String {
            if text.count >= 3 {
                return bound("search_index.rowid IN (SELECT rowid FROM search_trigram WHERE search_trigram MATCH ?)",
                             "{\(columns.joined(separator: " "))} : " + quoted(text))
            }
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            let likes = columns.map { bound("\($0) LIKE ? ESCAPE '\\'", "%" + escaped + "%") }
            return "search_index.rowid IN (SELECT rowid FROM search_trigram WHERE \(likes.joined(separator: " OR ")))"
        }
    }
}

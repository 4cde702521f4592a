import CRMCore
import Foundation

/// A `SearchQuery` planned into SQL: one FTS5 MATCH expression for the words every hit must have, and
/// a filter over the joined rows for the rest. Nothing typed is pasted into SQL: every word goes into
/// the MATCH expression through FTS5 quoting (the expression itself is bound), every other value is
/// bound. The filter reads `search_index` and the rows `a` (activity), `i` (incoming) and `o`
/// (outgoing) joined to it, as `Store.search` writes them.
struct SearchPlan {
    /// The FTS5 expression every hit matches, or nil when no word is required (then the index is scanned).
    let match: String?
    /// A SQL condition, "1" when there is none.
    let filter: String
    /// The values for the filter's `?`, in order.
    let arguments: [any SQLConvertible]
    /// Whether the query asks for Trash or Spam, which search leaves out otherwise.
    let includesTrash: Bool

    /// The date a hit is listed by: an activity's, an email's arrival, a sent email's last change.
    static let occurredAt = """
        CASE search_index.rowid % 4 WHEN 1 THEN a.occurred_at WHEN 2 THEN i.internal_date WHEN 3 THEN o.updated_at END
        """
    /// The contact a hit belongs to, when there is one.
    static let contactID = """
        CASE search_index.rowid % 4 WHEN 0 THEN search_index.rowid / 4 WHEN 1 THEN a.contact_id
            WHEN 2 THEN (SELECT contact_id FROM activities WHERE source_type = 'incoming_email' AND source_id = i.id
                         ORDER BY id LIMIT 1)
            WHEN 3 THEN CASE WHEN o.linked_type = 'contact' THEN o.linked_id END END
        """

    init(_ query: SearchQuery, now: Date, zone: TimeZone) {
        var builder = Builder(now: now, zone: zone)
        var required: [String] = []
        var excluded: [String] = []
        var filters: [String] = []
        for part in Self.conjuncts(query) {
            if let expression = Self.fts(part) {
                required.append(expression)
            } else if case .not(let inner) = part, let expression = Self.fts(inner) {
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

    /// The FTS5 expression for `query`, or nil when FTS5 cannot answer it alone (an operator, a word in
    /// a script written without spaces, or a negation with nothing beside it).
    static func fts(_ query: SearchQuery) -> String? {
        switch query {
        case .term(.word(let word, let prefix)) where !isUnspaced(word):
            return quoted(word) + (prefix ? "*" : "")
        case .term(.phrase(let phrase)) where !isUnspaced(phrase):
            return quoted(phrase)
        case .term(.field(let field, let value)) where (field == .subject || field == .body) && !isUnspaced(value):
            return "\(field.rawValue) : \(quoted(value))"
        case .term, .not:
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

    /// `text` as one FTS5 string: a word, or the phrase of the words in it.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether `text` has letters of a script written without spaces between words (Chinese, Japanese,
    /// Korean, Thai, Lao, Khmer, Myanmar), which the word index holds as one long token per run.
    static func isUnspaced(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1100...0x11FF, 0x1780...0x17FF, 0x3040...0x30FF,
                 0x3130...0x318F, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF,
                 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x2FFFF: true
            default: false
            }
        }
    }

    /// Writes the SQL for the parts FTS5 cannot answer alone, collecting the values to bind.
    private struct Builder {
        let now: Date
        let zone: TimeZone
        var arguments: [any SQLConvertible] = []

        mutating func sql(_ query: SearchQuery) -> String {
            switch query {
            case .not(let inner): return "NOT (\(sql(inner)))"
            case .and(let parts): return "(" + parts.map { sql($0) }.joined(separator: " AND ") + ")"
            case .or(let parts): return "(" + parts.map { sql($0) }.joined(separator: " OR ") + ")"
            case .term(let term):
                if let expression = SearchPlan.fts(query) { return matches(expression, negated: false) }
                // Never NULL, so that NOT of a condition that does not apply (from: of a contact) holds.
                return "coalesce((\(sql(term))), 0)"
            }
        }

        mutating func matches(_ expression: String, negated: Bool) -> String {
            arguments.append(expression)
            return "search_index.rowid \(negated ? "NOT IN" : "IN") (SELECT rowid FROM search_index WHERE search_index MATCH ?)"
        }

        private mutating func sql(_ term: SearchTerm) -> String {
            switch term {
            case .word(let text, _), .phrase(let text):
                return substring(text, in: ["search_index.subject", "search_index.body"])
            case .field(.subject, let text):
                return substring(text, in: ["search_index.subject"])
            case .field(.body, let text):
                return substring(text, in: ["search_index.body"])
            case .field(.from, let text):
                return substring(text, in: ["i.from_name", "i.from_address",
                                            "(SELECT email FROM mailboxes WHERE id = o.mailbox_id)",
                                            "(SELECT name FROM users WHERE id = o.author_id)"])
            case .field(.to, let text):
                return substring(text, in: ["i.to_addrs", "o.to_addrs"])
            case .field(.cc, let text):
                return substring(text, in: ["i.cc_addrs", "o.cc_addrs"])
            case .before(let day):
                return day.start(in: zone).map { bound("\(SearchPlan.occurredAt) < ?", $0) } ?? "0"
            case .after(let day):
                return day.start(in: zone).map { bound("\(SearchPlan.occurredAt) >= ?", $0) } ?? "0"
            case .newerThan(let age):
                return bound("\(SearchPlan.occurredAt) >= ?", age.before(now, in: zone))
            case .olderThan(let age):
                return bound("\(SearchPlan.occurredAt) < ?", age.before(now, in: zone))
            case .hasAttachment:
                return "i.attachment_count > 0 OR EXISTS (SELECT 1 FROM outgoing_attachments WHERE outgoing_email_id = o.id)"
            case .state(.unread): return Self.label("'UNREAD'")
            case .state(.read): return "i.id IS NOT NULL AND NOT \(Self.label("'UNREAD'"))"
            case .state(.sent): return "o.status = 'sent' OR i.direction = 'out'"
            case .state(.received): return "i.direction = 'in'"
            case .folder(let name):
                switch name.lowercased() {
                case "sent": return "o.status = 'sent' OR \(Self.label("'SENT'"))"
                case "inbox", "trash", "spam", "unread", "starred", "important", "draft":
                    return bound(Self.label("upper(?)"), name)
                default: return bound(Self.label("?", caseless: true), name)
                }
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
            }
        }

        private static func label(_ value: String, caseless: Bool = false) -> String {
            "EXISTS (SELECT 1 FROM json_each(i.labels) WHERE \(caseless ? "upper(value) = upper(\(value))" : "value = \(value)"))"
        }

        private mutating func bound(_ sql: String, _ value: any SQLConvertible) -> String {
            arguments.append(value)
            return sql
        }

        /// `text` anywhere in one of `columns`, ignoring ASCII case; `%` and `_` are themselves.
        private mutating func substring(_ text: String, in columns: [String]) -> String {
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            return columns.map { bound("\($0) LIKE ? ESCAPE '\\'", "%" + escaped + "%") }.joined(separator: " OR ")
        }
    }
}

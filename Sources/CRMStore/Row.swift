import CRMCore
import Foundation

/// One result row. Queries of more than one column read it by name (`row.string("subject")`), queries
/// of one column by position (`row.int(0)`). A NULL, or a value of another type, where a value is
/// required throws `StoreError` of kind `.unexpectedValue`: Rapport always writes one there, so the
/// database was changed by something else, and a silent 0, "" or 1970 would pass that on as data.
/// Optional reads (`optionalString` …) are for the columns that may be NULL.
public struct Row: Sendable {
    let values: [SQLValue]
    let columns: ResultColumns

    /// A column of the row: its name, or its position in the query.
    public enum Column: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case name(String)
        case position(Int)

        public init(stringLiteral name: String) { self = .name(name) }

        public init(integerLiteral position: Int) { self = .position(position) }
    }

    public func int64(_ column: Column) throws(StoreError) -> Int64 {
        let index = columns.index(of: column)
        guard let value = try optionalInt64(at: index) else { throw missing(index) }
        return value
    }

    public func optionalInt64(_ column: Column) throws(StoreError) -> Int64? {
        try optionalInt64(at: columns.index(of: column))
    }

    public func int(_ column: Column) throws(StoreError) -> Int { Int(try int64(column)) }

    public func bool(_ column: Column) throws(StoreError) -> Bool { try int64(column) != 0 }

    public func string(_ column: Column) throws(StoreError) -> String {
        let index = columns.index(of: column)
        guard let text = optionalString(at: index) else { throw missing(index) }
        return text
    }

    /// Any value as text (a NULL is nil); it cannot be of a wrong type, so this never throws.
    public func optionalString(_ column: Column) -> String? {
        optionalString(at: columns.index(of: column))
    }

    public func blob(_ column: Column) throws(StoreError) -> [UInt8] {
        let index = columns.index(of: column)
        if case .blob(let bytes) = values[index] { return bytes }
        guard let text = optionalString(at: index) else { throw missing(index) }
        return Array(text.utf8)
    }

    public func optionalBlob(_ column: Column) throws(StoreError) -> [UInt8]? {
        if case .null = values[columns.index(of: column)] { return nil }
        return try blob(column)
    }

    /// Whole seconds since 1970 (`Date.sqlValue`).
    public func date(_ column: Column) throws(StoreError) -> Date { Self.date(try int64(column)) }

    public func optionalDate(_ column: Column) throws(StoreError) -> Date? { try optionalInt64(column).map(Self.date) }

    /// A list of strings as the mail tables store them (labels, Gmail ids, Message-IDs).
    public func strings(_ column: Column) throws(StoreError) -> [String] {
        JSONStringList.strings(try string(column))
    }

    /// A list of addresses as the mail tables store them.
    public func addresses(_ column: Column) throws(StoreError) -> [EmailAddress] {
        JSONStringList.addresses(try string(column))
    }

    // MARK: internals

    private func optionalInt64(at index: Int) throws(StoreError) -> Int64? {
        switch values[index] {
        case .integer(let value): return value
        case .real(let value): return Int64(value)
        case .text(let text):
            guard let value = Int64(text) else { throw unexpected("text", at: index) }
            return value
        case .blob: throw unexpected("bytes", at: index)
        case .null: return nil
        }
    }

    private func optionalString(at index: Int) -> String? {
        switch values[index] {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .null: return nil
        }
    }

    private static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    private func missing(_ index: Int) -> StoreError {
        StoreError(unexpected: "unexpected NULL in column \(columns.names[index])", sql: columns.sql)
    }

    /// Names the type found, never the value (it may be anyone's mail).
    private func unexpected(_ found: String, at index: Int) -> StoreError {
        StoreError(unexpected: "unexpected \(found) in column \(columns.names[index]), which holds a number",
                   sql: columns.sql)
    }
}

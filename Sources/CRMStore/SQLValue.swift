import Foundation

/// A value bound to or read from SQLite.
public enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null
}

/// Anything that can be bound as a statement parameter.
public protocol SQLConvertible {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLConvertible {
    public var sqlValue: SQLValue { self }
}

extension Int64: SQLConvertible {
    public var sqlValue: SQLValue { .integer(self) }
}

extension Int: SQLConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Bool: SQLConvertible {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Double: SQLConvertible {
    public var sqlValue: SQLValue { .real(self) }
}

extension String: SQLConvertible {
    public var sqlValue: SQLValue { .text(self) }
}

extension Data: SQLConvertible {
    public var sqlValue: SQLValue { .blob([UInt8](self)) }
}

/// Dates are stored as whole seconds since 1970 (UTC).
extension Date: SQLConvertible {
    public var sqlValue: SQLValue { .integer(Int64(timeIntervalSince1970.rounded(.down))) }

    /// This date as the store keeps it, to the second.
    var stored: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}

extension Optional: SQLConvertible where Wrapped: SQLConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

import CRMCore
import Foundation

/// One result row, read by column position.
public struct Row: Sendable {
    public let values: [SQLValue]

    public func int64(_ index: Int) -> Int64 { optionalInt64(index) ?? 0 }

    public func optionalInt64(_ index: Int) -> Int64? {
        switch values[index] {
        case .integer(let value): return value
        case .real(let value): return Int64(value)
        case .text(let text): return Int64(text)
        default: return nil
        }
    }

    public func int(_ index: Int) -> Int { Int(int64(index)) }

    public func bool(_ index: Int) -> Bool { int64(index) != 0 }

    public func string(_ index: Int) -> String { optionalString(index) ?? "" }

    public func optionalString(_ index: Int) -> String? {
        switch values[index] {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .null: return nil
        }
    }

    public func blob(_ index: Int) -> [UInt8] {
        if case .blob(let bytes) = values[index] { return bytes }
        return Array(string(index).utf8)
    }

    public func date(_ index: Int) -> Date { optionalDate(index) ?? Date(timeIntervalSince1970: 0) }

    public func optionalDate(_ index: Int) -> Date? {
        optionalInt64(index).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// A JSON array of addresses as stored in the mail tables.
    public func addresses(_ index: Int) -> [EmailAddress] {
        JSONStringList.addresses(string(index))
    }
}

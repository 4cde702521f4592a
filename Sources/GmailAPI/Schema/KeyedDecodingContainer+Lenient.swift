import Foundation
import MailFormat

/// The coding key every Gmail schema type uses: the JSON field name as Gmail spells it.
struct GmailKey: CodingKey, Hashable {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Tolerant readers for Gmail JSON: a missing key or `null` gives the empty value, 64-bit numbers
/// come as strings or numbers, bytes come as base64url with or without padding. A value of the
/// wrong kind altogether (an object where a string belongs) still throws.
extension KeyedDecodingContainer where Key == GmailKey {
    private func isAbsent(_ name: String) throws -> Bool {
        let key = GmailKey(name)
        return try !contains(key) || decodeNil(forKey: key)
    }

    /// A string; a number is taken as its decimal text.
    func string(_ name: String) throws -> String {
        let key = GmailKey(name)
        if try isAbsent(name) { return "" }
        if let value = try? decode(String.self, forKey: key) { return value }
        if let value = try? decode(Int64.self, forKey: key) { return String(value) }
        if let value = try? decode(UInt64.self, forKey: key) { return String(value) }
        if let value = try? decode(Bool.self, forKey: key) { return String(value) }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a string")
    }

    /// A signed 64-bit number, sent as a JSON string (Gmail's way) or a number.
    func int64(_ name: String) throws -> Int64 {
        try integer(name, as: Int64.self)
    }

    /// An unsigned 64-bit number, sent as a JSON string (Gmail's way) or a number.
    func uint64(_ name: String) throws -> UInt64 {
        try integer(name, as: UInt64.self)
    }

    /// A 32-bit number (sent as a number; a numeric string is accepted too).
    func int(_ name: String) throws -> Int {
        try integer(name, as: Int.self)
    }

    private func integer<T: FixedWidthInteger & Decodable>(_ name: String, as type: T.Type) throws -> T {
        let key = GmailKey(name)
        if try isAbsent(name) { return 0 }
        if let value = try? decode(T.self, forKey: key) { return value }
        if let text = try? decode(String.self, forKey: key) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return 0 }
            if let value = T(trimmed) { return value }
        }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected an integer")
    }

    /// A list of strings; absent means empty.
    func strings(_ name: String) throws -> [String] {
        try array(name, of: LenientString.self).map(\.value)
    }

    /// A list of objects; absent means empty.
    func array<T: Decodable>(_ name: String, of type: T.Type) throws -> [T] {
        if try isAbsent(name) { return [] }
        return try decode([T].self, forKey: GmailKey(name))
    }

    /// A nested object, or nil when absent.
    func object<T: Decodable>(_ name: String, as type: T.Type) throws -> T? {
        if try isAbsent(name) { return nil }
        return try decode(T.self, forKey: GmailKey(name))
    }

    /// Bytes sent as base64 (URL-safe or standard, padded or not), or nil when absent.
    func bytes(_ name: String) throws -> [UInt8]? {
        if try isAbsent(name) { return nil }
        let text = try decode(String.self, forKey: GmailKey(name))
        return Base64.decode(Array(text.utf8), keepsUnpaddedTail: true)
    }
}

/// One element of a string list, accepting numbers as their text.
private struct LenientString: Decodable {
    let value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else {
            value = try container.decode(String.self)
        }
    }
}

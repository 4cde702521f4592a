import CRMCore
import Foundation

/// A list of strings stored as a JSON array in one text column: the addresses, labels, Message-IDs
/// and Gmail ids of the mail tables (and the ids handed to `json_each`). Every stored message and
/// outgoing email is read and written through here, so both directions are one pass over the bytes;
/// anything this reader does not expect goes to Foundation's JSON decoder instead.
enum JSONStringList {
    static func encode(_ addresses: [EmailAddress]) -> String {
        encode(addresses.map(\.value))
    }

    static func encode(_ strings: [String]) -> String {
        guard strings.allSatisfy(isPlain) else { return JSONValue.array(strings.map { .string($0) }).rendered(pretty: false) }
        var out = "["
        for (index, string) in strings.enumerated() {
            out += index == 0 ? "\"" : ",\""
            out += string
            out += "\""
        }
        return out + "]"
    }

    /// Printable ASCII without quotes or backslashes, which JSON takes as it is.
    private static func isPlain(_ string: String) -> Bool {
        string.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }

    /// The addresses of a stored list. They were valid when stored, so they are not checked again.
    static func addresses(_ text: String) -> [EmailAddress] {
        strings(text).map(EmailAddress.init(stored:))
    }

    /// The strings of a stored JSON array; empty when the text is not one.
    static func strings(_ text: String) -> [String] {
        var text = text
        if let fast = text.withUTF8({ parse($0) }) { return fast }
        guard let data = text.data(using: .utf8), let list = try? JSONDecoder().decode([String].self, from: data)
        else { return [] }
        return list
    }

    /// `["a","b"]` with plain strings (no escapes, no spaces between items), or nil for anything else.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { return nil }
        var result: [String] = []
        var index = 1
        let end = bytes.count - 1
        while index < end {
            if !result.isEmpty {
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                index += 1
            }
            guard index < end, bytes[index] == quote else { return nil }
            let start = index + 1
            var close = start
            while close < end, bytes[close] != quote {
                if bytes[close] == backslash { return nil }
                close += 1
            }
            guard close < end else { return nil }
            result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<close]), as: UTF8.self))
            index = close + 1
        }
        return result
    }
}

import Foundation

/// A JSON value with ordered object members, written the way Google's servers write it: keys in
/// the order given, pretty-printed with two-space indents unless `prettyPrint=false` is asked for.
enum JSON: Sendable, Equatable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSON])
    case object([(String, JSON)])

    static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member named `key` of an object, or nil.
    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    /// The value as bytes: pretty (Google's default) or compact.
    func serialized(pretty: Bool = true) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(into: &output, pretty: pretty, indent: 0)
        if pretty { output.append(0x0A) }
        return output
    }

    private func write(into output: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .string(let text):
            Self.writeString(text, into: &output)
        case .number(let value):
            output.append(contentsOf: String(value).utf8)
        case .bool(let value):
            output.append(contentsOf: (value ? "true" : "false").utf8)
        case .array(let items):
            Self.writeMembers(items.map { (nil, $0) }, open: UInt8(ascii: "["), close: UInt8(ascii: "]"),
                              into: &output, pretty: pretty, indent: indent)
        case .object(let members):
            Self.writeMembers(members.map { ($0.0, $0.1) }, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"),
                              into: &output, pretty: pretty, indent: indent)
        }
    }

    /// An array's items (no keys) or an object's members between their brackets, one a line when
    /// pretty; empty brackets when there are none.
    private static func writeMembers(_ members: [(key: String?, value: JSON)], open: UInt8, close: UInt8,
                                     into output: inout [UInt8], pretty: Bool, indent: Int) {
        output.append(open)
        guard !members.isEmpty else { return output.append(close) }
        for (index, member) in members.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            newline(&output, pretty: pretty, indent: indent + 1)
            if let key = member.key {
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(0x20) }
            }
            member.value.write(into: &output, pretty: pretty, indent: indent + 1)
        }
        newline(&output, pretty: pretty, indent: indent)
        output.append(close)
    }

    private static func newline(_ output: inout [UInt8], pretty: Bool, indent: Int) {
        guard pretty else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20, 0x7F:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSON {
    /// An object without the members whose value is nil or an empty array (Google leaves those out).
    static func compactObject(_ members: [(String, JSON?)]) -> JSON {
        .object(members.compactMap { name, value in
            guard let value else { return nil }
            if case .array(let items) = value, items.isEmpty { return nil }
            return (name, value)
        })
    }

    /// An array of strings.
    static func strings(_ values: [String]) -> JSON {
        .array(values.map { .string($0) })
    }

    /// Keeps only the members named by a `fields` selector ("id,labelIds,messages/id"): each path
    /// names a member, "/" goes inside it (inside each element of an array).
    func selecting(fields: String) -> JSON {
        let paths = fields.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.map { $0.split(separator: "/").map(String.init) }
        guard !paths.isEmpty else { return self }
        return select(paths)
    }

    private func select(_ paths: [[String]]) -> JSON {
        switch self {
        case .array(let items):
            return .array(items.map { $0.select(paths) })
        case .object(let members):
            return .object(members.compactMap { name, value in
                let matching = paths.filter { $0.first == name }
                guard !matching.isEmpty else { return nil }
                if matching.contains(where: { $0.count == 1 }) { return (name, value) }
                return (name, value.select(matching.map { Array($0.dropFirst()) }))
            })
        default:
            return self
        }
    }
}

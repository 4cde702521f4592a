import Foundation

/// Settings read from `config.ini`: `key = value` lines under `[sections]`; every key has a default.
public struct Config: Sendable, Equatable {
    var values: [String: String] = [:]

    /// An empty configuration: every key takes its default.
    public init() {}

    /// Reads INI text; lines that are neither sections, settings nor comments are reported, not fatal.
    public init(text: String) {
        var section = ""
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces).lowercased()
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append(String(line))
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = Self.withoutComment(line[line.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            values[section.isEmpty ? key : "\(section).\(key)"] = value
        }
    }

    /// Drops a trailing " # comment" or " ; comment" (a # or ; after white space, outside quotes).
    private static func withoutComment(_ text: Substring) -> Substring {
        var inQuotes = false
        var previous: Character = " "
        for index in text.indices {
            let character = text[index]
            if character == "\"" { inQuotes.toggle() }
            if !inQuotes, character == "#" || character == ";", previous.isWhitespace { return text[..<index] }
            previous = character
        }
        return text
    }

    /// Lines that could not be read, for a warning.
    public internal(set) var problems: [String] = []

    /// The raw value of `section.key` (or `key` outside any section).
    public subscript(key: String) -> String? { values[key.lowercased()] }

    /// A whole number setting, or `fallback` when absent or not a number.
    public func integer(_ key: String, default fallback: Int) -> Int {
        self[key].flatMap { Int($0) } ?? fallback
    }

    /// A text setting, or `fallback` when absent.
    public func string(_ key: String, default fallback: String) -> String {
        self[key] ?? fallback
    }
}

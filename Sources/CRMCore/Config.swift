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

    /// A whole-number setting of `NumberSetting`'s table, or its default when the line is absent.
    /// - Throws: `CRMError` naming the key and the allowed range when the value is not a whole
    ///   number in that range (a mistake in config.ini is not silently replaced by the default).
    public func whole(_ setting: NumberSetting) throws -> Int {
        Int(try number(setting) ?? 0)
    }

    /// A setting of `NumberSetting`'s table; its default (nil when worked out elsewhere) when absent.
    /// - Throws: `CRMError` naming the key and the allowed range when the value is not allowed.
    public func number(_ setting: NumberSetting) throws -> Double? {
        guard let text = setting.key.flatMap({ self[$0] }) else { return setting.defaultValue }
        switch setting.value(of: text) {
        case .success(let number): return number
        case .failure(let problem): throw CRMError(problem.configText)
        }
    }

    /// A text setting, or `fallback` when absent.
    public func string(_ key: String, default fallback: String) -> String {
        self[key] ?? fallback
    }
}

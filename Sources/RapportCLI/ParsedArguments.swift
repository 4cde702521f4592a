import CRMCore
import Foundation

/// The words after a command's name, checked against its options.
struct ParsedArguments {
    private(set) var positionals: [String] = []
    private var values: [String: [String]] = [:]
    /// The numeric options' values, each checked against its range.
    private var numbers: [String: Double] = [:]
    let command: String

    init(_ words: [String], spec: CommandSpec) throws {
        command = spec.name
        let known = Dictionary(uniqueKeysWithValues: spec.options.map { ($0.name, $0) })
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !word.hasPrefix("--") || word == "--" {
                if word == "--" && !optionsEnded { optionsEnded = true; continue }
                positionals.append(word)
                continue
            }
            var name = word
            var inlineValue: String?
            if let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                inlineValue = String(word[word.index(after: equals)...])
            }
            guard let option = known[name] else {
                let hint = Self.nearest(name, in: spec.options.map(\.name)).map { "; did you mean \($0)?" } ?? ""
                throw UsageError("unknown option \(name) for rapport \(spec.name)\(hint)", command: spec.name)
            }
            var value = "true"
            if let valueName = option.valueName {
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < words.count else {
                        throw UsageError("\(name) needs a value (\(name) \(valueName))", command: spec.name)
                    }
                    value = words[index]
                    index += 1
                }
            } else if inlineValue != nil {
                throw UsageError("\(name) takes no value", command: spec.name)
            }
            if values[name] != nil && !option.repeatable {
                throw UsageError("\(name) was given twice", command: spec.name)
            }
            if let setting = option.number {
                switch setting.value(of: value) {
                case .success(let number): numbers[name] = number
                case .failure(let problem): throw UsageError(problem.optionText(name), command: spec.name)
                }
            }
            values[name, default: []].append(value)
        }
        for option in spec.options where option.required && values[option.name] == nil {
            throw UsageError("rapport \(spec.name) needs \(option.name) \(option.valueName ?? "")"
                .trimmingCharacters(in: .whitespaces), command: spec.name)
        }
        guard spec.positionals.contains(positionals.count) else {
            if positionals.count < spec.positionals.lowerBound {
                throw UsageError("rapport \(spec.name) needs \(spec.arguments)", command: spec.name)
            }
            throw UsageError("rapport \(spec.name) does not take “\(positionals[spec.positionals.upperBound])”",
                             command: spec.name)
        }
    }

    /// The value of a single-valued option.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option, with comma-separated lists split.
    func list(_ name: String) -> [String] { values[name] ?? [] }

    func flag(_ name: String) -> Bool { values[name] != nil }

    /// The value of a whole-number option (`OptionSpec.number`), already checked against its range.
    func whole(_ name: String) -> Int? { numbers[name].map { Int($0) } }

    /// The value of a numeric option that may have a fraction, already checked against its range.
    func decimal(_ name: String) -> Double? { numbers[name] }

    /// The value of an option that must be an ISO 8601 date.
    func date(_ name: String) throws -> Date? {
        guard let text = value(name) else { return nil }
        guard let date = ISODate.parse(text) else {
            throw UsageError("\(name) wants a date and time like 2026-12-01T09:00 or 2026-12-01T09:00:00Z "
                             + "(ISO 8601), not “\(text)”", command: command)
        }
        return date
    }

    /// A positional argument that must be a record id.
    func id(at index: Int, of kind: String) throws -> Int64 {
        let text = positionals[index]
        guard let id = Int64(text), id > 0 else {
            throw UsageError("“\(text)” is not \(kind) id (a positive number)", command: command)
        }
        return id
    }

    /// Email addresses from a repeatable, comma-separated option.
    func addresses(_ name: String) throws -> [EmailAddress] {
        try namedAddresses(name).map(\.address)
    }

    /// The addresses of a repeatable option with the display names typed with them, each address once.
    func namedAddresses(_ name: String) throws -> [NamedAddress] {
        var result: [NamedAddress] = []
        for text in list(name) {
            switch EmailAddress.parseNamedList(text) {
            case .success(let addresses):
                result += addresses.filter { entry in !result.contains { $0.address == entry.address } }
            case .failure(let error):
                throw UsageError("\(name): “\(error.piece)” is not an email address", command: command)
            }
        }
        return result
    }

    /// The closest known word, for "did you mean" hints.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= max(2, word.count / 3) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

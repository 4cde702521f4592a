import CRMCore

/// One command of the command line: its words, its options, and what it does.
struct CommandSpec: Sendable {
    /// The words that name it: ["outbox", "show"].
    let path: [String]
    /// Positional arguments as shown in help: "ID".
    let arguments: String
    let summary: String
    let options: [OptionSpec]
    /// How many positional arguments it takes.
    let positionals: ClosedRange<Int>
    let run: @Sendable (Invocation) throws -> Void

    init(_ path: [String], arguments: String = "", positionals: ClosedRange<Int> = 0...0, summary: String,
         options: [OptionSpec] = [], run: @escaping @Sendable (Invocation) throws -> Void) {
        self.path = path
        self.arguments = arguments
        self.positionals = positionals
        self.summary = summary
        self.options = options
        self.run = run
    }

    var name: String { path.joined(separator: " ") }

    /// "rapport contact add --name N --email E [--company NAME] [--json]"
    var usage: String {
        var words = ["rapport", name]
        if !arguments.isEmpty { words.append(arguments) }
        for option in options {
            var text = option.name
            if let value = option.valueName { text += " " + value }
            if option.repeatable { text += " …" }
            words.append(option.required ? text : "[\(text)]")
        }
        return words.joined(separator: " ")
    }
}

/// One `--option` a command accepts.
struct OptionSpec: Sendable {
    let name: String
    /// nil for a flag without a value.
    let valueName: String?
    let help: String
    var required = false
    var repeatable = false
    /// The range its value must be in, for a numeric option.
    var number: NumberSetting?

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    static func value(_ name: String, _ valueName: String, _ help: String, required: Bool = false,
                      repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, required: required, repeatable: repeatable)
    }

    /// An option whose value must be a number in `setting`'s range; help shows the range and default.
    static func number(_ name: String, _ valueName: String, _ setting: NumberSetting, _ help: String) -> OptionSpec {
        let unit = setting.unit.map { " " + $0 } ?? ""
        let fallback = setting.defaultWords.map { "; default \($0)" } ?? ""
        return OptionSpec(name: name, valueName: valueName, help: "\(help) (\(setting.span)\(unit)\(fallback))",
                          number: setting)
    }

    static let json = flag("--json", "print one JSON document instead of text")
}

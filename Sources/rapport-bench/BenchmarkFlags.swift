/// `--name value` pairs after a benchmark's name, read once and checked as they are used.
struct BenchmarkFlags {
    private var values: [String: String] = [:]

    init(_ arguments: [String], known: Set<String>) throws(OptionError) {
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            guard known.contains(flag) else { throw OptionError("unknown option \(flag)") }
            guard let value = remaining.popFirst() else { throw OptionError("\(flag) needs a value") }
            values[flag] = value
        }
    }

    /// A whole number of at least `minimum` ("20_000" allowed), or `fallback` when absent.
    func count(_ flag: String, default fallback: Int, minimum: Int = 1) throws(OptionError) -> Int {
        guard let text = values[flag] else { return fallback }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value >= minimum else {
            throw OptionError("\(flag) takes a whole number of at least \(minimum)")
        }
        return value
    }

    func seed(default fallback: UInt64) throws(OptionError) -> UInt64 {
        guard let text = values["--seed"] else { return fallback }
        guard let seed = UInt64(text) else { throw OptionError("--seed takes a whole number") }
        return seed
    }

    func text(_ flag: String) -> String? { values[flag] }
}

/// A command line that cannot be run, with the reason.
struct OptionError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

/// What `rapport-bench store` was asked to do.
struct BenchmarkOptions: Equatable {
    var contacts = 50_000
    var activities = 1_000_000
    /// Where the database goes; a fresh temporary folder when nil.
    var directory: String?
    /// Planned timeline entries written per transaction.
    var entriesPerTransaction = 20_000
    var seed: UInt64 = 20_261_129

    static let usage = """
        usage: rapport-bench store [--contacts N] [--activities N] [--dir DIR] [--batch N] [--seed N]

          Builds a fresh Rapport store (a real SQLite file) with one team, 3 users and their mailboxes,
          bulk-loads N contacts and N timeline entries (80% from mail), then measures timeline
          and search latency and prints the figures.

          --contacts N     contacts to create (default 50000)
          --activities N   timeline entries to create (default 1000000)
          --dir DIR        folder for rapport.db, which must not exist yet (default: a new temporary folder,
                           removed at the end)
          --batch N        timeline entries per write transaction, about 3 rows each (default 20000)
          --seed N         seed for the synthetic data (default 20261129)

        """

    /// Reads the arguments after `store`; the error text says what is wrong, for the usage message.
    init(arguments: [String]) throws(OptionError) {
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            guard let value = remaining.popFirst() else { throw OptionError("\(flag) needs a value") }
            switch flag {
            case "--contacts": contacts = try Self.count(value, for: flag, minimum: 1)
            case "--activities": activities = try Self.count(value, for: flag, minimum: 0)
            case "--batch": entriesPerTransaction = try Self.count(value, for: flag, minimum: 1)
            case "--dir": directory = value
            case "--seed":
                guard let seed = UInt64(value) else { throw OptionError("--seed takes a whole number") }
                self.seed = seed
            default: throw OptionError("unknown option \(flag)")
            }
        }
    }

    private static func count(_ text: String, for flag: String, minimum: Int) throws(OptionError) -> Int {
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value >= minimum else {
            throw OptionError("\(flag) takes a whole number of at least \(minimum)")
        }
        return value
    }
}

/// A command line that cannot be run, with the reason.
struct OptionError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

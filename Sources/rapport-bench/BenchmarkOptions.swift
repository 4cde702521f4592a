/// What `rapport-bench store` was asked to do.
struct BenchmarkOptions: Equatable {
    var contacts = 50_000
    var activities = 1_000_000
    /// Where the database goes; a fresh temporary folder when nil.
    var directory: String?
    /// Planned timeline entries written per transaction.
    var entriesPerTransaction = 20_000
    var seed: UInt64 = 20_261_129
    /// Messages in the Maildir `search` compares whole processes with notmuch on (0: no comparison).
    var maildirMessages = 38_000

    /// Reads the arguments after `store`; the error text says what is wrong, for the usage message.
    init(arguments: [String]) throws(OptionError) {
        let flags = try BenchmarkFlags(arguments, known: ["--contacts", "--activities", "--batch", "--dir", "--seed",
                                                          "--maildir"])
        contacts = try flags.count("--contacts", default: contacts)
        activities = try flags.count("--activities", default: activities, minimum: 0)
        entriesPerTransaction = try flags.count("--batch", default: entriesPerTransaction)
        directory = flags.text("--dir")
        seed = try flags.seed(default: seed)
        maildirMessages = try flags.count("--maildir", default: maildirMessages, minimum: 0)
    }
}

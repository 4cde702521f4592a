/// The command line itself is wrong: exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    /// The command whose help to point at, e.g. "contact add".
    var command: String?

    init(_ description: String, command: String? = nil) {
        self.description = description
        self.command = command
    }
}

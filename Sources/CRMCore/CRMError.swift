/// A failure already worded for people, raised by the command line, the app and the benchmarks for
/// their own checks (a file that cannot be read, a missing mailbox). The store never throws it: it
/// throws `Refusal`, which each front end words in its own terms.
public struct CRMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong and what to do, e.g. "cannot read notes.txt: no such file".
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

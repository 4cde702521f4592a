/// A request the CRM refuses, with a message written for the person who made it.
public struct CRMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong and what to do, e.g. "no contact 12 in your team; see rapport contact list".
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

import Foundation

/// One recorded move of an outgoing email: when, by whom, and the error if one caused it.
public struct StatusChange: Sendable, Hashable {
    /// nil for the creation of the email.
    public let from: OutboxStatus?
    public let to: OutboxStatus
    public let at: Date
    /// The login of the user who acted (the sender acts as the mailbox owner).
    public let by: String
    public let error: String?

    public init(from: OutboxStatus?, to: OutboxStatus, at: Date, by: String, error: String?) {
        self.from = from
        self.to = to
        self.at = at
        self.by = by
        self.error = error
    }
}

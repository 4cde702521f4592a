import Foundation

/// A Gmail account a user has connected. Credentials live outside the database.
public struct Mailbox: Sendable, Hashable {
    public let id: Int64
    public let userID: Int64
    public let teamID: Int64
    public let email: EmailAddress
    public var state: State
    public var lastSyncAt: Date?
    public var lastError: String?

    /// Where the mailbox stands with Gmail.
    public enum State: String, Sendable, CaseIterable {
        case idle, syncing, error
        case needsLogin = "needs_login"
    }

    public init(id: Int64, userID: Int64, teamID: Int64, email: EmailAddress, state: State,
                lastSyncAt: Date?, lastError: String?) {
        self.id = id
        self.userID = userID
        self.teamID = teamID
        self.email = email
        self.state = state
        self.lastSyncAt = lastSyncAt
        self.lastError = lastError
    }
}

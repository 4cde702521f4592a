import Foundation

/// The mailbox's address, totals and current history ID (`users.getProfile`).
public struct GmailProfile: Sendable, Equatable, Decodable {
    /// The account's address; use it as the account key.
    public var emailAddress: String
    public var messagesTotal: Int
    public var threadsTotal: Int
    /// The mailbox's current history record ID: the cheapest sync cursor. 0 when Gmail left it out.
    public var historyID: UInt64

    public init(emailAddress: String = "", messagesTotal: Int = 0, threadsTotal: Int = 0, historyID: UInt64 = 0) {
        self.emailAddress = emailAddress
        self.messagesTotal = messagesTotal
        self.threadsTotal = threadsTotal
        self.historyID = historyID
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: GmailKey.self)
        emailAddress = try json.string("emailAddress")
        messagesTotal = try json.int("messagesTotal")
        threadsTotal = try json.int("threadsTotal")
        historyID = try json.uint64("historyId")
    }
}

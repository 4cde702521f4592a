import Foundation

/// A reminder someone set to follow up a contact, or an email to them, at a time.
public struct Reminder: Sendable, Hashable {
    public let id: Int64
    public let contactID: Int64
    /// The sent email it is about, if any.
    public let outgoingEmailID: Int64?
    public let dueAt: Date
    public let note: String?
    /// Who set it.
    public let login: String?

    public init(id: Int64, contactID: Int64, outgoingEmailID: Int64?, dueAt: Date, note: String?, login: String?) {
        self.id = id
        self.contactID = contactID
        self.outgoingEmailID = outgoingEmailID
        self.dueAt = dueAt
        self.note = note
        self.login = login
    }

    /// The line it leaves on the contact's timeline when done.
    public var doneSummary: String {
        "Reminder done" + (note.map { ": \($0)" } ?? "")
    }
}

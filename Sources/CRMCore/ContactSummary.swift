import Foundation

/// A contact as a row of the contacts list: when the team last heard from them and last wrote to
/// them, and how many of their deals are open.
public struct ContactSummary: Sendable, Hashable {
    public let contact: Contact
    public let lastIncoming: Date?
    public let lastOutgoing: Date?
    public let openDeals: Int

    public init(contact: Contact, lastIncoming: Date?, lastOutgoing: Date?, openDeals: Int) {
        self.contact = contact
        self.lastIncoming = lastIncoming
        self.lastOutgoing = lastOutgoing
        self.openDeals = openDeals
    }
}

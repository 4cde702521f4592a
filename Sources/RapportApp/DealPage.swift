import CRMCore

/// What a deal's page shows: the deal, its company, its contacts, and their mail and activities.
public struct DealPage: Sendable, Equatable {
    public let deal: Deal
    public let companyName: String?
    public let contacts: [Contact]
    /// Newest first, from every contact's timeline.
    public let activities: [Activity]

    public init(deal: Deal, companyName: String?, contacts: [Contact], activities: [Activity]) {
        self.deal = deal
        self.companyName = companyName
        self.contacts = contacts
        self.activities = activities
    }
}

import CRMCore
import Foundation

/// What the contact timeline shows: the card, the insights and the activities, newest first.
public struct TimelineData: Sendable, Equatable {
    public let contact: Contact
    public let deals: [Deal]
    public let insights: ContactInsights
    public let activities: [Activity]

    public init(contact: Contact, deals: [Deal], insights: ContactInsights, activities: [Activity]) {
        self.contact = contact
        self.deals = deals
        self.insights = insights
        self.activities = activities
    }
}

/// One search result, with where Enter takes you.
public struct SearchResult: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case contact(Int64)
        case message(MessageRef)
    }

    public let kind: String
    public let title: String
    public let snippet: String
    public let date: Date?
    public let target: Target

    public init(kind: String, title: String, snippet: String, date: Date?, target: Target) {
        self.kind = kind
        self.title = title
        self.snippet = snippet
        self.date = date
        self.target = target
    }
}

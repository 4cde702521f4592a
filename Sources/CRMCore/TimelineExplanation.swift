import Foundation

/// Why a stored message is, or is not, on a timeline, and whose: the entries it has and what the
/// contact policy says of each address on it (`rapport explain`).
public struct TimelineExplanation: Sendable, Hashable {
    /// A timeline the message has an entry on.
    public struct Entry: Sendable, Hashable {
        public let contactID: Int64
        public let contactName: String
        /// Whether the entry is shown: false while every copy is in Trash or Spam, or when someone hid it.
        public let isShown: Bool
        /// Whether the contact was made from this message.
        public let madeFromThisMessage: Bool

        public init(contactID: Int64, contactName: String, isShown: Bool, madeFromThisMessage: Bool) {
            self.contactID = contactID
            self.contactName = contactName
            self.isShown = isShown
            self.madeFromThisMessage = madeFromThisMessage
        }
    }

    public let messageID: Int64
    public let direction: Direction
    /// Whether the copy is in Trash or Spam.
    public let isInBin: Bool
    public let automation: MailAutomation
    public let entries: [Entry]
    /// The policy's word on each address on the message, the mailbox's own left out.
    public let addresses: [AddressDecision]

    public init(messageID: Int64, direction: Direction, isInBin: Bool, automation: MailAutomation, entries: [Entry],
                addresses: [AddressDecision]) {
        self.messageID = messageID
        self.direction = direction
        self.isInBin = isInBin
        self.automation = automation
        self.entries = entries
        self.addresses = addresses
    }

    /// Whether it shows on any timeline.
    public var isOnTimeline: Bool { entries.contains(where: \.isShown) }

    /// One sentence: whose timelines it is on, or why it is on none.
    public var verdict: String {
        let shown = entries.filter(\.isShown)
        if !shown.isEmpty {
            return "on the timeline of " + shown.map { "\($0.contactName) (contact \($0.contactID))" }
                .joined(separator: ", ")
        }
        if !entries.isEmpty {
            return isInBin ? "on no timeline while it is in Trash or Spam" : "on no timeline: its entries were hidden"
        }
        if addresses.isEmpty { return "on no timeline: nobody but the mailbox is on it" }
        return "on no timeline: nobody on it is a contact of the team, and the contact policy made none"
    }
}

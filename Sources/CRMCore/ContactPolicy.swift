import Foundation

/// Decides, for one message, which addresses on it reach a timeline and which become new contacts,
/// with a reason for each that a person can read (`rapport explain`). Pure: ingest asks it and applies
/// the answer; `explain` asks it again with what the store keeps.
///
/// Known contacts get the message on their timeline (as before), unless the team blocks them. A new
/// contact is made only when the setting creates for the message's direction (recipients of mail you
/// send; the sender of mail you receive), and never from bulk or automatic mail, no-reply addresses,
/// the team's own addresses and domains, or blocked ones.
public struct ContactPolicy: Sendable, Hashable {
    /// `[contacts] create`.
    public var creation: ContactCreation
    /// The team's mailboxes: their addresses are the team's own, and so are their domains unless free mail.
    public var teamAddresses: Set<EmailAddress>
    public var blocklist: Blocklist

    public init(creation: ContactCreation, teamAddresses: Set<EmailAddress>, blocklist: Blocklist = Blocklist()) {
        self.creation = creation
        self.teamAddresses = teamAddresses
        self.blocklist = blocklist
    }

    /// The domains of the team's mailboxes that are the team's alone (free-mail domains are not).
    public var teamDomains: Set<String> {
        Set(teamAddresses.map { String($0.domain) }.filter { !FreeMailDomains.contains($0) })
    }

    /// What the policy sees of a message.
    public struct Message: Sendable, Hashable {
        public var direction: Direction
        public var from: EmailAddress?
        /// To and Cc.
        public var recipients: [EmailAddress]
        /// Display names by address, the sender's included.
        public var names: [EmailAddress: String]
        public var automation: MailAutomation

        public init(direction: Direction, from: EmailAddress?, recipients: [EmailAddress],
                    names: [EmailAddress: String] = [:], automation: MailAutomation = MailAutomation()) {
            self.direction = direction
            self.from = from
            self.recipients = recipients
            self.names = names
            self.automation = automation
        }
    }

    /// The decision for each address on `message` other than the mailbox's own (`mailbox`), in the
    /// message's order; `known` says which addresses are a contact's already.
    public func decide(_ message: Message, mailbox: EmailAddress?,
                       known: (EmailAddress) -> Bool) -> [AddressDecision] {
        var seen: Set<EmailAddress> = []
        var decisions: [AddressDecision] = []
        let people = ([message.from].compactMap { $0 } + message.recipients).filter { $0 != mailbox }
        for address in people where seen.insert(address).inserted {
            let role: AddressDecision.Role = address == message.from ? .sender : .recipient
            let outcome = outcome(for: address, role: role, in: message, known: known(address))
            decisions.append(AddressDecision(address: address, role: role, outcome: outcome,
                                             name: outcome.creates ? Self.name(for: address, given: message.names[address]) : nil,
                                             companyDomain: outcome.creates ? Self.companyDomain(of: address) : nil))
        }
        return decisions
    }

    private func outcome(for address: EmailAddress, role: AddressDecision.Role, in message: Message,
                         known: Bool) -> AddressDecision.Outcome {
        if let entry = blocklist.entry(blocking: address) { return .skipped(.blocked(entry)) }
        if known { return .timeline }
        if teamAddresses.contains(address) || teamDomains.contains(String(address.domain)) {
            return .skipped(.team)
        }
        let makesContacts = role == (message.direction == .outgoing ? .recipient : .sender)
        guard makesContacts else { return .skipped(.notTheirMessage(message.direction)) }
        if message.automation.isAutomated { return .skipped(.automated(message.automation.marks)) }
        if Self.isNoReply(address) { return .skipped(.noReply) }
        guard creation.creates(message.direction) else { return .skipped(.setting(creation, message.direction)) }
        return .created
    }

    /// Whether the address is one nobody reads: noreply, no-reply, donotreply, mailer-daemon …
    public static func isNoReply(_ address: EmailAddress) -> Bool {
        let local = address.localPart.lowercased().filter { $0 != "-" && $0 != "_" && $0 != "." }
        return ["noreply", "donotreply", "mailerdaemon", "bounce", "bounces"].contains { local.hasPrefix($0) }
            || local.hasSuffix("noreply") || local.hasSuffix("donotreply")
    }

    /// The name a new contact gets: the display name on the message, else the words of the local part
    /// ("ann.lee" → "Ann Lee").
    public static func name(for address: EmailAddress, given: String?) -> String {
        let given = given?.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'")))
        if let given, !given.isEmpty, !given.contains("@") { return given }
        let words = address.localPart.split { $0 == "." || $0 == "_" || $0 == "-" || $0 == "+" }
        let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        return name.isEmpty ? address.value : name
    }

    /// The domain a new contact's company is found or made by; nil for free mail.
    public static func companyDomain(of address: EmailAddress) -> String? {
        let domain = String(address.domain)
        return FreeMailDomains.contains(domain) ? nil : domain
    }

    /// The name of a company made from a domain: "acme-corp.co.uk" → "Acme-corp".
    public static func companyName(forDomain domain: String) -> String {
        let first = domain.split(separator: ".").first.map(String.init) ?? domain
        return first.prefix(1).uppercased() + first.dropFirst()
    }
}

/// What the contact policy decided for one address on a message, and why.
public struct AddressDecision: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        case sender, recipient
    }

    public enum Outcome: Sendable, Hashable {
        /// A known contact: the message goes on their timeline.
        case timeline
        /// A new contact is made, and the message goes on their timeline.
        case created
        /// Not on a timeline, for this reason.
        case skipped(SkipReason)

        /// Whether a contact is made.
        public var creates: Bool { self == .created }
    }

    /// Why an address gets no timeline entry.
    public enum SkipReason: Sendable, Hashable {
        /// The team blocks the address, by this entry.
        case blocked(String)
        /// One of the team's own mailboxes or domains.
        case team
        /// A recipient of received mail, or the sender of sent mail, is not made a contact.
        case notTheirMessage(Direction)
        /// `[contacts] create` does not make contacts from mail going this way.
        case setting(ContactCreation, Direction)
        /// Bulk or automatic mail, by these marks.
        case automated([String])
        /// A no-reply address.
        case noReply
    }

    public let address: EmailAddress
    public let role: Role
    public let outcome: Outcome
    /// The new contact's name, when one is made.
    public let name: String?
    /// The domain of the new contact's company, when one is made and the domain is not free mail.
    public let companyDomain: String?

    public init(address: EmailAddress, role: Role, outcome: Outcome, name: String? = nil, companyDomain: String? = nil) {
        self.address = address
        self.role = role
        self.outcome = outcome
        self.name = name
        self.companyDomain = companyDomain
    }

    /// The reason in words, without the address: "a new contact, made from mail you sent".
    public var reason: String {
        switch outcome {
        case .timeline: return "a contact of the team"
        case .created:
            return "made a contact from mail " + (role == .recipient ? "you sent" : "you received")
                + (companyDomain.map { ", with the company of \($0)" } ?? "")
        case .skipped(let reason):
            switch reason {
            case .blocked(let entry): return "blocked by the team's blocklist (\(entry))"
            case .team: return "one of your team's own addresses or domains"
            case .notTheirMessage(let direction):
                return direction == .outgoing ? "the sender of mail you sent" : "another recipient of mail you received; "
                    + "only the sender of received mail can become a contact"
            case .setting(let creation, let direction):
                return "not a contact, and [contacts] create = \(creation.rawValue) makes none from mail "
                    + (direction == .outgoing ? "you send" : "you receive")
            case .automated(let marks):
                return "not a contact, and bulk or automatic mail makes none (\(marks.joined(separator: ", ")))"
            case .noReply: return "not a contact, and a no-reply address makes none"
            }
        }
    }
}

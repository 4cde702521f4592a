import CRMCore
import Foundation
import MailFormat
import Testing

@Suite struct ContactPolicyTests {
    static func address(_ text: String) -> EmailAddress { EmailAddress(text)! }
    static let me = address("ann@alpha.example")
    static let policy = ContactPolicy(creation: .sent, teamAddresses: [me, address("sam@gmail.com")],
                                      blocklist: Blocklist(["@blocked.example", "one@shop.example"]))

    func decide(_ direction: Direction, from: String, to: [String], marks: [String] = [], known: Set<String> = [],
                policy: ContactPolicy = Self.policy) -> [String: AddressDecision.Outcome] {
        let message = ContactPolicy.Message(direction: direction, from: Self.address(from), recipients: to.map(Self.address),
                                            automation: MailAutomation(marks: marks))
        let decisions = policy.decide(message, mailbox: Self.me) { known.contains($0.value) }
        return Dictionary(uniqueKeysWithValues: decisions.map { ($0.address.value, $0.outcome) })
    }

    @Test func recipientsOfSentMailBecomeContactsButNotTheTeam() {
        let outcomes = decide(.outgoing, from: "ann@alpha.example",
                              to: ["buyer@acme.example", "al@alpha.example", "old@client.example"], known: ["old@client.example"])
        #expect(outcomes == ["buyer@acme.example": .created, "al@alpha.example": .skipped(.team),
                             "old@client.example": .timeline])
    }

    @Test func aTeamMailboxOnFreeMailDoesNotMakeFreeMailTheTeams() {
        #expect(Self.policy.teamDomains == ["alpha.example"])
        let outcomes = decide(.outgoing, from: "ann@alpha.example", to: ["sam@gmail.com", "pat@gmail.com"])
        #expect(outcomes == ["sam@gmail.com": .skipped(.team), "pat@gmail.com": .created])
    }

    @Test func theBlocklistWinsOverEverythingElse() {
        let outcomes = decide(.outgoing, from: "ann@alpha.example",
                              to: ["x@blocked.example", "y@deep.blocked.example", "one@shop.example", "two@shop.example"],
                              known: ["x@blocked.example"])
        #expect(outcomes["x@blocked.example"] == .skipped(.blocked("@blocked.example")))
        #expect(outcomes["y@deep.blocked.example"] == .skipped(.blocked("@blocked.example")))
        #expect(outcomes["one@shop.example"] == .skipped(.blocked("one@shop.example")))
        #expect(outcomes["two@shop.example"] == .created)
    }

    @Test func bulkAutomaticAndNoReplyMailMakesNone() {
        #expect(decide(.outgoing, from: "ann@alpha.example", to: ["x@acme.example"], marks: ["Auto-Submitted: auto-replied"])
                == ["x@acme.example": .skipped(.automated(["Auto-Submitted: auto-replied"]))])
        for address in ["noreply@acme.example", "no-reply@acme.example", "do_not_reply@acme.example",
                        "mailer-daemon@acme.example", "billing-noreply@acme.example"] {
            #expect(decide(.outgoing, from: "ann@alpha.example", to: [address]) == [address: .skipped(.noReply)], "\(address)")
        }
        // Known contacts still get bulk mail on their timeline; only making contacts is refused.
        #expect(decide(.incoming, from: "news@acme.example", to: ["ann@alpha.example"], marks: ["Precedence: bulk"],
                       known: ["news@acme.example"]) == ["news@acme.example": .timeline])
    }

    @Test func receivedMailFollowsTheSetting() {
        var policy = Self.policy
        #expect(decide(.incoming, from: "vic@p.example", to: ["ann@alpha.example", "cc@p.example"], policy: policy)
                == ["vic@p.example": .skipped(.setting(.sent, .incoming)), "cc@p.example": .skipped(.notTheirMessage(.incoming))])
        policy.creation = .sentAndReceived
        #expect(decide(.incoming, from: "vic@p.example", to: ["ann@alpha.example"], policy: policy) == ["vic@p.example": .created])
        policy.creation = .none
        #expect(decide(.outgoing, from: "ann@alpha.example", to: ["vic@p.example"], policy: policy)
                == ["vic@p.example": .skipped(.setting(.none, .outgoing))])
    }

    @Test func aNewContactIsNamedAndPlacedByItsAddress() {
        let message = ContactPolicy.Message(direction: .outgoing, from: Self.me,
                                            recipients: [Self.address("nina.buyer@acme.co.uk"), Self.address("pat@yahoo.co.uk")],
                                            names: [Self.address("pat@yahoo.co.uk"): "Pat Doe"])
        let decisions = Self.policy.decide(message, mailbox: Self.me) { _ in false }
        #expect(decisions.map(\.name) == ["Nina Buyer", "Pat Doe"])
        #expect(decisions.map(\.companyDomain) == ["acme.co.uk", nil])
        #expect(ContactPolicy.companyName(forDomain: "acme.co.uk") == "Acme")
        #expect(decisions[0].reason == "made a contact from mail you sent, with the company of acme.co.uk")
    }

    @Test func freeMailDomains() {
        for domain in ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me", "gmx.de",
                       "gmx.at", "yahoo.co.uk", "hotmail.fr"] {
            #expect(FreeMailDomains.contains(domain), "\(domain)")
        }
        for domain in ["acme.com", "gmail-partners.example", "yahoo-fans.example", "example.co.uk"] {
            #expect(!FreeMailDomains.contains(domain), "\(domain)")
        }
    }

    @Test func automationMarksAreReadFromHeaders() {
        func marks(_ headers: String) -> [String] {
            let message = MailFormat.Message(bytes: Array((headers + "\r\nFrom: a@b.example\r\n\r\nbody").utf8))
            return MailAutomation(headers: message.headers).marks
        }
        #expect(marks("List-Unsubscribe: <https://x.example/u>") == ["List-Unsubscribe"])
        #expect(marks("Precedence: Bulk") == ["Precedence: bulk"])
        #expect(marks("Precedence: junk") == ["Precedence: junk"])
        #expect(marks("Precedence: first-class").isEmpty)
        #expect(marks("Auto-Submitted: auto-generated; owner-email=x") == ["Auto-Submitted: auto-generated"])
        #expect(marks("Auto-Submitted: No").isEmpty)
    }

    @Test func blocklistEntriesAreNormalised() {
        #expect(Blocklist.entry("Ann@Example.COM") == "ann@example.com")
        #expect(Blocklist.entry("@Example.com") == "@example.com")
        #expect(Blocklist.entry("example.com") == "@example.com")
        #expect(Blocklist.entry("not an address") == nil)
        #expect(Blocklist.entry("@") == nil)
        #expect(Blocklist.entry("localhost") == nil)
    }

    @Test func theSettingIsReadFromConfig() throws {
        #expect(try Config().contactCreation() == .sent)
        #expect(try Config(text: "[contacts]\ncreate = sent_and_received").contactCreation() == .sentAndReceived)
        #expect(throws: CRMError.self) { try Config(text: "[contacts]\ncreate = everyone").contactCreation() }
    }
}

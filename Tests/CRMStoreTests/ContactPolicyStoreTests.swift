import CRMCore
import Foundation
import MailFormat
import RapportTestSupport
import Testing
@testable import CRMStore

/// The contact policy end to end: raw messages parsed as sync and import parse them, then taken in by
/// `recordIncoming`, which makes (or does not make) contacts and timeline entries.
@Suite struct ContactPolicyStoreTests {
    /// A parsed message in `mailbox`, from `from` to `to`, with `headers` added.
    func parsed(_ fixture: StoreFixture, in mailbox: Mailbox, id: String, from: String, to: String,
                headers: [String] = [], labels: [String] = ["INBOX"]) -> IncomingEmail {
        let text = (["From: \(from)", "To: \(to)", "Subject: Message \(id)", "Message-ID: <\(id)@mail.example>",
                     "Date: Mon, 7 Dec 2026 10:00:00 +0000"] + headers + ["", "Hello there."]).joined(separator: "\r\n")
        let sent = from.contains(mailbox.email.value)
        return IncomingEmail(message: MailFormat.Message(bytes: Array(text.utf8)), mailboxID: mailbox.id, gmailID: id,
                             threadID: "t-\(id)", labels: sent ? ["SENT"] : labels, receivedAt: nil)
    }

    func fixture(_ creation: ContactCreation = .sent) throws -> StoreFixture {
        let fixture = try StoreFixture()
        fixture.store.contactCreation = creation
        return fixture
    }

    func contacts(_ fixture: StoreFixture) throws -> [Contact] {
        try fixture.store.contacts(in: fixture.ann.scope)
    }

    @Test func mailYouSendToANewBuyerMakesThemAContactWithTheirCompany() throws {
        let fixture = try fixture()
        let email = parsed(fixture, in: fixture.annMailbox, id: "s1", from: "Ann Lee <ann@alpha.example>",
                           to: "\"Nina Buyer\" <nina@buyer-corp.example>")
        try fixture.store.recordIncoming(email)
        let made = try #require(try contacts(fixture).first)
        #expect(try contacts(fixture).count == 1)
        #expect(made.name == "Nina Buyer" && made.emails.map(\.value) == ["nina@buyer-corp.example"])
        #expect(made.companyName == "Buyer-corp")
        #expect(try fixture.store.company(id: try #require(made.companyID), in: fixture.ann.scope)?.domain
                == "buyer-corp.example")
        let entries = try fixture.store.timeline(contact: made.id, in: fixture.ann.scope)
        #expect(entries.count == 1 && entries.first?.direction == .outgoing)
        // A second buyer at the same company joins it rather than making another.
        try fixture.store.recordIncoming(parsed(fixture, in: fixture.annMailbox, id: "s2", from: "ann@alpha.example",
                                                to: "omar.ortiz@buyer-corp.example"))
        let omar = try #require(try contacts(fixture).first { $0.name == "Omar Ortiz" })
        #expect(omar.companyID == made.companyID)
        #expect(try fixture.store.companies(in: fixture.ann.scope).count == 1)
    }

    @Test func aFreeMailBuyerGetsNoCompany() throws {
        let fixture = try fixture()
        try fixture.store.recordIncoming(parsed(fixture, in: fixture.annMailbox, id: "s1", from: "ann@alpha.example",
                                                to: "pat.doe@gmail.com"))
        let pat = try #require(try contacts(fixture).first)
        #expect(pat.name == "Pat Doe" && pat.companyID == nil)
        #expect(try fixture.store.companies(in: fixture.ann.scope).isEmpty)
    }

    @Test func mailToTheTeamsOwnDomainMakesNoContact() throws {
        let fixture = try fixture()
        try fixture.store.recordIncoming(parsed(fixture, in: fixture.annMailbox, id: "s1", from: "ann@alpha.example",
                                                to: "al@alpha.example, newhire@alpha.example"))
        #expect(try contacts(fixture).isEmpty)
        // Another team's domain is not this team's.
        try fixture.store.recordIncoming(parsed(fixture, in: fixture.annMailbox, id: "s2", from: "ann@alpha.example",
                                                to: "someone@beta.example"))
        #expect(try contacts(fixture).map(\.name) == ["Someone"])
    }

    @Test func bulkAutomaticAndNoReplyMailMakesNoContactEvenWhenReceivedMailMay() throws {
        let fixture = try fixture(.sentAndReceived)
        let kinds: [(String, String, [String])] = [
            ("b1", "news@shop.example", ["List-Unsubscribe: <mailto:unsub@shop.example>"]),
            ("b2", "digest@forum.example", ["Precedence: bulk"]),
            ("b3", "list@forum.example", ["Precedence: list"]),
            ("a1", "away@client.example", ["Auto-Submitted: auto-replied"]),
            ("n1", "no-reply@service.example", []),
            ("n2", "MAILER-DAEMON@mx.example", []),
        ]
        for (id, from, headers) in kinds {
            try fixture.store.recordIncoming(parsed(fixture, in: fixture.annMailbox, id: id, from: from,
                                                    to: "ann@alpha.example", headers: headers))
        }
        #expect(try contacts(fixture).isEmpty)
        #expect(try fixture.store.connection.first("SELECT count(*) FROM activities")?.int(0) == 0)
        // Auto-Submitted: no is a person writing.
        try fixture.store.recordIncoming(parsed(fixture, in: fixture.annMailbox, id: "p1", from: "Rita <rita@client.example>",
                                                to: "ann@alpha.example", headers: ["Auto-Submitted: no"]))
        #expect(try contacts(fixture).map(\.name) == ["Rita"])
    }

    @Test func receivedMailMakesContactsOnlyWhenTheSettingSaysSo() throws {
        for (creation, made) in [(ContactCreation.sent, 0), (.sentAndReceived, 1), (.none, 0)] {
            let fixture = try fixture(creation)
            try fixture.store.recordIncoming(parsed(fixture, in: fixture.annMailbox, id: "r1",
                                                    from: "Vic <vic@prospect.example>",
                                                    to: "ann@alpha.example, cc-person@prospect.example"))
            // Only the sender of received mail can become a contact, never the other recipients.
            #expect(try contacts(fixture).map(\.name) == (made == 1 ? ["Vic"] : []), "\(creation)")
        }
        let none = try fixture(.none)
        try none.store.recordIncoming(parsed(none, in: none.annMailbox, id: "s1", from: "ann@alpha.example",
                                             to: "vic@prospect.example"))
        #expect(try contacts(none).isEmpty)
    }

    @Test func blockedAddressesAndDomainsReachNoTimelineNotEvenAKnownContacts() throws {
        let fixture = try fixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try fixture.store.block("@client.example", by: fixture.ann)
        try fixture.store.block("spam@other.example", by: fixture.ann)
        try fixture.store.recordIncoming(parsed(fixture, in: fixture.annMailbox, id: "r1", from: "carol@client.example",
                                                to: "ann@alpha.example"))
        try fixture.store.recordIncoming(parsed(fixture, in: fixture.annMailbox, id: "s1", from: "ann@alpha.example",
                                                to: "spam@other.example, x@sub.client.example"))
        #expect(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
        #expect(try contacts(fixture).map(\.name) == ["Carol"])
        // Another team's blocklist does not reach this one.
        #expect(try fixture.store.blocklist(of: fixture.bob).entries.isEmpty)
        #expect(try fixture.store.unblock("@client.example", by: fixture.ann))
        #expect(try !fixture.store.unblock("@client.example", by: fixture.ann))
    }

    @Test func mailInTrashOrSpamMakesNoContact() throws {
        let fixture = try fixture(.sentAndReceived)
        try fixture.store.recordIncoming(parsed(fixture, in: fixture.annMailbox, id: "r1", from: "vic@prospect.example",
                                                to: "ann@alpha.example", labels: ["SPAM"]))
        #expect(try contacts(fixture).isEmpty)
    }

    @Test func aMessageAlreadyTakenInIsNotDecidedAgain() throws {
        let fixture = try fixture()
        let email = parsed(fixture, in: fixture.annMailbox, id: "s1", from: "ann@alpha.example", to: "nina@buyer.example")
        try fixture.store.recordIncoming(email)
        try fixture.store.recordIncoming(email)
        var copy = email
        copy.mailboxID = fixture.alMailbox.id
        try fixture.store.recordIncoming(copy)
        let nina = try #require(try contacts(fixture).first)
        #expect(try contacts(fixture).count == 1)
        #expect(try fixture.store.timeline(contact: nina.id, in: fixture.ann.scope).count == 1)
    }
}

import CRMCore
import Foundation
import Testing
@testable import CRMStore

@Suite struct ExplainStoreTests {
    @Test func aMessageThatMadeAContactSaysSoAndWhose() throws {
        let fixture = try StoreFixture()
        fixture.store.contactCreation = .sent
        let email = fixture.message(in: fixture.annMailbox, id: "s1", from: "ann@alpha.example",
                                    to: ["nina@buyer.example", "al@alpha.example"], subject: "Proposal", labels: ["SENT"])
        let id = try fixture.store.recordIncoming(email).id
        let explanation = try #require(try fixture.store.explanation(ofMessage: id, in: fixture.ann.scope))
        #expect(explanation.isOnTimeline && explanation.direction == .outgoing)
        let entry = try #require(explanation.entries.first)
        #expect(explanation.entries.count == 1 && entry.contactName == "Nina" && entry.madeFromThisMessage)
        #expect(explanation.verdict == "on the timeline of Nina (contact \(entry.contactID))")
        let teammate = try #require(explanation.addresses.first { $0.address.value == "al@alpha.example" })
        #expect(teammate.outcome == .skipped(.team))
        #expect(teammate.reason == "one of your team's own addresses or domains")
        // Another team cannot ask.
        #expect(try fixture.store.explanation(ofMessage: id, in: fixture.bob.scope) == nil)
    }

    @Test func bulkMailFromStrangersIsOnNoTimelineAndSaysWhy() throws {
        let fixture = try StoreFixture()
        fixture.store.contactCreation = .sentAndReceived
        var email = fixture.message(in: fixture.annMailbox, id: "r1", from: "news@shop.example",
                                    to: ["ann@alpha.example"], subject: "Sale")
        email.automation = MailAutomation(marks: ["List-Unsubscribe"])
        let id = try fixture.store.recordIncoming(email).id
        let explanation = try #require(try fixture.store.explanation(ofMessage: id, in: fixture.ann.scope))
        #expect(!explanation.isOnTimeline && explanation.entries.isEmpty)
        #expect(explanation.automation.marks == ["List-Unsubscribe"])
        #expect(explanation.addresses.map(\.outcome) == [.skipped(.automated(["List-Unsubscribe"]))])
        #expect(explanation.verdict.hasPrefix("on no timeline"))
    }

    @Test func aBlockedContactsMessageExplainsTheBlock() throws {
        let fixture = try StoreFixture()
        try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try fixture.store.block("@client.example", by: fixture.ann)
        let id = try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "r1",
                                                                  from: "carol@client.example",
                                                                  to: ["ann@alpha.example"], subject: "Hi")).id
        let explanation = try #require(try fixture.store.explanation(ofMessage: id, in: fixture.ann.scope))
        #expect(explanation.addresses.first?.outcome == .skipped(.blocked("@client.example")))
        #expect(explanation.addresses.first?.reason.contains("blocklist (@client.example)") == true)
    }

    @Test func aKnownContactsMessageInSpamIsKeptOffTheTimeline() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let id = try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "r1",
                                                                  from: "carol@client.example", to: ["ann@alpha.example"],
                                                                  subject: "Hi", labels: ["SPAM"])).id
        let explanation = try #require(try fixture.store.explanation(ofMessage: id, in: fixture.ann.scope))
        #expect(explanation.isInBin && !explanation.isOnTimeline)
        #expect(explanation.entries.map(\.contactID) == [carol.id])
        #expect(explanation.verdict == "on no timeline while it is in Trash or Spam")
    }
}

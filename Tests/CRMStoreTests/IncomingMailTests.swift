import CRMCore
import Foundation
import Testing
@testable import CRMStore

@Suite struct IncomingMailTests {
    @Test func aRepeatedMessageIsStoredOnce() throws {
        let fixture = try StoreFixture()
        try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let message = fixture.message(in: fixture.annMailbox, id: "m1", from: "carol@client.example",
                                      to: ["ann@alpha.example"], subject: "Hello")
        let first = try fixture.store.recordIncoming(message)
        let second = try fixture.store.recordIncoming(message)
        #expect(first.isNew && !second.isNew && first.id == second.id)
        #expect(try fixture.store.connection.first("SELECT count(*) FROM incoming_emails")?.int(0) == 1)
        #expect(try fixture.store.connection.first("SELECT count(*) FROM activities")?.int(0) == 1)
    }

    @Test func twoTeammatesCopiesOfOneMessageMakeOneTimelineEntry() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let toAnn = fixture.message(in: fixture.annMailbox, id: "a1", from: "carol@client.example",
                                    to: ["ann@alpha.example", "al@alpha.example"], subject: "To you both",
                                    messageID: "shared@client.example")
        var toAl = toAnn
        toAl.mailboxID = fixture.alMailbox.id
        toAl.gmailID = "b7"
        try fixture.store.recordIncoming(toAnn)
        try fixture.store.recordIncoming(toAl)
        #expect(try fixture.store.connection.first("SELECT count(*) FROM incoming_emails")?.int(0) == 2)
        let entries = try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope)
        #expect(entries.count == 1)
        #expect(entries.first?.direction == .incoming)
    }

    @Test func sentMailIsOutAndTouchesEveryKnownRecipient() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let dan = try fixture.contact("Dan", "dan@client.example", by: fixture.ann)
        try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "s1", from: "ann@alpha.example",
                                                         to: ["carol@client.example", "dan@client.example"],
                                                         subject: "Update", labels: ["SENT"]))
        for contact in [carol, dan] {
            let entry = try #require(try fixture.store.timeline(contact: contact.id, in: fixture.ann.scope).first)
            #expect(entry.direction == .outgoing)
            #expect(entry.userLogin == "ann")
        }
    }

    @Test func mailToNobodyWeKnowIsStoredButNotOnATimeline() throws {
        let fixture = try StoreFixture()
        try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "n1", from: "news@letter.example",
                                                         to: ["ann@alpha.example"], subject: "Weekly digest"))
        #expect(try fixture.store.connection.first("SELECT count(*) FROM incoming_emails")?.int(0) == 1)
        #expect(try fixture.store.connection.first("SELECT count(*) FROM activities")?.int(0) == 0)
        #expect(try fixture.store.search("digest", in: fixture.ann.scope).map(\.kind) == [.incomingEmail])
        #expect(try fixture.store.search("digest", in: fixture.bob.scope).isEmpty)
    }

    @Test func trashAndSpamStayOffTheTimeline() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        for (id, label) in [("t1", "TRASH"), ("s1", "SPAM")] {
            try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: id, from: "carol@client.example",
                                                             to: ["ann@alpha.example"], subject: label, labels: [label]))
        }
        #expect(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).isEmpty)
    }
}

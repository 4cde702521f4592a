import CRMCore
import Foundation
import Testing
@testable import CRMStore

/// Contacts changed after they were added: edited, merged (nothing lost), deleted; and the list's rows.
@Suite struct ContactEditingStoreTests {
    @Test func mergingJoinsTimelinesAndKeepsEveryAddressEntryAndDeal() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        var other = try fixture.contact("C. Client", "c@home.example", by: fixture.ann)
        other = try store.editContact(id: other.id, Store.ContactEdit(companyName: "Client Co", phone: "+1 555"), by: fixture.ann)
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m1", from: "c@home.example",
                                                 to: ["ann@alpha.example"], subject: "From home"))
        // One message to both of her addresses is on both timelines: once after the merge.
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m2", from: "ann@alpha.example",
                                                 to: ["carol@client.example", "c@home.example"], subject: "To both"))
        let note = try store.addActivity(contact: other.id, type: .note, summary: "Prefers mornings", by: fixture.ann)
        let deal = try store.addDeal(name: "Pilot", companyID: nil, contactID: other.id, stage: nil, valueCents: nil,
                                     by: fixture.ann)
        let before = try store.timeline(contact: carol.id, in: fixture.ann.scope) + store.timeline(contact: other.id, in: fixture.ann.scope)
        #expect(before.count == 4)

        let merged = try store.mergeContact(other.id, into: carol.id, by: fixture.ann)
        #expect(merged.emails.map(\.value) == ["carol@client.example", "c@home.example"])
        #expect(merged.companyName == "Client Co" && merged.phone == "+1 555", "what she lacked comes from the other")
        #expect(try store.contact(id: other.id, in: fixture.ann.scope) == nil)
        let timeline = try store.timeline(contact: carol.id, in: fixture.ann.scope)
        #expect(timeline.count == 3 && timeline.contains { $0.id == note.id })
        #expect(Set(timeline.compactMap(\.subject)) == ["From home", "To both"])
        #expect(try store.deal(id: deal.id, in: fixture.ann.scope)?.contactID == carol.id)
        #expect(try store.contact(email: EmailAddress("c@home.example")!, in: fixture.ann.scope)?.id == carol.id)
        #expect(try store.search("mornings", in: fixture.ann.scope).map(\.contactID) == [carol.id])
    }

    @Test func aContactIsNotMergedIntoItselfNorAcrossTeams() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let beta = try fixture.contact("Dora", "dora@beta-client.example", by: fixture.bob)
        #expect(throws: CRMError.self) { try fixture.store.mergeContact(carol.id, into: carol.id, by: fixture.ann) }
        #expect(throws: Refusal.notFound(.contact, id: beta.id)) {
            try fixture.store.mergeContact(beta.id, into: carol.id, by: fixture.ann)
        }
        #expect(try fixture.store.contact(id: beta.id, in: fixture.bob.scope) != nil)
    }

    @Test func editingReplacesAddressesAndChangesOnlyWhatIsGiven() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let dan = try fixture.contact("Dan", "dan@client.example", by: fixture.ann)
        let edited = try store.editContact(id: carol.id, Store.ContactEdit(
            emails: [EmailAddress("carol@new.example")!, EmailAddress("carol@client.example")!], companyName: "Client Co",
            ownerLogin: "al"), by: fixture.ann)
        #expect(edited.name == "Carol" && edited.emails.map(\.value) == ["carol@new.example", "carol@client.example"])
        #expect(edited.companyName == "Client Co" && edited.ownerLogin == "al")
        let cleared = try store.editContact(id: carol.id, Store.ContactEdit(companyName: "", ownerLogin: ""), by: fixture.ann)
        #expect(cleared.companyName == nil && cleared.ownerLogin == nil && cleared.emails.count == 2)
        #expect(throws: Refusal.addressTaken(contactID: dan.id)) {
            try store.editContact(id: carol.id, Store.ContactEdit(emails: [EmailAddress("dan@client.example")!]), by: fixture.ann)
        }
        #expect(throws: CRMError.self, "bob is in another team") {
            try store.editContact(id: carol.id, Store.ContactEdit(ownerLogin: "bob"), by: fixture.ann)
        }
        #expect(throws: Refusal.nameMissing(.contact)) {
            try store.editContact(id: carol.id, Store.ContactEdit(name: "  "), by: fixture.ann)
        }
        #expect(try store.contact(id: carol.id, in: fixture.ann.scope)?.emails.count == 2, "a refused edit changes nothing")
    }

    @Test func deletingAContactKeepsItsMailAndDeals() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let (mailID, _) = try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m1", from: "carol@client.example",
                                                                   to: ["ann@alpha.example"], subject: "Hello"))
        let deal = try store.addDeal(name: "Pilot", companyID: nil, contactID: carol.id, stage: nil, valueCents: nil,
                                     by: fixture.ann)
        #expect(throws: Refusal.notFound(.contact, id: carol.id)) { try store.deleteContact(id: carol.id, by: fixture.bob) }
        try store.deleteContact(id: carol.id, by: fixture.ann)
        #expect(try store.contact(id: carol.id, in: fixture.ann.scope) == nil)
        #expect(try store.mailMessage(id: mailID, in: fixture.ann.scope) != nil)
        #expect(try store.deal(id: deal.id, in: fixture.ann.scope)?.contactID == nil)
        #expect(try store.search("Carol", in: fixture.ann.scope).filter { $0.kind == .contact }.isEmpty)
    }

    @Test func listRowsSayLastContactEitherWayOwnerAndOpenDealsAPageAtATime() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try fixture.contact("Dan", "dan@client.example", by: fixture.ann)
        try fixture.contact("Erin", "erin@client.example", by: fixture.ann)
        let heard = Date(timeIntervalSince1970: 1_790_000_000)
        let wrote = heard.addingTimeInterval(3_600)
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m1", from: "carol@client.example",
                                                 to: ["ann@alpha.example"], subject: "Old", at: heard.addingTimeInterval(-86_400)))
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m2", from: "carol@client.example",
                                                 to: ["ann@alpha.example"], subject: "New", at: heard))
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m3", from: "ann@alpha.example",
                                                 to: ["carol@client.example"], subject: "Reply", at: wrote, labels: ["SENT"]))
        for stage in ["lead", "won", "proposal"] {
            try store.addDeal(name: stage, companyID: nil, contactID: carol.id, stage: stage, valueCents: nil, by: fixture.ann)
        }
        let page = try store.contactSummaries(in: fixture.ann.scope, limit: 2)
        #expect(page.map(\.contact.name) == ["Carol", "Dan"])
        #expect(page[0].lastIncoming == heard && page[0].lastOutgoing == wrote && page[0].openDeals == 2)
        #expect(page[0].contact.ownerLogin == "ann" && page[1].lastIncoming == nil && page[1].openDeals == 0)
        #expect(try store.contactSummaries(in: fixture.ann.scope, limit: 2, offset: 2).map(\.contact.name) == ["Erin"])
        #expect(try store.contactSummaries(in: fixture.ann.scope, matching: "client.example").count == 3)
        #expect(try store.contactSummaries(in: fixture.ann.scope, matching: "dan").map(\.contact.name) == ["Dan"])
        #expect(try store.contactSummaries(in: fixture.bob.scope).isEmpty, "another team's contacts stay theirs")
    }
}

/// Deals moving along the pipeline.
@Suite struct PipelineStoreTests {
    @Test func movingADealRecordsItOnTheContactsTimelineWithWhoAndWhen() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        store.now = { at }
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let deal = try store.addDeal(name: "Pilot", companyID: nil, contactID: carol.id, stage: nil, valueCents: 500_00,
                                     by: fixture.ann)
        let moved = try store.moveDeal(id: deal.id, to: "Qualified", by: fixture.al)
        #expect(moved.stage == "qualified")
        let entry = try #require(try store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        #expect(entry.type == .note && entry.userLogin == "al" && entry.occurredAt == at)
        #expect(entry.subject == "Deal stage" && entry.summary == "Pilot: lead → qualified")
        try store.moveDeal(id: deal.id, to: "qualified", by: fixture.al)
        #expect(try store.timeline(contact: carol.id, in: fixture.ann.scope).count == 1, "no move, nothing recorded")
        #expect(throws: Refusal.notFound(.deal, id: deal.id)) { try store.moveDeal(id: deal.id, to: "won", by: fixture.bob) }
    }

    @Test func thePipelineCountsAndSumsEachStageInOrder() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        for (stage, value) in [("won", 100_00), ("lead", 250_00), ("lead", 50_00), ("custom", 1_00)] as [(String, Int64)] {
            try store.addDeal(name: stage, companyID: nil, contactID: nil, stage: stage, valueCents: value, by: fixture.ann)
        }
        try store.addDeal(name: "unpriced", companyID: nil, contactID: nil, stage: "lead", valueCents: nil, by: fixture.ann)
        #expect(try store.pipeline(in: fixture.ann.scope) == [
            PipelineStage(stage: "lead", count: 3, valueCents: 300_00), PipelineStage(stage: "won", count: 1, valueCents: 100_00),
            PipelineStage(stage: "custom", count: 1, valueCents: 1_00),
        ])
        #expect(try store.deals(in: fixture.ann.scope).map(\.stage) == ["lead", "lead", "lead", "won", "custom"])
        #expect(try store.pipeline(in: fixture.bob.scope).isEmpty)
    }
}

import CRMCore
import Foundation
import Testing
@testable import CRMStore

/// Team B sees nothing of team A, through every query; links across the wall are refused.
@Suite struct TeamWallTests {
    @Test func teamBSeesNoneOfTeamAsRecords() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try store.addContact(name: "Carol Quasar", emails: [StoreFixture.address("carol@client.example")],
                                         companyName: "Quasar Holdings", by: fixture.ann)
        let note = try store.addActivity(contact: carol.id, type: .note, summary: "Quasar budget talk", by: fixture.ann)
        try store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m1", from: "carol@client.example",
                                                 to: ["ann@alpha.example"], subject: "Quasar invoice",
                                                 at: Date().addingTimeInterval(-40 * 86400)))
        let email = try fixture.draft(by: fixture.ann, subject: "Quasar follow-up", link: .contact(carol.id))
        let company = try #require(try store.companies(in: fixture.ann.scope).first)
        let deal = try store.addDeal(name: "Quasar rollout", companyID: company.id, contactID: carol.id, stage: nil,
                                     valueCents: nil, by: fixture.ann)
        let bob = fixture.bob.scope

        #expect(try store.contacts(in: bob).isEmpty)
        #expect(try store.contacts(in: bob, matching: "carol").isEmpty)
        #expect(try store.contacts(ids: [carol.id], in: bob).isEmpty)
        #expect(try store.contacts(ids: [carol.id, 9_999, carol.id], in: fixture.ann.scope).map(\.id) == [carol.id, carol.id])
        #expect(try store.contact(id: carol.id, in: bob) == nil)
        #expect(try store.contact(email: StoreFixture.address("carol@client.example"), in: bob) == nil)
        #expect(try store.companies(in: bob).isEmpty)
        #expect(try store.company(id: company.id, in: bob) == nil)
        #expect(try store.deal(id: deal.id, in: bob) == nil)
        #expect(try store.deals(contact: carol.id, in: bob).isEmpty)
        #expect(try store.deals(in: bob, matching: "quasar").isEmpty && store.deals(in: bob, matching: "\(deal.id)").isEmpty)
        #expect(try store.companies(in: bob, matching: "quasar").isEmpty)
        #expect(try store.deals(in: fixture.ann.scope, matching: "QUASAR roll").map(\.id) == [deal.id], "the wall is not a blank")
        #expect(try store.companies(in: fixture.ann.scope, matching: "\(company.id)").map(\.id) == [company.id])
        #expect(try store.timeline(contact: carol.id, in: bob).isEmpty)
        #expect(try store.activity(id: note.id, in: bob) == nil)
        #expect(try store.outbox(in: bob).isEmpty)
        #expect(try store.outgoingEmail(id: email.id, in: bob) == nil)
        #expect(try store.statusHistory(of: email.id, in: bob).isEmpty)
        #expect(try store.search("quasar", in: bob).isEmpty)
        #expect(try store.search("carol", in: bob).isEmpty)
        #expect(try store.insights(contact: carol.id, in: bob).weeks.allSatisfy { $0.incoming == 0 && $0.outgoing == 0 })
        #expect(try store.lastTouch(contact: carol.id, in: bob) == nil)
        #expect(try store.coldContacts(in: bob, days: 30).isEmpty)
        #expect(try store.mailboxes(in: bob).map(\.email.value) == ["bob@beta.example"])
        #expect(try store.users(in: bob).map(\.login) == ["bob"])

        // Team A and the admin do see them.
        #expect(try store.search("quasar", in: fixture.al.scope).count == 4)
        #expect(try store.coldContacts(in: fixture.al.scope, days: 30).map(\.contactID) == [carol.id])
        #expect(try store.search("quasar", in: fixture.ada.scope).count == 4)
        #expect(fixture.ada.scope == .everyone)
    }

    @Test func theSameAddressCanBeAContactInEachTeamSeparately() throws {
        let fixture = try StoreFixture()
        let a = try fixture.contact("Carol A", "carol@client.example", by: fixture.ann)
        let b = try fixture.contact("Carol B", "carol@client.example", by: fixture.bob)
        #expect(a.id != b.id)
        #expect(try fixture.store.contact(email: a.emails[0], in: fixture.ann.scope)?.name == "Carol A")
        #expect(try fixture.store.contact(email: a.emails[0], in: fixture.bob.scope)?.name == "Carol B")
    }

    @Test func linksAcrossTheWallAreRefused() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let company = try store.addCompany(name: "Acme", domain: nil, by: fixture.ann)
        let deal = try store.addDeal(name: "D", companyID: nil, contactID: nil, stage: nil, valueCents: nil, by: fixture.ann)
        for link in [RecordLink.contact(carol.id), .company(company.id), .deal(deal.id)] {
            #expect(throws: Refusal.linkOutsideTeam(link)) { try fixture.draft(by: fixture.bob, link: link) }
        }
        #expect(throws: Refusal.notFound(.company, id: company.id)) {
            try store.addDeal(name: "X", companyID: company.id, contactID: nil, stage: nil, valueCents: nil, by: fixture.bob)
        }
        #expect(throws: Refusal.notFound(.contact, id: carol.id)) {
            try store.addDeal(name: "X", companyID: nil, contactID: carol.id, stage: nil, valueCents: nil, by: fixture.bob)
        }
        #expect(throws: Refusal.notFound(.contact, id: carol.id)) {
            try store.addActivity(contact: carol.id, type: .note, summary: "sneaky", by: fixture.bob)
        }
        // Even an admin's email may only link to records of the admin's own team.
        let betaContact = try fixture.contact("Bea", "bea@client.example", by: fixture.bob)
        #expect(throws: Refusal.linkOutsideTeam(.contact(betaContact.id))) {
            try fixture.draft(by: fixture.ada, link: .contact(betaContact.id))
        }
        #expect(try store.outbox(in: .everyone).isEmpty)
    }

    @Test func replyingAcrossTheWallIsRefused() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        try fixture.store.recordIncoming(fixture.message(in: fixture.annMailbox, id: "m1", from: "carol@client.example",
                                                         to: ["ann@alpha.example"], subject: "Hi"))
        let activity = try #require(try fixture.store.timeline(contact: carol.id, in: fixture.ann.scope).first)
        var request = ComposeRequest(from: fixture.bobMailbox.email, to: [carol.emails[0]], subject: "Re: Hi",
                                     bodyText: "B")
        request.replyToActivityID = activity.id
        #expect(throws: Refusal.noEmailToReplyTo(activityID: activity.id)) {
            try fixture.store.compose(request, by: fixture.bob)
        }
        request.from = fixture.annMailbox.email
        let reply = try fixture.store.compose(request, by: fixture.ann)
        #expect(reply.link == .contact(carol.id))
        #expect(reply.replyToActivityID == activity.id)
    }

    @Test func membersCannotChangeTheirTeammatesRecordsButAdminsCan() throws {
        let fixture = try StoreFixture()
        let carol = try fixture.contact("Carol", "carol@client.example", by: fixture.ann)
        let note = try fixture.store.addActivity(contact: carol.id, type: .note, summary: "ann's note", by: fixture.ann)
        #expect(throws: Refusal.notYours(.activity, id: note.id, owner: "ann", change: .edit)) {
            try fixture.store.editActivity(id: note.id, Store.ActivityEdit(summary: "al was here"), by: fixture.al)
        }
        #expect(throws: Refusal.notFound(.activity, id: note.id)) {
            try fixture.store.deleteActivity(id: note.id, by: fixture.bob)
        }
        try fixture.store.editActivity(id: note.id, Store.ActivityEdit(summary: "fixed by ada"), by: fixture.ada)
        #expect(try fixture.store.activity(id: note.id, in: fixture.ann.scope)?.summary == "fixed by ada")
    }
}

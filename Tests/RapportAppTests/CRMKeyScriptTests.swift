import CRMCore
import CRMStore
import Foundation
import RapportApp
import Testing

/// Changing contacts, activities and deals through the real app: keys in, the store and the screen out.
@MainActor @Suite struct CRMKeyScriptTests {
    @Test func aContactAddedInTheAppIsOnTheListWithItsColumns() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"3 a "Erin Lead" Enter "erin@lead.example, erin@home.example" Enter "Lead Co" Enter Enter Enter"#)
        #expect(app.text.contains("Added “Erin Lead”."))
        let erin = try #require(try app.store.contact(email: EmailAddress("erin@home.example")!, in: app.ann.scope))
        #expect(erin.name == "Erin Lead" && erin.companyName == "Lead Co" && erin.ownerLogin == "ann")
        #expect(app.text.contains("Erin Lead") && app.text.contains("Last in") && app.text.contains("Owner"))
        let carolRow = try #require(app.screen.first { $0.contains("Carol Client") })
        #expect(carolRow.contains(" 1 "), "Carol has one open deal: \(carolRow)")
    }

    @Test func mergingTwoContactsInTheAppJoinsTheirTimelines() throws {
        let app = try AppFixture()
        let other = try app.store.addContact(name: "Carol Home", emails: [EmailAddress("carol@home.example")!], by: app.ann)
        try app.store.addActivity(contact: other.id, type: .note, summary: "Met at the fair.", by: app.ann)
        let before = try app.store.timeline(contact: app.carol.id, in: app.ann.scope).count
        app.start()
        app.type(#"3 f "carol" Enter"#)
        #expect(app.text.contains("Contacts (2)"))
        // Carol Client is first: mark Carol Home (second), keep Carol Client.
        app.type("j m k m y")
        #expect(app.text.contains("Merged “Carol Home” into “Carol Client”: one timeline now."))
        #expect(try app.store.contact(id: other.id, in: app.ann.scope) == nil)
        #expect(try app.store.timeline(contact: app.carol.id, in: app.ann.scope).count == before + 1)
        #expect(app.text.contains("Contacts (1)"))
    }

    @Test func deletingAContactAsksFirst() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"3 f "zo" Enter d"#)
        #expect(app.text.contains("Delete “Zoë Ångström” and their notes? Their mail stays. (y/n)"))
        app.type("n")
        #expect(try app.store.contact(id: app.zoe.id, in: app.ann.scope) != nil)
        app.type("d y")
        #expect(try app.store.contact(id: app.zoe.id, in: app.ann.scope) == nil)
        #expect(app.text.contains("Deleted “Zoë Ångström”; their mail is kept."))
    }

    @Test func aCallIsLoggedWithItsDetailsThenEditedAndDeleted() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"3 Enter L "Walked through pricing" Enter C-u "2h ago" Enter "45m" Enter "booked a demo" Enter"#)
        #expect(app.text.contains("Added the call to the timeline."))
        let call = try #require(try app.store.timeline(contact: app.carol.id, in: app.ann.scope).first { $0.summary == "Walked through pricing" })
        #expect(call.durationMinutes == 45 && call.outcome == "booked a demo")
        #expect(call.occurredAt == AppFixture.now.addingTimeInterval(-7_200))
        #expect(app.text.contains("Walked through pricing (45m, booked a demo)"))
        let row = try #require(app.controller.state.timelineIndex(of: call.id))
        app.type("g" + String(repeating: " j", count: row) + #" e C-u "Pricing, round two" Enter Enter C-u "1h" Enter Enter"#)
        #expect(try app.store.activity(id: call.id, in: app.ann.scope)?.summary == "Pricing, round two")
        #expect(try app.store.activity(id: call.id, in: app.ann.scope)?.durationMinutes == 60)
        app.type("d y")
        #expect(try app.store.activity(id: call.id, in: app.ann.scope) == nil)
        #expect(app.text.contains("Deleted the call."))
    }

    @Test func aDealMovesStageFromTheDealsTabAndTheTimelineSaysWhoAndWhen() throws {
        let app = try AppFixture()
        app.start()
        app.type("5")
        #expect(app.text.contains("Pipeline") && app.text.contains("proposal") && app.text.contains("Acme renewal"))
        app.type(">")
        #expect(app.text.contains("Moved “Acme renewal” to negotiation (on the contact's timeline)."))
        app.type("Enter")
        #expect(app.text.contains("Stage: negotiation") && app.text.contains("Carol Client <carol@acme.example>"))
        #expect(app.text.contains("Deal stage — Acme renewal: proposal → negotiation"))
        let entry = try #require(try app.store.timeline(contact: app.carol.id, in: app.ann.scope).first)
        #expect(entry.userLogin == "ann" && entry.occurredAt == AppFixture.now)
    }
}

import RapportApp
import Testing

/// The Contacts tab through the real app: who is going cold, one key away.
/// Key scripts through the real AppController, reducer, view and store (`AppFixture`).
@MainActor @Suite struct ContactsKeyScriptTests {
    @Test func contactsGoingColdAreOneKeyAway() throws {
        let app = try AppFixture()
        let dan = try app.dormantContact("Dan Dormant", "dan@dormant.example", days: 60)
        try app.dormantContact("Recent Rita", "rita@dormant.example", days: 10)
        app.start()
        app.type("3 C")
        #expect(app.text.contains("Going cold (1): no contact for 30 days"))
        #expect(app.text.contains("Dan Dormant") && app.text.contains("last in touch 8w ago"))
        #expect(!app.text.contains("Recent Rita") && !app.text.contains("Carol Client"), "only who has gone quiet")
        app.type("Enter")
        #expect(app.controller.state.currentScreen == .timeline(contactID: dan.id))
        app.type("q")
        #expect(app.text.contains("Going cold (1)"), "back where the list was")
        app.type("C")
        #expect(app.text.contains("Contacts (5)") && app.text.contains("Carol Client"))
        app.type(#"C f "rita""#)
        #expect(app.text.contains("Contacts (1)") && app.text.contains("Recent Rita"), "f filters every contact again")
    }
}

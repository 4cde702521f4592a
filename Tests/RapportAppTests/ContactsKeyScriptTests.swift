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
        #expect(app.text.contains("Going cold (0)") && app.text.contains("Nobody who matches “rita” is going cold."),
                "f filters the list on screen")
        app.type("Enter C")
        #expect(app.text.contains("Contacts (1)") && app.text.contains("Recent Rita"), "C shows every contact, filtered")
    }

    @Test func theGoingColdListHonoursTheFilter() throws {
        let app = try AppFixture()
        try app.dormantContact("Dan Dormant", "dan@dormant.example", days: 60)
        try app.dormantContact("Donna Quiet", "donna@quiet.example", days: 45)
        app.start()
        app.type("3 C")
        #expect(app.text.contains("Going cold (2)"))
        app.type(#"f "dan""#)
        #expect(app.text.contains("Going cold (1)") && app.text.contains("Dan Dormant"), "typing narrows the cold list")
        #expect(!app.text.contains("Donna Quiet"))
        app.type(#"Enter C"#)
        #expect(app.text.contains("Contacts (1)") && app.text.contains("Dan Dormant"), "every contact, still filtered")
        app.type(#"f "zzz" Enter C"#)
        #expect(app.text.contains("Going cold (0)") && app.text.contains("Nobody who matches “danzzz” is going cold."))
    }
}

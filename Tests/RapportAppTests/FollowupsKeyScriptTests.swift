import CRMCore
import CRMStore
import Foundation
import RapportApp
import Testing

/// Follow-ups, reminders, templates and `w` (explain) through the real app (`AppFixture`): the
/// store's rules, reached by keys.
@MainActor @Suite struct FollowupsKeyScriptTests {
    /// The follow-ups the store lists for Ann's team now.
    private func followups(_ app: AppFixture) throws -> [Followup] {
        try app.store.followups(in: app.ann.scope, days: 3)
    }

    // Carol wrote an hour ago, which answers anything sent to her before: the follow-ups go to Zoë.
    @Test func anUnansweredEmailShowsWithItsCountAndDoneRemovesIt() throws {
        let app = try AppFixture()
        try app.sentEmail(to: app.zoe, subject: "Pricing for 2027", daysAgo: 5)
        app.start()
        #expect(app.screen[0].contains("6 Follow-ups 1"), "the tab bar counts what is due")
        app.type("6")
        #expect(app.controller.state.currentScreen == .followups)
        let row = try #require(app.screen.first { $0.contains("Pricing for 2027") })
        #expect(row.contains("Zoë Ångström") && row.contains("5d"), "contact and days waiting: \(row)")
        #expect(!app.text.contains("Welcome aboard"), "sent just now: not yet waiting long enough")
        app.type("d")
        #expect(!app.text.contains("Pricing for 2027"))
        #expect(app.text.contains("Done; no longer waiting for a reply."))
        #expect(!app.screen[0].contains("Follow-ups 1") && app.screen[0].contains("6 Follow-ups"))
        #expect(try followups(app).allSatisfy { $0.subject != "Pricing for 2027" }, "the store has it done")
    }

    @Test func snoozeWantsATimeItCanRead() throws {
        let app = try AppFixture()
        let email = try app.sentEmail(to: app.zoe, subject: "Pricing for 2027", daysAgo: 5)
        app.start()
        app.type(#"6 s "soonish" Enter"#)
        #expect(app.text.contains("Could not read “soonish” as a time"), "says so in words")
        #expect(try followups(app).first { $0.key == .email(email.id) }?.isDue(at: AppFixture.now) == true, "nothing changed")
        app.type(#"s "3d" Enter"#)
        #expect(app.text.contains("Snoozed until"))
        let snoozed = try #require(try followups(app).first { $0.key == .email(email.id) })
        #expect(snoozed.dueAt == AppFixture.now.addingTimeInterval(3 * 86_400))
        let row = try #require(app.screen.first { $0.contains("Pricing for 2027") })
        #expect(row.contains("later"), "still listed, no longer due: \(row)")
        #expect(!app.screen[0].contains("Follow-ups 1"), "nothing due, no count")
    }

    @Test func rOnAFollowupRepliesToItsEmail() throws {
        let app = try AppFixture()
        try app.sentEmail(to: app.zoe, subject: "Pricing for 2027", daysAgo: 5)
        app.start()
        app.type("6 r")
        #expect(app.controller.state.currentScreen == .composer)
        let composer = try #require(app.controller.state.currentComposer)
        #expect(composer.subject.text == "Re: Pricing for 2027")
        #expect(composer.to.text.contains("zoe@fjord.example"))
        #expect(composer.answering == .reply)
    }

    @Test func aReminderSetOnAContactShowsInFollowups() throws {
        let app = try AppFixture()
        app.start()
        app.type("3")
        let carolRow = try #require(app.controller.state.currentScreen == .contacts ? app.screen.firstIndex { $0.contains("Carol Client") } : nil)
        #expect(carolRow > 0)
        app.type(#"R "whenever" Enter"#)
        #expect(app.text.contains("Could not read “whenever” as a time"))
        app.type(#"R "3d" Enter "call about pricing" Enter"#)
        #expect(app.text.contains("You will be reminded"))
        let reminder = try #require(try followups(app).first { $0.kind == .reminder })
        #expect(reminder.note == "call about pricing" && reminder.contactID == app.carol.id)
        #expect(reminder.dueAt == AppFixture.now.addingTimeInterval(3 * 86_400))
        app.type("6")
        #expect(app.text.contains("reminder: call about pricing"))
    }

    @Test func aTemplateWithAFieldWithNoValueChangesNothing() throws {
        let app = try AppFixture()
        app.templates = ["pricing": "Subject: Pricing for {{company}}\n\nHi {{first_name}}, about {{deal}}.",
                         "hello": "Subject: Hello {{first_name}}\n\nHi {{first_name}}, a word about {{deal}}."]
        app.start()
        app.type(#"c "zoe@fjord.example" Tab Tab Tab "Mine" C-g"#)
        #expect(app.text.contains("hello  pricing"), "the picker lists the templates")
        app.type(#""pr" Tab Enter"#)
        #expect(app.text.contains("{{company}}"), "the error names the field")
        let composer = try #require(app.controller.state.currentComposer)
        #expect(composer.subject.text == "Mine" && !composer.body.text.contains("Hi "), "nothing changed")
    }

    @Test func aTemplateFillsSubjectAndBodyForTheLinkedContact() throws {
        let app = try AppFixture()
        app.templates = ["hello": "Subject: Hello {{first_name}}\n\nHi {{first_name}}, a word about {{deal}}.\n{{sender_first_name}}"]
        app.start()
        app.type(#"c "carol@acme.example" Tab C-g "hello" Enter"#)
        let composer = try #require(app.controller.state.currentComposer)
        #expect(composer.subject.text == "Hello Carol")
        #expect(composer.body.text.hasPrefix("Hi Carol, a word about Acme renewal.\nAnn"))
        #expect(app.text.contains("Filled in from template hello."))
    }

    @Test func wOnAnEmailSaysWhoseTimelineItIsOnOrWhyNone() throws {
        let app = try AppFixture()
        app.start()
        let mail = try app.store.recentMail(mailbox: app.mailbox.id, in: app.ann.scope, limit: 50)
        let digest = try #require(mail.first { $0.subject == "Weekly digest" }?.id)
        let renewal = try #require(mail.first { $0.subject == "Renewal step 0" }?.id)
        app.type("Tab Enter")
        #expect(app.controller.state.currentScreen == .conversation(ofMessage: digest))
        app.type("w")
        #expect(app.text.contains("On a timeline?") && app.text.contains("on no timeline"))
        app.type("j q j Enter")
        #expect(!app.text.contains("On a timeline?"), "any key closes it")
        #expect(app.controller.state.currentScreen == .conversation(ofMessage: renewal))
        app.type("w")
        #expect(app.text.contains("on the timeline of Carol Client"))
    }
}

import CRMCore
import Foundation
import Testing
@testable import RapportApp

/// Changing the CRM from the keyboard, as plans: contacts added, edited, merged and deleted; notes,
/// calls and meetings edited and deleted; deals moved along the pipeline.
@Suite struct CRMReducerTests {
    static let carol = Contact.testing(3, "Carol Client", "carol@acme.example")
    static let dan = Contact.testing(4, "Dan Buyer", "dan@acme.example", "dan@home.example")

    /// The contacts list with Carol and Dan, Carol selected.
    func onContacts() -> AppState {
        var state = AppState.testing(on: .contacts)
        state.reduce(.loaded(.contacts(filter: "", [.testing(Self.carol), .testing(Self.dan)])))
        return state
    }

    // MARK: contacts

    @Test func aAsksForEachFieldAndAddsTheContact() {
        var state = onContacts()
        _ = state.press("j a")
        #expect(state.prompt?.label == "New contact 1/5 · Name: ")
        _ = state.press(#""Erin Lead" Enter"#)
        #expect(state.prompt?.label == "New contact 2/5 · Addresses: ")
        _ = state.press(#""erin@lead.example, erin@home.example" Enter "Lead Co" Enter "+1 555" Enter"#)
        #expect(state.prompt?.label == "New contact 5/5 · Owner: " && state.prompt?.field.text == "ann", "owned by who adds")
        let effects = state.press("Enter")
        let draft = ContactDraft(name: "Erin Lead", emails: [EmailAddress("erin@lead.example")!, EmailAddress("erin@home.example")!],
                                 company: "Lead Co", phone: "+1 555", owner: "ann")
        #expect(effects == [.saveContact(id: nil, draft)])
        #expect(state.contactList.selected == 1, "the list stays where it was")
    }

    @Test func aContactsFieldsSayWhatToFix() {
        var state = onContacts()
        _ = state.press("a Enter")
        #expect(state.notice?.text == "A contact needs a name: type one (Esc cancels)." && state.notice?.isError == true)
        _ = state.press(#""Erin" Enter Enter"#)
        #expect(state.notice?.text == "A contact needs an address, such as ann@acme.com: type one (Esc cancels).")
        _ = state.press(#""erin@lead.example, not-an-address" Enter"#)
        #expect(state.notice?.text == "“not-an-address” is not an email address: fix it or take it out.")
        #expect(state.prompt?.label == "New contact 2/5 · Addresses: ")
    }

    @Test func escCancelsAFormWithoutMovingTheList() {
        var state = onContacts()
        _ = state.press(#"j e "Daniel" Esc"#)
        #expect(state.prompt == nil && state.contactList.selected == 1 && state.screen == .contacts)
        #expect(state.notice?.text == "Cancelled; nothing was saved.")
    }

    @Test func eEditsTheSelectedContactFromWhatItHas() {
        var state = onContacts()
        _ = state.press("j e")
        #expect(state.prompt?.label == "Edit contact 1/5 · Name: " && state.prompt?.field.text == "Dan Buyer")
        _ = state.press(#"" Jr" Enter"#)
        #expect(state.prompt?.field.text == "dan@acme.example, dan@home.example")
        let effects = state.press("Enter Enter Enter Enter")
        let draft = ContactDraft(name: "Dan Buyer Jr", emails: Self.dan.emails, company: "", phone: "", owner: "ann")
        #expect(effects == [.saveContact(id: 4, draft)])
    }

    @Test func mMarksAContactAndMergesItIntoTheNextAfterAYes() {
        var state = onContacts()
        _ = state.press("m")
        #expect(state.mergeSource == Self.carol)
        #expect(state.notice?.text == "Merging “Carol Client”: select the contact to keep, then m (Esc cancels).")
        _ = state.press("j m")
        #expect(state.prompt?.label == "Merge “Carol Client” into “Dan Buyer”? Addresses, mail, notes and deals move. (y/n) ")
        #expect(state.press("y") == [.mergeContacts(merged: 3, into: 4)])
        #expect(state.mergeSource == nil && state.prompt == nil)
    }

    @Test func escCancelsAMergeAndNoKeepsBoth() {
        var state = onContacts()
        _ = state.press("m Esc")
        #expect(state.mergeSource == nil && state.screen == .contacts && state.notice?.text == "Merge cancelled.")
        #expect(state.press("Esc").isEmpty && state.screen == .contacts, "without a merge, Esc stays on the list")
        _ = state.press("m j m")
        #expect(state.press("n").isEmpty)
        #expect(state.notice?.text == "Nothing merged.")
    }

    @Test func dDeletesTheSelectedContactOnlyAfterAYes() {
        var state = onContacts()
        _ = state.press("d")
        #expect(state.prompt?.label == "Delete “Carol Client” and their notes? Their mail stays. (y/n) ")
        #expect(state.press("n").isEmpty && state.notice?.text == "Kept “Carol Client”.")
        _ = state.press("d")
        #expect(state.press("y") == [.deleteContact(id: 3)])
    }

    // MARK: the timeline

    static let call = Activity(id: 9, teamID: 1, contactID: 3, userLogin: "ann", type: .call, direction: nil,
                               occurredAt: AppState.testNow.addingTimeInterval(-3_600), subject: nil, summary: "Pricing",
                               source: .manual, durationMinutes: 30, outcome: "voicemail")
    static let email = Activity(id: 10, teamID: 1, contactID: 3, userLogin: "ann", type: .email, direction: .incoming,
                                occurredAt: AppState.testNow, subject: "Hello", summary: "", source: .incomingEmail(5))

    /// Carol's timeline with an email and a call, the email selected.
    func onTimeline() -> AppState {
        var state = AppState.testing(on: .timeline(contactID: 3))
        state.timeZone = TimeZone(identifier: "UTC")!
        state.reduce(.loaded(.timeline(TimelineData(contact: Self.carol, deals: [], insights: ContactInsights(events: [], now: AppState.testNow),
                                                    activities: [Self.email, Self.call]))))
        return state
    }

    @Test func enterOrEOnACallEditsItWithItsDetails() {
        var state = onTimeline()
        _ = state.press("j Enter")
        #expect(state.prompt?.label == "Edit call 1/4 · Summary: " && state.prompt?.field.text == "Pricing")
        _ = state.press(#"Enter"#)
        #expect(state.prompt?.field.text == "2026-11-18 10:06")
        _ = state.press("Enter")
        #expect(state.prompt?.field.text == "30m")
        _ = state.press("C-u Enter")
        #expect(state.prompt?.field.text == "voicemail")
        let effects = state.press(#"C-u "connected" Enter"#)
        #expect(effects == [.saveActivity(ActivityDraft(id: 9, contactID: 3, type: .call, summary: "Pricing",
                                                        at: nil, durationMinutes: 0, outcome: "connected"))],
                "the time as it was, a blank duration clears it")
        _ = state.press("e")
        #expect(state.prompt?.label == "Edit call 1/4 · Summary: ")
    }

    @Test func anEmailIsNeitherEditedNorDeletedHere() {
        var state = onTimeline()
        #expect(state.press("e").isEmpty && state.prompt == nil)
        #expect(state.notice?.text == "An email keeps its own words: select a note, call or meeting to edit.")
        #expect(state.press("d").isEmpty && state.prompt == nil)
    }

    @Test func dDeletesACallAfterAYes() {
        var state = onTimeline()
        _ = state.press("j d")
        #expect(state.prompt?.label == "Delete this call? (y/n) ")
        #expect(state.press("Esc").isEmpty && state.notice?.text == "Kept the call.")
        _ = state.press("d")
        #expect(state.press("y") == [.deleteActivity(id: 9)])
    }

    // MARK: deals

    static let pilot = Deal(id: 7, teamID: 1, name: "Pilot", companyID: nil, contactID: 3, stage: "lead", valueCents: 1_000_00)
    static let renewal = Deal(id: 8, teamID: 1, name: "Renewal", companyID: nil, contactID: nil, stage: "lost", valueCents: nil)

    @Test func fiveShowsTheDealsAndAnglesMoveTheStage() {
        var state = AppState.testing(on: .mail)
        #expect(state.press("5") == [.load(.mailboxes), .load(.deals)])
        state.reduce(.loaded(.deals([PipelineStage(stage: "lead", count: 1, valueCents: 1_000_00)], [Self.pilot, Self.renewal])))
        #expect(state.press(">") == [.moveDeal(id: 7, stage: "qualified")])
        #expect(state.press("<").isEmpty, "lead is the first stage")
        #expect(state.notice?.text == "“Pilot” is at the first stage (lead).")
        _ = state.press("j")
        #expect(state.press(">").isEmpty && state.notice?.text == "“Renewal” is at the last stage (lost).")
        #expect(state.press("<") == [.moveDeal(id: 8, stage: "won")])
    }

    @Test func enterOpensADealsPageWhereTheStageMovesToo() {
        var state = AppState.testing(on: .deals)
        state.reduce(.loaded(.deals([], [Self.pilot])))
        #expect(state.press("Enter") == [.load(.mailboxes), .load(.deal(id: 7))])
        state.reduce(.loaded(.deal(DealPage(deal: Self.pilot, companyName: nil, contacts: [Self.carol],
                                            activities: [Self.call]))))
        #expect(state.press(">") == [.moveDeal(id: 7, stage: "qualified")])
        _ = state.press("n")
        #expect(state.prompt?.purpose == .form(.activity(contactID: 3, type: .note, editing: nil, zone: state.timeZone)),
                "a note goes on the deal's contact")
        _ = state.press("Esc q")
        #expect(state.screen == .deals)
    }
}

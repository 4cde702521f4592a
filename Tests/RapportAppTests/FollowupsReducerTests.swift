import CRMCore
import Foundation
import TerminalUI
import Testing
@testable import RapportApp

/// Follow-up, reminder, template and explain keys as values: which key asks for what, and what
/// each says when there is nothing to act on.
@Suite struct FollowupsReducerTests {
    private func onFollowups(_ items: [Followup]) -> AppState {
        var state = AppState.testing(on: .followups)
        state.reduce(.loaded(.followups(items, names: [:])))
        return state
    }

    private func awaiting(_ id: Int64) -> Followup {
        Followup(kind: .awaitingReply, key: .email(id), outgoingEmailID: id, contactID: 3, to: [], subject: "Plan",
                 sentAt: AppState.testNow, dueAt: AppState.testNow, daysWaiting: 4, note: nil)
    }

    @Test func dSAndRActOnTheSelectedFollowup() {
        var state = onFollowups([awaiting(7), awaiting(8)])
        #expect(state.press("j d") == [.finishFollowup(.email(8))])
        #expect(state.press("r") == [.startReply(.reply, .outgoing(8), activityID: nil)])
        #expect(state.press(#"s "tomorrow 9:00" Enter"#).count == 1)
        let effects = state.press(#"s "in 2h" Enter"#)
        #expect(effects == [.snoozeFollowup(.email(8), until: AppState.testNow.addingTimeInterval(2 * 3_600))])
    }

    @Test func aTimeThatPassedOrCannotBeReadChangesNothing() {
        var state = onFollowups([awaiting(7)])
        #expect(state.press(#"s "yesterday-ish" Enter"#).isEmpty)
        #expect(state.notice?.isError == true && state.notice?.text.contains("Could not read") == true)
        #expect(state.press(#"s "2020-01-01 10:00" Enter"#).isEmpty)
        #expect(state.notice?.text.contains("has passed") == true)
    }

    @Test func aReminderWithoutAnEmailHasNothingToReplyTo() {
        var state = onFollowups([Followup(kind: .reminder, key: .reminder(2), outgoingEmailID: nil, contactID: 3, to: [],
                                          subject: nil, sentAt: nil, dueAt: AppState.testNow, daysWaiting: 0, note: "call")])
        #expect(state.press("r").isEmpty)
        #expect(state.notice?.text == "This reminder is about no email; c writes a new one.")
    }

    @Test func rOnATimelineAsksWhenThenANote() {
        var state = AppState.testing(on: .timeline(contactID: 3))
        #expect(state.press(#"R "3d" Enter"#).isEmpty)
        #expect(state.prompt?.purpose == .remindNote(contactID: 3, at: AppState.testNow.addingTimeInterval(3 * 86_400)))
        #expect(state.press(#""ask about the budget" Enter"#)
                == [.addReminder(contactID: 3, at: AppState.testNow.addingTimeInterval(3 * 86_400), note: "ask about the budget")])
    }

    @Test func wExplainsOnlyMailThatArrived() {
        var state = AppState.testing(on: .message(.incoming(5)))
        #expect(state.press("w") == [.explain(messageID: 5)])
        state = AppState.testing(on: .message(.outgoing(5)))
        #expect(state.press("w").isEmpty && state.notice != nil)
    }

    @Test func noTemplatesSaysWhereToPutThem() {
        var state = AppState.testing(on: .composer)
        state.composer = ComposerState(from: "ann@northwind.example")
        #expect(state.press("C-g") == [.listTemplates])
        state.reduce(.templateNames([]))
        #expect(state.prompt == nil && state.notice?.text.contains("NAME.md") == true)
        state.reduce(.templateNames(["intro"]))
        #expect(state.press(#""nope" Enter"#).isEmpty && state.notice?.text.contains("no template “nope”") == true)
    }
}

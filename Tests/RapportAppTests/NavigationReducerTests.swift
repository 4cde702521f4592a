import CRMCore
import Foundation
import Testing
@testable import RapportApp

/// Going in and coming back as values: Enter goes a level down, q (and closing what was open) a level
/// up, to the pane that had the keys; only the top of Mail quits.
@Suite struct NavigationReducerTests {
    /// Mail with the mail list focused, holding one conversation from Carol (message 7).
    func onTheMailList() -> AppState {
        var state = AppState.testing(on: .mail)
        state.conversations = [.testing(1, messageIDs: [7], subject: "Terms")]
        state.mailList.count = 1
        state.focus = .secondary
        return state
    }

    @Test func leavingAMessageReturnsToTheMailListItWasOpenedFrom() {
        var state = onTheMailList()
        _ = state.press("Enter")
        #expect(state.screen == .conversation(ofMessage: 7) && state.history == [Place(screen: .mail, focus: .secondary)])
        #expect(state.press("q") == [.load(.mailboxes)])
        #expect(state.screen == .mail && state.focus == .secondary, "back on the list, not on the mailboxes")
        #expect(!state.shouldQuit)
    }

    @Test func qClimbsFromTheMailListToTheMailboxesAndOnlyThenQuits() {
        var state = onTheMailList()
        #expect(state.press("q").isEmpty)
        #expect(state.screen == .mail && state.focus == .primary && !state.shouldQuit)
        #expect(state.press("q") == [.quit])
        #expect(state.shouldQuit)
    }

    @Test("q on another tab goes to the top of Mail, not out", arguments: [Screen.outbox, .contacts])
    func qOnAnotherTabGoesToMail(screen: Screen) {
        var state = AppState.testing(on: screen)
        state.focus = .secondary
        _ = state.press("q")
        #expect(state.screen == .mail && state.focus == .primary && !state.shouldQuit)
    }

    @Test func aReplyClosedReturnsToTheMailListItCameFrom() {
        var state = onTheMailList()
        #expect(state.press("r") == [.startReply(.reply, .incoming(7), activityID: nil)])
        state.reduce(.loaded(.composer(ComposerState(from: "ann@northwind.example", to: "carol@acme.example, "))))
        #expect(state.screen == .composer)
        state.reduce(.composerClosed("Saved “Re: Terms” as a draft (Outbox, 2)."))
        #expect(state.screen == .mail && state.focus == .secondary)
    }
}

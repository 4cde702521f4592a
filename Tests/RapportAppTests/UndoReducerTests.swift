import CRMCore
import Foundation
import TerminalUI
import Testing
@testable import RapportApp

/// The undo of a send as values: the countdown on the status line for the whole window, and u that
/// pulls the email just queued back from any list, whatever the Outbox has selected.
@Suite struct UndoReducerTests {
    static let now = AppState.testNow
    let queued = OutgoingEmail.testing(4, .queued, queuedAt: AppState.testNow)

    /// `screen`, with email 4 queued just now.
    func justQueued(on screen: Screen = .mail) -> AppState {
        var state = AppState.testing(on: screen)
        state.reduce(.queued(queued))
        return state
    }

    func statusLine(_ state: AppState) -> String {
        (AppView(state: state).render().lines.last ?? "").trimmingCharacters(in: .whitespaces)
    }

    @Test func theCountdownTicksEachSecondAndStaysForTheWholeWindow() {
        var state = AppState.testing(on: .mail)
        state.notify("Saved earlier.")
        state.reduce(.queued(queued))
        #expect(state.notice == nil, "the countdown replaces what the line said")
        #expect(statusLine(state).hasPrefix("Sending “Email 4” in 10 s; u to undo"))
        for (elapsed, left) in [(1.0, 9), (3.0, 7), (5.5, 5), (8.0, 2), (9.4, 1)] {
            state.reduce(.tick(Self.now.addingTimeInterval(elapsed)))
            #expect(statusLine(state).hasPrefix("Sending “Email 4” in \(left) s; u to undo"), "after \(elapsed) s")
        }
        state.reduce(.tick(Self.now.addingTimeInterval(10)))
        #expect(state.justQueued == nil && !statusLine(state).contains("Sending"), "gone once the sender may take it")
    }

    @Test func onANarrowScreenTheSubjectGivesWayToTheSecondsAndTheKey() {
        var state = AppState.testing(on: .mail)
        state.size = TerminalSize(columns: 40, rows: 12)
        var email = queued
        email.subject = "Our renewal terms for the coming year, revised"
        state.reduce(.queued(email))
        #expect(statusLine(state) == "Sending “Our renew…” in 10 s; u to undo", "39 columns, after the leading space")
        state.size = TerminalSize(columns: 120, rows: 40)
        #expect(statusLine(state).hasPrefix("Sending “Our renewal terms for the com…” in 10 s; u to undo   "), "30 columns at most")
    }

    @Test func anErrorShowsOverTheCountdownAndAnythingElseWaits() {
        var state = justQueued()
        state.notify("Syncing now…")
        #expect(statusLine(state).hasPrefix("Sending “Email 4” in 10 s"))
        state.notify("Gmail is not answering.", isError: true)
        #expect(statusLine(state).hasPrefix("Gmail is not answering."))
    }

    @Test func whereUIsTypedTheCountdownDoesNotOfferIt() {
        var state = justQueued(on: .search)
        #expect(statusLine(state).hasPrefix("Sending “Email 4” in 10 s ") && !statusLine(state).contains("undo"))
        // One letter is a search now (issue 15): typed into the box, it asks for a search, not an undo.
        #expect(state.press("u") == [.searchAfterPause("u")] && state.searchField.text == "u" && state.justQueued != nil)
    }

    @Test("u undoes the email just queued from any list", arguments: [Screen.mail, .contacts, .timeline(contactID: 3),
                                                                        .message(.incoming(9))])
    func uFromAnyList(screen: Screen) {
        var state = justQueued(on: screen)
        #expect(state.press("u") == [.outbox(.cancel, id: 4)])
        #expect(state.justQueued == nil, "the countdown goes at once")
    }

    @Test("u in the Outbox undoes the email just queued, whichever group and email is selected",
          arguments: [OutboxStatus.draft, .queued, .sent])
    func uFromAnyOutboxGroup(group: OutboxStatus) {
        var state = justQueued(on: .outbox)
        state.outboxStatus = group
        state.reduce(.loaded(.outbox(status: group, counts: [:], [OutgoingEmail.testing(7, group)])))
        #expect(state.press("u") == [.outbox(.cancel, id: 4)])
        state.reduce(.tick(Self.now.addingTimeInterval(1)))
        if group == .queued {
            #expect(state.press("u") == [.outbox(.cancel, id: 7)], "once undone, u is the selected email's again")
        } else {
            #expect(state.press("u").isEmpty && state.notice?.isError == true)
        }
    }

    @Test func afterTheWindowUHasNothingToUndo() {
        var state = justQueued()
        state.reduce(.tick(Self.now.addingTimeInterval(11)))
        #expect(state.press("u").isEmpty)
        #expect(state.notice?.text == "Nothing to undo: u pulls back an email in the seconds after you send it.")
    }

    @Test func mailScheduledForLaterOrWithNoWindowSaysSoInstead() {
        var scheduled = AppState.testing(on: .mail)
        scheduled.timeZone = TimeZone(identifier: "UTC")!
        let later = Self.now.addingTimeInterval(7_200)
        scheduled.reduce(.queued(OutgoingEmail.testing(5, .queued, queuedAt: Self.now, sendAt: later)))
        #expect(scheduled.justQueued == nil)
        #expect(scheduled.notice?.text == "Scheduled “Email 5” for \(TimeText.long(later, zone: scheduled.timeZone)).")
        var immediate = AppState.testing(on: .mail)
        immediate.undoWindow = UndoWindow(seconds: 0)
        immediate.reduce(.queued(queued))
        #expect(immediate.justQueued == nil && immediate.notice?.text == "Sending “Email 4” now.")
    }
}

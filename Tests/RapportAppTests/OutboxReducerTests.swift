import CRMCore
import Foundation
import TerminalUI
import Testing
@testable import RapportApp

/// The outbox's keys as values: a state in, `reduce` returns the effects; no store, no controller.
@Suite struct OutboxReducerTests {
    static let now = AppState.testNow
    let reducer = Reducer()

    /// The Outbox showing `emails` under their status, the first selected.
    func outbox(_ emails: [OutgoingEmail], status: OutboxStatus) -> AppState {
        var state = AppState.testing(on: .outbox)
        state.outboxStatus = status
        state.reduce(.loaded(.outbox(status: status, counts: [status: emails.count], emails)), reducer)
        return state
    }


    // MARK: deleting

    @Test func dOnFailedMailAsksThenDeletesIt() {
        var state = outbox([OutgoingEmail.testing(7, .failed)], status: .failed)
        #expect(state.press("d").isEmpty)
        #expect(state.prompt?.purpose == .confirmDelete(outgoingID: 7, status: .failed))
        #expect(state.prompt?.label == "Delete this failed email? (y/n) ")
        #expect(state.press("y") == [.deleteOutgoing(id: 7)])
        #expect(state.prompt == nil)
    }

    @Test func anyOtherAnswerKeepsIt() {
        var state = outbox([OutgoingEmail.testing(7, .draft)], status: .draft)
        _ = state.press("d")
        #expect(state.prompt?.label == "Delete this draft? (y/n) ")
        #expect(state.press("n").isEmpty)
        #expect(state.notice?.text == "Kept the draft.")
    }

    @Test("d asks the state machine", arguments: OutboxStatus.allCases)
    func dFollowsIsDeletable(status: OutboxStatus) {
        var state = outbox([OutgoingEmail.testing(3, status)], status: status)
        _ = state.press("d")
        #expect((state.prompt != nil) == status.isDeletable)
        #expect((state.notice?.isError == true) == !status.isDeletable)
    }

    @Test func dOnQueuedMailSaysWhichKeyPullsItBack() {
        var state = outbox([OutgoingEmail.testing(3, .queued)], status: .queued)
        #expect(state.press("d").isEmpty)
        #expect(state.notice?.text == "Cannot delete this email: it is queued; press u to pull it back to drafts first.")
    }

    // MARK: moving

    @Test("every outbox key does what the state machine allows, and only that",
          arguments: [OutboxAction.queue, .cancel, .retry], OutboxStatus.allCases)
    func keysFollowTheStateMachine(action: OutboxAction, status: OutboxStatus) {
        let key = ["queue": "s", "cancel": "u", "retry": "t"][action.rawValue]!
        var state = outbox([OutgoingEmail.testing(5, status)], status: status)
        let effects = state.press(key)
        switch action.move(from: status) {
        case .success:
            #expect(effects == [.outbox(action, id: 5)])
            #expect(state.notice == nil)
        case .failure(let refusal):
            #expect(effects.isEmpty)
            #expect(state.notice?.text == refusal.text(keys: reducer.keymap))
            #expect(state.notice?.isError == true)
        }
    }

    @Test func eReopensADraftAndReopensFailedMailThroughTheStateMachine() {
        var draft = outbox([OutgoingEmail.testing(1, .draft)], status: .draft)
        #expect(draft.press("e") == [.reopenDraft(id: 1)])
        var failed = outbox([OutgoingEmail.testing(2, .failed)], status: .failed)
        #expect(failed.press("e") == [.outbox(.edit, id: 2), .reopenDraft(id: 2)])
        var queued = outbox([OutgoingEmail.testing(3, .queued)], status: .queued)
        #expect(queued.press("e").isEmpty)
        #expect(queued.notice?.text == "Cannot edit this email: it is queued; press u to pull it back to drafts first.")
    }

    @Test func refusalsNameTheKeysThatHelp() {
        var failed = outbox([OutgoingEmail.testing(2, .failed)], status: .failed)
        _ = failed.press("u")
        #expect(failed.notice?.text == "Cannot undo this email: it has failed; press t to retry or press d to delete it.")
        var draft = outbox([OutgoingEmail.testing(1, .draft)], status: .draft)
        _ = draft.press("t")
        #expect(draft.notice?.text == "Cannot retry this email: it is a draft, which has not failed; press s to send it.")
    }

    @Test("no key acts without an email selected", arguments: ["s", "u", "t", "e", "d", "Enter"])
    func keysNeedASelection(key: String) {
        var state = outbox([], status: .queued)
        #expect(state.press(key).isEmpty)
        #expect(state.prompt == nil)
        if key != "Enter" {
            #expect(state.notice?.text == "Select an email first (j/k), or switch status with h/l.")
        }
    }

    // MARK: status groups

    @Test func lAndHGoThroughTheStatusGroupsAndRoundAgain() {
        var state = outbox([OutgoingEmail.testing(1, .draft), OutgoingEmail.testing(2, .draft)], status: .draft)
        _ = state.press("j")
        #expect(state.press("l") == [.load(.outbox(.queued))])
        #expect(state.outboxStatus == .queued && state.outbox.isEmpty)
        #expect(state.outboxList.selected == 0 && state.outboxList.count == 0 && state.statusHistory.isEmpty)
        #expect(state.press("h h") == [.load(.outbox(.draft)), .load(.outbox(.failed))], "before drafts come failed")
        #expect(state.press("] → [ ←") == [.load(.outbox(.draft)), .load(.outbox(.queued)),
                                              .load(.outbox(.draft)), .load(.outbox(.failed))])
    }

    @Test func rowsForAnotherGroupOnlyUpdateTheCounts() {
        var state = outbox([OutgoingEmail.testing(1, .draft)], status: .draft)
        let counts: [OutboxStatus: Int] = [.draft: 1, .failed: 2]
        let effects = state.reduce(.loaded(.outbox(status: .failed, counts: counts,
                                                   [OutgoingEmail.testing(5, .failed), OutgoingEmail.testing(6, .failed)])))
        #expect(effects.isEmpty)
        #expect(state.outboxCounts == counts && state.outbox.map(\.id) == [1])
    }

    @Test func theSelectedEmailsHistoryIsReadWithItsRows() {
        var state = AppState.testing(on: .outbox)
        let effects = state.reduce(.loaded(.outbox(status: .draft, counts: [.draft: 1], [OutgoingEmail.testing(4, .draft)])))
        #expect(effects == [.load(.statusHistory(outgoingID: 4))])
        let created = StatusChange(from: nil, to: .draft, at: Self.now, by: "ann", error: nil)
        state.reduce(.loaded(.statusHistory(outgoingID: 9, [created])))
        #expect(state.statusHistory.isEmpty, "the history of an email no longer selected is dropped")
        state.reduce(.loaded(.statusHistory(outgoingID: 4, [created])))
        #expect(state.statusHistory == [created])
        #expect(state.reduce(.loaded(.outbox(status: .draft, counts: [:], []))).isEmpty)
        #expect(state.statusHistory.isEmpty, "no email, no history")
    }

    @Test func movingTheSelectionReadsTheNewOnesHistory() {
        var state = outbox([OutgoingEmail.testing(1, .sent), OutgoingEmail.testing(2, .sent)], status: .sent)
        #expect(state.press("j") == [.load(.statusHistory(outgoingID: 2))])
        #expect(state.press("j G").isEmpty, "already at the bottom")
        #expect(state.press("g") == [.load(.statusHistory(outgoingID: 1))])
    }

    // MARK: opening

    @Test("Enter reopens what can be edited and shows the rest", arguments: OutboxStatus.allCases)
    func enterOpens(status: OutboxStatus) {
        var state = outbox([OutgoingEmail.testing(6, status)], status: status)
        let effects = state.press("Enter")
        if status.isEditable {
            #expect(effects == [.reopenDraft(id: 6)])
            #expect(state.screen == .outbox, "the composer opens once the draft is read")
        } else {
            #expect(effects == [.load(.mailboxes), .load(.message(.outgoing(6)))])
            #expect(state.screen == .message(.outgoing(6)) && state.history == [Place(screen: .outbox)])
            #expect(state.message == nil && state.messageScroll == 0)
        }
    }

    // MARK: the undo countdown

    @Test func theCountdownRunsFromWhenTheEmailWasQueued() {
        // Changed (requeued by the sender, say) after it was queued: the window still counts from queuedAt.
        let email = OutgoingEmail.testing(4, .queued, queuedAt: Self.now, updatedAt: Self.now.addingTimeInterval(5))
        var state = outbox([email], status: .queued)
        let view = { (state: AppState) in OutboxView(state: state).detail(email).0 }
        #expect(view(state) == "sends in 10s · u undo")
        _ = reducer.reduce(&state, .tick(Self.now.addingTimeInterval(3)))
        #expect(view(state) == "sends in 7s · u undo")
        _ = reducer.reduce(&state, .tick(Self.now.addingTimeInterval(9.2)))
        #expect(view(state) == "sends in 1s · u undo")
        _ = reducer.reduce(&state, .tick(Self.now.addingTimeInterval(10)))
        #expect(view(state) == "waiting to send")
    }

    @Test func theCountdownFollowsTheConfiguredWindow() {
        let email = OutgoingEmail.testing(4, .queued, queuedAt: Self.now)
        var state = outbox([email], status: .queued)
        state.undoWindow = UndoWindow(seconds: 30)
        _ = reducer.reduce(&state, .tick(Self.now.addingTimeInterval(12)))
        #expect(OutboxView(state: state).detail(email).0 == "sends in 18s · u undo")
        state.undoWindow = UndoWindow(seconds: 0)
        #expect(OutboxView(state: state).detail(email).0 == "waiting to send")
    }

    @Test func mailWithNoQueueTimeHasNoCountdown() {
        let email = OutgoingEmail.testing(4, .queued, queuedAt: nil, updatedAt: Self.now)
        let state = outbox([email], status: .queued)
        #expect(OutboxView(state: state).detail(email).0 == "waiting to send")
    }

    @Test func uWithinTheWindowPullsItBack() {
        var state = outbox([OutgoingEmail.testing(4, .queued, queuedAt: Self.now)], status: .queued)
        _ = reducer.reduce(&state, .tick(Self.now.addingTimeInterval(4)))
        #expect(state.press("u") == [.outbox(.cancel, id: 4)])
    }
}

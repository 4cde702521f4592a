import CRMCore
import Foundation
import TerminalUI
import Testing
@testable import RapportApp

/// The outbox's keys as values: a state in, `reduce` returns the effects; no store, no controller.
@Suite struct OutboxReducerTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let ann = User(id: 1, login: "ann", name: "Ann Lee", teamID: 1, isAdmin: false)
    let reducer = Reducer()

    static func email(_ id: Int64, _ status: OutboxStatus, queuedAt: Date? = nil, updatedAt: Date = now,
                      sendAt: Date? = nil) -> OutgoingEmail {
        OutgoingEmail(id: id, teamID: 1, mailboxID: 1, from: EmailAddress("ann@northwind.example")!, authorLogin: "ann",
                      to: [EmailAddress("carol@acme.example")!], cc: [], bcc: [], subject: "Email \(id)",
                      bodyText: "Body", link: nil, replyToActivityID: nil, status: status, sendAt: sendAt, attempts: 0,
                      nextAttemptAt: nil, lastError: status == .failed ? "Gmail said no" : nil, messageID: nil,
                      gmailID: nil, threadID: nil, attachments: [], createdAt: now.addingTimeInterval(-600),
                      updatedAt: updatedAt, queuedAt: queuedAt)
    }

    /// The Outbox showing `emails` under their status, the first selected.
    func outbox(_ emails: [OutgoingEmail], status: OutboxStatus) -> AppState {
        var state = AppState(user: Self.ann, size: TerminalSize(columns: 80, rows: 24), now: Self.now)
        state.screen = .outbox
        state.outboxStatus = status
        _ = reducer.reduce(&state, .loaded(.outbox(status: status, counts: [status: emails.count], emails)))
        return state
    }

    func press(_ keys: String, _ state: inout AppState) -> [Effect] {
        Key.script(keys).flatMap { reducer.reduce(&state, .key($0)) }
    }

    // MARK: deleting

    @Test func dOnFailedMailAsksThenDeletesIt() {
        var state = outbox([Self.email(7, .failed)], status: .failed)
        #expect(press("d", &state).isEmpty)
        #expect(state.prompt?.purpose == .confirmDelete(outgoingID: 7, status: .failed))
        #expect(state.prompt?.label == "Delete this failed email? (y/n) ")
        #expect(press("y", &state) == [.deleteOutgoing(id: 7)])
        #expect(state.prompt == nil)
    }

    @Test func anyOtherAnswerKeepsIt() {
        var state = outbox([Self.email(7, .draft)], status: .draft)
        _ = press("d", &state)
        #expect(state.prompt?.label == "Delete this draft? (y/n) ")
        #expect(press("n", &state).isEmpty)
        #expect(state.notice?.text == "Kept the draft.")
    }

    @Test("d asks the state machine", arguments: OutboxStatus.allCases)
    func dFollowsIsDeletable(status: OutboxStatus) {
        var state = outbox([Self.email(3, status)], status: status)
        _ = press("d", &state)
        #expect((state.prompt != nil) == status.isDeletable)
        #expect((state.notice?.isError == true) == !status.isDeletable)
    }

    @Test func dOnQueuedMailSaysWhichKeyPullsItBack() {
        var state = outbox([Self.email(3, .queued)], status: .queued)
        #expect(press("d", &state).isEmpty)
        #expect(state.notice?.text == "Cannot delete this email: it is queued; press u to pull it back to drafts first.")
    }

    // MARK: moving

    @Test("every outbox key does what the state machine allows, and only that",
          arguments: [OutboxAction.queue, .cancel, .retry], OutboxStatus.allCases)
    func keysFollowTheStateMachine(action: OutboxAction, status: OutboxStatus) {
        let key = ["queue": "s", "cancel": "u", "retry": "t"][action.rawValue]!
        var state = outbox([Self.email(5, status)], status: status)
        let effects = press(key, &state)
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
        var draft = outbox([Self.email(1, .draft)], status: .draft)
        #expect(press("e", &draft) == [.reopenDraft(id: 1)])
        var failed = outbox([Self.email(2, .failed)], status: .failed)
        #expect(press("e", &failed) == [.outbox(.edit, id: 2), .reopenDraft(id: 2)])
        var queued = outbox([Self.email(3, .queued)], status: .queued)
        #expect(press("e", &queued).isEmpty)
        #expect(queued.notice?.text == "Cannot edit this email: it is queued; press u to pull it back to drafts first.")
    }

    @Test func refusalsNameTheKeysThatHelp() {
        var failed = outbox([Self.email(2, .failed)], status: .failed)
        _ = press("u", &failed)
        #expect(failed.notice?.text == "Cannot undo this email: it has failed; press t to retry or press d to delete it.")
        var draft = outbox([Self.email(1, .draft)], status: .draft)
        _ = press("t", &draft)
        #expect(draft.notice?.text == "Cannot retry this email: it is a draft, which has not failed; press s to send it.")
    }

    // MARK: the undo countdown

    @Test func theCountdownRunsFromWhenTheEmailWasQueued() {
        // Changed (requeued by the sender, say) after it was queued: the window still counts from queuedAt.
        let email = Self.email(4, .queued, queuedAt: Self.now, updatedAt: Self.now.addingTimeInterval(5))
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
        let email = Self.email(4, .queued, queuedAt: Self.now)
        var state = outbox([email], status: .queued)
        state.undoWindow = UndoWindow(seconds: 30)
        _ = reducer.reduce(&state, .tick(Self.now.addingTimeInterval(12)))
        #expect(OutboxView(state: state).detail(email).0 == "sends in 18s · u undo")
        state.undoWindow = UndoWindow(seconds: 0)
        #expect(OutboxView(state: state).detail(email).0 == "waiting to send")
    }

    @Test func mailWithNoQueueTimeHasNoCountdown() {
        let email = Self.email(4, .queued, queuedAt: nil, updatedAt: Self.now)
        let state = outbox([email], status: .queued)
        #expect(OutboxView(state: state).detail(email).0 == "waiting to send")
    }

    @Test func uWithinTheWindowPullsItBack() {
        var state = outbox([Self.email(4, .queued, queuedAt: Self.now)], status: .queued)
        _ = reducer.reduce(&state, .tick(Self.now.addingTimeInterval(4)))
        #expect(press("u", &state) == [.outbox(.cancel, id: 4)])
    }
}

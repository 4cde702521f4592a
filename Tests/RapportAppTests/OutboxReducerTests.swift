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

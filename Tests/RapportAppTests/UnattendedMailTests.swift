import CRMCore
import Foundation
import TerminalUI
import Testing
@testable import RapportApp

/// The status line warns when queued mail waits in mailboxes no `rapport sync` daemon serves, and
/// says nothing of it otherwise; it shows on the Outbox, where that mail is, and a notice goes first.
@Suite struct UnattendedMailTests {
    func statusLine(_ state: AppState) -> String {
        (AppView(state: state).render().lines.last ?? "").trimmingCharacters(in: .whitespaces)
    }

    @Test func queuedMailWithoutADaemonIsWarnedOf() {
        var state = AppState.testing(on: .mail)
        state.reduce(.loaded(.mailboxes([], unattendedQueued: 2)))
        #expect(!statusLine(state).contains("No sync daemon"), "the Mail screen keeps its hints")
        state = AppState.testing(on: .outbox)
        state.reduce(.loaded(.mailboxes([], unattendedQueued: 0)))
        #expect(!statusLine(state).contains("No sync daemon"))
        state.reduce(.loaded(.mailboxes([], unattendedQueued: 2)))
        #expect(statusLine(state).hasPrefix("No sync daemon: 2 queued emails wait for Rapport"))
        state.notify("Saved.")
        #expect(statusLine(state).hasPrefix("Saved."))
        state.notice = nil
        state.reduce(.loaded(.mailboxes([], unattendedQueued: 1)))
        #expect(statusLine(state).hasPrefix("No sync daemon: 1 queued email waits for Rapport"))
        state.reduce(.loaded(.mailboxes([], unattendedQueued: 0)))
        #expect(!statusLine(state).contains("No sync daemon"))
    }
}

import CRMCore
import Foundation
import TerminalUI

/// Draws the whole screen from the state: the header with tabs, the screen's panes, the status
/// line (or the prompt), and the help on top. Pure: the same state always gives the same frame.
public struct AppView {
    let state: AppState
    let keymap: Keymap

    public init(state: AppState, keymap: Keymap = .standard) {
        self.state = state
        self.keymap = keymap
    }

    /// The frame for the state's terminal size.
    public func render() -> ScreenBuffer {
        var buffer = ScreenBuffer(size: state.size)
        guard state.size.columns >= 20, state.size.rows >= 5 else {
            buffer.write("Rapport needs 20×5", x: 0, y: 0, role: .warning)
            return buffer
        }
        let (header, rest) = buffer.bounds.splitTop(1)
        let errorLines = errorNoticeLines(width: rest.width)
        // A prompt's hint (the names Tab found) takes the row above it.
        let (body, status) = rest.splitBottom(state.prompt?.hint != nil ? 2 : max(1, errorLines.count))
        drawHeader(into: &buffer, rect: header)
        switch state.screen {
        case .mail: MailView(state: state).render(into: &buffer, rect: body)
        case .outbox: OutboxView(state: state).render(into: &buffer, rect: body)
        case .contacts: ContactsView(state: state).render(into: &buffer, rect: body)
        case .timeline: TimelineView(state: state).render(into: &buffer, rect: body)
        case .message: MessageView(state: state).render(into: &buffer, rect: body)
        case .conversation: ConversationView(state: state).render(into: &buffer, rect: body)
        case .search: SearchView(state: state).render(into: &buffer, rect: body)
        case .composer: ComposerView(state: state).render(into: &buffer, rect: body)
        case .deals: DealsView(state: state).render(into: &buffer, rect: body)
        case .deal: DealView(state: state).render(into: &buffer, rect: body)
        case .followups: FollowupsView(state: state).render(into: &buffer, rect: body)
        }
        if errorLines.count > 1 {
            for (index, line) in errorLines.enumerated() {
                StatusLine.error(line).render(into: &buffer, rect: status.row(index))
            }
        } else {
            drawStatus(into: &buffer, rect: status)
        }
        if let explanation = state.explanation { drawExplanation(explanation, into: &buffer, area: rest) }
        if state.helpVisible { drawHelp(into: &buffer, area: rest) }
        return buffer
    }

    /// What a screen shows while its data is still being read.
    static func drawLoading(into buffer: inout ScreenBuffer, rect: Rect) {
        buffer.write(" Loading…", x: rect.x, y: rect.y, role: .dim)
    }

    // MARK: header

    private func drawHeader(into buffer: inout ScreenBuffer, rect: Rect) {
        buffer.fill(rect, role: .statusLine)
        // Narrower, the titles shorten (to one letter under 50 columns) so every tab and the count fit;
        // where they still would not all fit after the name, the name goes (every tab has its number key).
        let titleLength = rect.width < 50 ? 1 : rect.width < 70 ? 4 : Int.max
        let tabs = Tab.allCases.map { tab in
            let count = tab == .followups && state.dueFollowups > 0 ? " \(state.dueFollowups)" : ""
            return (tab, " \(tab.rawValue) \(tab.title.prefix(titleLength))\(count) ")
        }
        var x = rect.x
        if TextWidth.of(" Rapport ") + tabs.map({ TextWidth.of($0.1) }).reduce(0, +) <= rect.width {
            x += buffer.write(" Rapport ", x: rect.x, y: rect.y, role: .title)
        }
        for (tab, text) in tabs {
            x += buffer.write(text, x: x, y: rect.y, role: tab == state.screen.tab ? .selection : .statusLine, limit: rect.maxX)
        }
        let who = "\(state.user.name) "
        let width = TextWidth.of(who)
        if x + width + 1 <= rect.maxX { buffer.write(who, x: rect.maxX - width, y: rect.y, role: .statusLine) }
    }

    // MARK: status line

    /// An error notice too long for the status line is wrapped onto up to three rows, taken from
    /// the screen above it while the notice lasts, so what to do is never cut off. Nil when the
    /// notice fits on one row beside the sync summary (or there is none, or a prompt is open).
    private func errorNoticeLines(width: Int) -> [String] {
        guard state.prompt == nil, let notice = state.notice, notice.isError else { return [] }
        let text = SafeText.line(notice.text)
        guard 1 + TextWidth.of(text) + 1 + TextWidth.of(syncSummary()) > width else { return [] }
        let lines = TextWrap.wrap(text, width: max(1, width - 2)).map { " " + $0 }
        guard lines.count > 3 else { return lines }
        return Array(lines.prefix(2)) + [TextWidth.truncate(lines[2...].joined(), to: width)]
    }

    private func drawStatus(into buffer: inout ScreenBuffer, rect: Rect) {
        if let prompt = state.prompt {
            var rect = rect
            if let hint = prompt.hint, rect.height > 1 {
                buffer.write(padded: " " + TextWidth.truncate(hint, to: max(0, rect.width - 2)), x: rect.x, y: rect.y,
                             columns: rect.width, role: .overlay)
                rect = rect.row(rect.height - 1)
            }
            buffer.fill(rect, role: .statusLine)
            let used = buffer.write(prompt.label, x: rect.x, y: rect.y, role: .statusLine)
            if prompt.takesText {
                let field = Rect(x: rect.x + used, y: rect.y, width: rect.width - used, height: 1)
                buffer.cursor = prompt.field.render(into: &buffer, rect: field, focused: true)
            }
            return
        }
        let right = syncSummary()
        // The undo countdown stays for its whole window; only an error shows over it.
        if let notice = state.notice, notice.isError || state.justQueued == nil {
            StatusLine(left: " " + notice.text, right: right, isError: notice.isError).render(into: &buffer, rect: rect)
        } else if let queued = state.justQueued {
            // The seconds and the key matter for these few seconds more than the sync state.
            let text = " " + countdown(queued, width: rect.width - 1)
            let room = TextWidth.of(text) + 1 + TextWidth.of(right) <= rect.width
            StatusLine(left: text, right: room ? right : "").render(into: &buffer, rect: rect)
        } else if state.unattendedQueued > 0, state.screen == .outbox {
            let count = state.unattendedQueued
            StatusLine(left: " No sync daemon: \(count) queued email\(count == 1 ? "" : "s") wait\(count == 1 ? "s" : "") "
                       + "for Rapport to run (rapport service install)", right: right, isError: true)
                .render(into: &buffer, rect: rect)
        } else {
            StatusLine(left: " " + hints(), right: right).render(into: &buffer, rect: rect)
        }
    }

    /// The most useful keys for the screen, shortest first to go.
    private func hints() -> String {
        switch state.screen {
        case .mail:
            guard state.focus == .secondary else {
                return "Enter open · r/a/f reply/all/fwd · c compose · ? help · / search · Tab pane · q quit"
            }
            return "Enter open · v view · r/a/f reply/all/fwd · ? help · q back · e archive · # trash · U unread · z undo"
        case .outbox: return "h/l status · s send · u undo · t retry · e edit · d delete · ? help"
        case .contacts:
            if state.filterFocused { return "type to filter · Enter/Esc done" }
            if state.mergeSource != nil { return "j/k choose who to keep · m merge into them · Esc cancel" }
            return state.showingGoingCold ? "Enter timeline · f filter · C every contact · R remind · c compose · ? help"
                : "Enter timeline · a add · e edit · m merge · d delete · R remind · f filter · C cold · ? help"
        case .timeline:
            return "Enter open · n/L/M note/call/meeting · e edit · d delete · E contact · R remind · r/a/f reply · q back"
        case .conversation:
            return "n/p message · o quotes · r/a/f reply/all/fwd · w why · q back · e archive · # trash · U unread · z undo"
        case .deals: return "Enter open · >/< stage · j/k move · ? help · q back"
        case .deal: return "Enter open · >/< stage · n note · L call · M meeting · e/d edit/delete · q back"
        case .message: return "j/k scroll · r/a/f reply/all/fwd · w why · q back · e archive · # trash · U unread · z undo"
        case .search: return "type to search · ↑/↓ choose · Enter open · Esc back"
        case .composer:
            return "C-s send · Esc keep draft · C-d discard · C-o attach · C-t link · C-g template · C-l later · C-x $EDITOR · Tab field"
        case .followups: return "d done · s snooze · r reply · Enter timeline · c compose · ? help · q back"
        }
    }

    /// "Sending “Terms” in 7 s; u to undo" in `width` columns, the subject cut to fit (to 30 at most);
    /// the key only where it is not typed as text.
    func countdown(_ queued: JustQueued, width: Int) -> String {
        let seconds = max(1, Int(queued.until.timeIntervalSince(state.now).rounded(.up)))
        let typing = state.screen == .composer || state.screen == .search || (state.screen == .contacts && state.filterFocused)
        let undo = typing ? "" : keymap.key(for: .undoSend, in: .global).map { "; \($0) to undo" } ?? ""
        let rest = " in \(seconds) s" + undo
        let room = width - TextWidth.of("Sending “”" + rest)
        return "Sending “\(TextWidth.truncate(queued.subject, to: max(4, min(30, room))))”" + rest
    }

    /// What sync is doing, for the right end of the status line.
    func syncSummary() -> String {
        if let (account, progress) = state.progress.sorted(by: { $0.key < $1.key }).first {
            let phase = progress.phase == .full ? "fetching" : progress.phase == .send ? "sending" : "syncing"
            let counts = progress.total > 0 ? " \(progress.done)/\(progress.total)" : ""
            return "⟳ \(Self.shortAccount(account)) \(phase)\(counts) "
        }
        if let broken = state.mailboxes.first(where: { $0.state == .needsLogin || $0.state == .error }) {
            return "⚠ \(Self.shortAccount(broken.email.value)) \(broken.state == .needsLogin ? "needs sign-in" : "sync error") "
        }
        let synced = state.mailboxes.compactMap(\.lastSyncAt)
        if let oldest = synced.min() { return "✓ synced \(TimeText.ago(oldest, now: state.now)) " }
        return state.mailboxes.isEmpty ? "no mailbox connected " : ""
    }

    static func shortAccount(_ address: String) -> String {
        String(address.split(separator: "@").first ?? Substring(address))
    }

    // MARK: overlays

    /// `w` on an email: the verdict, then what the contact policy says of each address on it.
    private func drawExplanation(_ explanation: TimelineExplanation, into buffer: inout ScreenBuffer, area: Rect) {
        var lines = ["This email is " + SafeText.line(explanation.verdict) + "."]
        if explanation.isInBin { lines.append("It is in Trash or Spam: kept off timelines until it leaves.") }
        if explanation.automation.isAutomated { lines.append("It is bulk or automatic mail: it makes no contacts.") }
        for entry in explanation.entries where entry.madeFromThisMessage {
            lines.append("\(SafeText.line(entry.contactName)) was made a contact from this email.")
        }
        if !explanation.addresses.isEmpty { lines.append("") }
        for decision in explanation.addresses {
            lines.append("\(SafeText.line(decision.address.value)) (\(decision.role.rawValue)): \(SafeText.line(decision.reason))")
        }
        lines += ["", "Any key closes this."]
        let width = max(10, area.width - 6)
        Overlay(title: "On a timeline?", lines: lines.flatMap { $0.isEmpty ? [""] : TextWrap.wrap($0, width: width) }, scroll: 0)
            .render(into: &buffer, area: area)
    }

    // MARK: help

    private func drawHelp(into buffer: inout ScreenBuffer, area: Rect) {
        var contexts = Reducer(keymap: keymap).contexts(for: state)
        contexts.append(.always)
        var lines: [String] = []
        for section in keymap.help(for: contexts) {
            if !lines.isEmpty { lines.append("") }
            lines.append(section.title)
            let width = min(14, section.entries.map { TextWidth.of($0.keys) }.max() ?? 0)
            for entry in section.entries {
                lines.append("  " + TextWidth.pad(entry.keys, to: width) + "  " + entry.summary)
            }
        }
        lines += ["", "Any other key closes this help."]
        Overlay(title: "Keys", lines: lines, scroll: state.helpScroll).render(into: &buffer, area: area)
    }
}

import CRMCore
import Foundation
import TerminalUI

/// The Outbox: status groups with counts, the emails of the chosen status (with countdowns,
/// schedules and errors), and the selected email's status history.
struct OutboxView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        let groupsWidth = rect.width < 60 ? 0 : 16
        let (groups, rest) = rect.splitLeft(groupsWidth)
        if groupsWidth > 0 { statusGroups(into: &buffer, rect: groups) }
        let historyHeight = rest.height >= 16 ? min(8, max(4, state.statusHistory.count + 2)) : 0
        let (list, history) = rest.splitBottom(historyHeight)
        emails(into: &buffer, rect: list, showStatusInTitle: groupsWidth == 0)
        if historyHeight > 0 { self.history(into: &buffer, rect: history) }
    }

    private func statusGroups(into buffer: inout ScreenBuffer, rect: Rect) {
        let inner = Frame(title: "Status").render(into: &buffer, rect: rect)
        for (row, status) in OutboxStatus.allCases.enumerated() where row < inner.height {
            let count = state.outboxCounts[status] ?? 0
            let label = Self.title(status)
            let number = String(count)
            let line = TextWidth.pad(" " + label, to: max(0, inner.width - TextWidth.of(number) - 1)) + number
            let selected = status == state.outboxStatus
            buffer.write(padded: line, x: inner.x, y: inner.y + row, columns: inner.width,
                         role: selected ? .selection : Self.role(status))
        }
        if inner.height > OutboxStatus.allCases.count + 1 {
            buffer.write(" h/l change", x: inner.x, y: inner.y + OutboxStatus.allCases.count + 1, role: .dim,
                         limit: inner.maxX)
        }
    }

    private func emails(into buffer: inout ScreenBuffer, rect: Rect, showStatusInTitle: Bool) {
        let count = state.outboxCounts[state.outboxStatus] ?? state.outbox.count
        let title = "\(Self.title(state.outboxStatus)) (\(count))" + (showStatusInTitle ? " · h/l" : "")
        let inner = Frame(title: title, focused: true).render(into: &buffer, rect: rect)
        guard !inner.isEmpty else { return }
        if state.outbox.isEmpty {
            buffer.write(Self.empty(state.outboxStatus), x: inner.x + 1, y: inner.y, role: .dim, limit: inner.maxX)
            return
        }
        let whenWidth = min(30, max(12, inner.width / 3))
        let toWidth = min(24, max(8, inner.width / 4))
        state.outboxList.render(into: &buffer, rect: inner) { buffer, index, row, _ in
            let email = state.outbox[index]
            var x = row.x + 1
            let to = email.to.first.map { $0.value + (email.allRecipients.count > 1 ? " +\(email.allRecipients.count - 1)" : "") }
                ?? "(no recipient)"
            buffer.write(padded: to, x: x, y: row.y, columns: toWidth, role: .normal)
            x += toWidth + 1
            let subjectWidth = max(0, row.maxX - x - whenWidth - 1)
            buffer.write(padded: SafeText.line(email.subject.isEmpty ? "(no subject)" : email.subject), x: x, y: row.y,
                         columns: subjectWidth)
            let (when, role) = detail(email)
            buffer.write(padded: when, x: row.maxX - whenWidth, y: row.y, columns: whenWidth, role: role)
        }
    }

    /// The right-hand column of a row: when it goes, when it went, or why it failed.
    func detail(_ email: OutgoingEmail) -> (String, Role) {
        let now = state.now
        switch email.status {
        case .draft:
            return ("edited " + TimeText.short(email.updatedAt, now: now, zone: state.timeZone), .outboxDraft)
        case .queued:
            if let sendAt = email.sendAt, sendAt > now {
                return ("at \(TimeText.upcoming(sendAt, now: now, zone: state.timeZone)) (in \(TimeText.duration(sendAt.timeIntervalSince(now))))",
                        .outboxQueued)
            }
            if let retry = email.nextAttemptAt, retry > now {
                return ("retry in \(TimeText.duration(retry.timeIntervalSince(now))) (try \(email.attempts + 1))", .warning)
            }
            if state.undoWindow.isOpen(for: email, at: now) {
                let left = TimeText.duration(state.undoWindow.secondsLeft(for: email, at: now))
                return ("sends in \(left) · u undo", .outboxQueued)
            }
            return ("waiting to send", .outboxQueued)
        case .sending:
            return ("sending…", .outboxSending)
        case .sent:
            return ("sent " + TimeText.short(email.updatedAt, now: now, zone: state.timeZone), .outboxSent)
        case .failed:
            return (SafeText.line(email.lastError ?? "failed"), .outboxFailed)
        }
    }

    private func history(into buffer: inout ScreenBuffer, rect: Rect) {
        let inner = Frame(title: "History").render(into: &buffer, rect: rect)
        guard !inner.isEmpty else { return }
        guard state.selectedOutgoing != nil else {
            buffer.write("Select an email to see its history.", x: inner.x + 1, y: inner.y, role: .dim, limit: inner.maxX)
            return
        }
        var lines: [(String, Role)] = []
        for change in state.statusHistory {
            let from = change.from.map { $0.rawValue + " → " } ?? ""
            lines.append(("\(TimeText.short(change.at, now: state.now, zone: state.timeZone))  \(from)\(change.to.rawValue)  by \(change.by)",
                          Self.role(change.to)))
            if let error = change.error, !error.isEmpty {
                lines += TextWrap.wrap(SafeText.line(error), width: max(1, inner.width - 5)).map { ("   " + $0, Role.error) }
            }
        }
        for (row, line) in lines.suffix(inner.height).enumerated() {
            buffer.write(padded: " " + line.0, x: inner.x, y: inner.y + row, columns: inner.width, role: line.1)
        }
    }

    static func title(_ status: OutboxStatus) -> String {
        switch status {
        case .draft: return "Drafts"
        case .queued: return "Queued"
        case .sending: return "Sending"
        case .sent: return "Sent"
        case .failed: return "Failed"
        }
    }

    static func role(_ status: OutboxStatus) -> Role {
        switch status {
        case .draft: return .outboxDraft
        case .queued: return .outboxQueued
        case .sending: return .outboxSending
        case .sent: return .outboxSent
        case .failed: return .outboxFailed
        }
    }

    static func empty(_ status: OutboxStatus) -> String {
        switch status {
        case .draft: return "No drafts. Press c to write an email."
        case .queued: return "Nothing waiting to go out."
        case .sending: return "Nothing is being sent right now."
        case .sent: return "Nothing sent yet."
        case .failed: return "Nothing failed."
        }
    }
}

import CRMCore
import Foundation
import TerminalUI

/// The Mail screen: connected mailboxes with their sync state on the left, the selected one's
/// newest mail on the right. Narrow terminals show only the pane that has the keys.
struct MailView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        if rect.width < 70 {
            if state.focus == .primary { mailboxes(into: &buffer, rect: rect) } else { mail(into: &buffer, rect: rect) }
            return
        }
        let (left, right) = rect.splitLeft(min(36, rect.width / 3))
        mailboxes(into: &buffer, rect: left)
        mail(into: &buffer, rect: right)
    }

    private func mailboxes(into buffer: inout ScreenBuffer, rect: Rect) {
        let inner = Frame(title: "Mailboxes", focused: state.focus == .primary).render(into: &buffer, rect: rect)
        guard !inner.isEmpty else { return }
        if state.mailboxes.isEmpty {
            let lines = ["No Gmail account connected.", "", "Connect one in a shell:", "rapport account add",
                         "  you@company.com"]
            for (row, line) in lines.enumerated() where row < inner.height {
                buffer.write(line, x: inner.x + 1, y: inner.y + row, role: row == 0 ? .normal : .dim, limit: inner.maxX)
            }
            return
        }
        let listHeight = min(state.mailboxes.count, max(1, inner.height - 6))
        let (list, details) = inner.splitTop(listHeight)
        state.mailboxList.render(into: &buffer, rect: list, focused: state.focus == .primary) { index in
            let mailbox = state.mailboxes[index]
            return (" " + mailbox.email.value, Self.role(mailbox.state))
        }
        if let mailbox = state.selectedMailbox { detail(mailbox, into: &buffer, rect: details) }
    }

    /// The selected mailbox: its state, last sync, progress and the last error with what to do.
    private func detail(_ mailbox: Mailbox, into buffer: inout ScreenBuffer, rect: Rect) {
        guard rect.height >= 2 else { return }
        var lines: [(String, Role)] = [("", .normal)]
        if let progress = state.progress[mailbox.email.value] {
            lines.append(("Syncing: \(Self.phase(progress.phase))", .statusBusy))
            lines.append((Self.bar(done: progress.done, total: progress.total, width: rect.width - 2), .progress))
        } else {
            lines.append((Self.describe(mailbox.state), Self.role(mailbox.state)))
        }
        if let synced = mailbox.lastSyncAt {
            lines.append(("Last sync: \(TimeText.ago(synced, now: state.now))", .dim))
        } else {
            lines.append(("Not synced yet", .dim))
        }
        if let error = mailbox.lastError, !error.isEmpty {
            lines += TextWrap.wrap(SafeText.line(error), width: max(1, rect.width - 2)).map { ($0, Role.error) }
        }
        for (row, line) in lines.enumerated() where row < rect.height {
            buffer.write(line.0, x: rect.x + 1, y: rect.y + row, role: line.1, limit: rect.maxX)
        }
    }

    private func mail(into buffer: inout ScreenBuffer, rect: Rect) {
        let title = state.selectedMailbox.map { "Mail · \($0.email.value)" } ?? "Mail"
        let inner = Frame(title: title, focused: state.focus == .secondary).render(into: &buffer, rect: rect)
        guard !inner.isEmpty else { return }
        if state.mail.isEmpty {
            let text = state.selectedMailbox == nil ? "" : state.progress.isEmpty ? "No mail here yet." : "Mail is arriving…"
            buffer.write(text, x: inner.x + 1, y: inner.y, role: .dim, limit: inner.maxX)
            return
        }
        let dateWidth = 6
        let nameWidth = min(22, max(8, inner.width / 4))
        state.mailList.render(into: &buffer, rect: inner, focused: state.focus == .secondary) { buffer, index, row, _ in
            let mail = state.mail[index]
            let role: Role = mail.isUnread ? .unread : .normal
            var x = row.x
            x += buffer.write(mail.isUnread ? "●" : " ", x: x, y: row.y, role: .unread)
            x += buffer.write(mail.direction == .incoming ? "←" : "→", x: x, y: row.y,
                              role: mail.direction == .incoming ? .incoming : .outgoing)
            x += 1
            let who = SafeText.line(mail.contactName ?? mail.counterpart)
            buffer.write(padded: who, x: x, y: row.y, columns: nameWidth, role: mail.contactName == nil ? .dim : role)
            x += nameWidth + 1
            let date = TimeText.short(mail.date, now: state.now, zone: state.timeZone)
            let tags = Self.tags(mail.labels)
            let subjectWidth = row.maxX - x - dateWidth - 1
            let subject = SafeText.line(mail.subject.isEmpty ? "(no subject)" : mail.subject)
                + (tags.isEmpty || subjectWidth < 40 ? "" : "  " + tags)
            buffer.write(padded: subject, x: x, y: row.y, columns: max(0, subjectWidth), role: role)
            buffer.write(padded: String(repeating: " ", count: max(0, dateWidth - TextWidth.of(date))) + date,
                         x: row.maxX - dateWidth, y: row.y, columns: dateWidth, role: .dim)
        }
    }

    /// Gmail labels worth showing ("starred", "important", user labels), not the ones every mail has.
    static func tags(_ labels: [String]) -> String {
        labels.filter { !["INBOX", "UNREAD", "SENT", "DRAFT"].contains($0) && !$0.hasPrefix("CATEGORY_") }
            .map { "[\($0.lowercased())]" }.joined(separator: " ")
    }

    static func role(_ state: Mailbox.State) -> Role {
        switch state {
        case .idle: return .normal
        case .syncing: return .statusBusy
        case .error: return .error
        case .needsLogin: return .warning
        }
    }

    static func describe(_ state: Mailbox.State) -> String {
        switch state {
        case .idle: return "Up to date"
        case .syncing: return "Syncing…"
        case .error: return "Sync failed (it will try again)"
        case .needsLogin: return "Needs sign-in: rapport account add"
        }
    }

    static func phase(_ phase: SyncPhase) -> String {
        switch phase {
        case .full: return "first sync"
        case .partial: return "new mail"
        case .backfill: return "contacts' older mail"
        case .send: return "sending"
        }
    }

    /// "[#####-----] 120/400" in `width` columns.
    static func bar(done: Int, total: Int, width: Int) -> String {
        let counts = total > 0 ? " \(done)/\(total)" : ""
        let room = max(0, width - TextWidth.of(counts) - 2)
        let filled = total > 0 ? min(room, done * room / max(1, total)) : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: room - filled) + "]" + counts
    }
}

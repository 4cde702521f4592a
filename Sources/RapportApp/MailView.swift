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
        let listHeight = min(state.mailboxList.count, max(1, inner.height - 6))
        let (list, details) = inner.splitTop(listHeight)
        state.mailboxList.render(into: &buffer, rect: list, focused: state.focus == .primary) { index in
            guard state.mailboxes.indices.contains(index) else { return (" All my mailboxes", .normal) }
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
        let inner = Frame(title: state.mailTitle, focused: state.focus == .secondary).render(into: &buffer, rect: rect)
        guard !inner.isEmpty else { return }
        if state.conversations.isEmpty {
            let text = state.mailSource.isEmpty ? "" : state.progress.isEmpty ? "No mail here; v shows the other views."
                : "Mail is arriving…"
            buffer.write(text, x: inner.x + 1, y: inner.y, role: .dim, limit: inner.maxX)
            return
        }
        let dateWidth = 6
        let nameWidth = min(22, max(8, inner.width / 4))
        state.mailList.render(into: &buffer, rect: inner, focused: state.focus == .secondary) { buffer, index, row, _ in
            let conversation = state.conversations[index]
            let unread = conversation.unreadCount > 0
            let role: Role = unread ? .unread : .normal
            var x = row.x
            x += buffer.write(unread ? "●" : " ", x: x, y: row.y, role: .unread)
            x += buffer.write(conversation.attachmentCount > 0 ? "+" : " ", x: x, y: row.y, role: .dim)
            x += 1
            let count = conversation.messageCount > 1 ? " (\(conversation.messageCount))" : ""
            let who = TextWidth.truncate(Self.participants(conversation), to: max(1, nameWidth - TextWidth.of(count))) + count
            buffer.write(padded: who, x: x, y: row.y, columns: nameWidth, role: role)
            x += nameWidth + 1
            let date = TimeText.short(conversation.lastAt, now: state.now, zone: state.timeZone)
            let tags = Self.tags(conversation.labels)
            let subjectWidth = row.maxX - x - dateWidth - 1
            let subject = SafeText.line(conversation.subject.isEmpty ? "(no subject)" : conversation.subject)
                + (tags.isEmpty || subjectWidth < 40 ? "" : "  " + tags)
            buffer.write(padded: subject, x: x, y: row.y, columns: max(0, subjectWidth), role: role)
            buffer.write(padded: String(repeating: " ", count: max(0, dateWidth - TextWidth.of(date))) + date,
                         x: row.maxX - dateWidth, y: row.y, columns: dateWidth, role: .dim)
        }
    }

    /// Who is on a conversation, the mailbox's own address left out: one person by name, several by
    /// first names (or the part of the address before @), comma-separated.
    static func participants(_ conversation: Conversation) -> String {
        let others = conversation.participants.filter { $0.address != conversation.account }
        let people = others.isEmpty ? conversation.participants : others
        let names = people.map { person in
            SafeText.line((people.count == 1 ? person.name : person.name?.split(separator: " ").first.map(String.init))
                          ?? String(person.address.value.prefix { $0 != "@" }))
        }
        return names.isEmpty ? "(nobody)" : names.joined(separator: ", ")
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

import CRMCore
import Foundation
import TerminalUI

/// Sent mail waiting for a reply and reminders, in the store's order (due first): per row the
/// contact, days waiting, when it went out (or falls due), and the subject and note.
struct FollowupsView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        let due = state.followups.filter { $0.isDue(at: state.now) }.count
        let title = "Follow-ups (\(due) due): no reply after \(state.followupDays) days, and reminders"
        let inner = Frame(title: title, focused: true).render(into: &buffer, rect: rect)
        guard !inner.isEmpty else { return }
        if state.followups.isEmpty {
            let text = "Nothing to follow up: every email sent has a reply or is under \(state.followupDays) days old, "
                + "and no reminder is set."
            for (row, line) in TextWrap.wrap(text, width: max(1, inner.width - 2)).prefix(inner.height).enumerated() {
                buffer.write(line, x: inner.x + 1, y: inner.y + row, role: .dim, limit: inner.maxX)
            }
            return
        }
        let wide = inner.width >= 60
        let nameWidth = min(22, max(8, inner.width / 4))
        state.followupList.render(into: &buffer, rect: inner, focused: true) { buffer, index, row, _ in
            let item = state.followups[index]
            let isDue = item.isDue(at: state.now)
            var x = row.x + 1
            let name = item.contactID.flatMap { state.followupNames[$0] } ?? item.to.first?.value ?? "—"
            buffer.write(padded: SafeText.line(name), x: x, y: row.y, columns: nameWidth, role: isDue ? .normal : .dim)
            x += nameWidth + 1
            buffer.write(padded: Self.waiting(item, isDue: isDue), x: x, y: row.y, columns: 6, role: isDue ? .warning : .dim)
            x += 7
            if wide {
                let date = item.kind == .reminder && item.sentAt == nil ? item.dueAt : item.sentAt ?? item.dueAt
                buffer.write(padded: TimeText.short(date, now: state.now, zone: state.timeZone), x: x, y: row.y,
                             columns: 10, role: .dim)
                x += 11
            }
            let what = [item.subject, item.note].compactMap { $0 }.map(SafeText.line).joined(separator: " — ")
            let text = item.kind == .reminder ? "reminder" + (what.isEmpty ? "" : ": " + what) : what
            buffer.write(padded: text, x: x, y: row.y, columns: max(0, row.maxX - x), role: .normal)
        }
    }

    /// "5d" waiting for a reply, "due" for a reminder whose time came, "later" for one still to come.
    static func waiting(_ item: Followup, isDue: Bool) -> String {
        guard isDue else { return "later" }
        if item.kind == .reminder && item.sentAt == nil { return item.daysWaiting > 0 ? "+\(item.daysWaiting)d" : "due" }
        return "\(item.daysWaiting)d"
    }
}

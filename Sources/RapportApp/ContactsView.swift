import CRMCore
import TerminalUI

/// The team's contacts with a filter box: name, company and first address per row; or, after C,
/// who is going cold, with when the team was last in touch. The filter narrows either list.
struct ContactsView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        let (top, rest) = rect.splitTop(3)
        let filter = Frame(title: "Filter (f)", focused: state.filterFocused).render(into: &buffer, rect: top)
        if !filter.isEmpty {
            let cursor = state.contactFilter.render(into: &buffer, rect: filter.inset(0), focused: state.filterFocused)
            if state.filterFocused { buffer.cursor = cursor }
        }
        let title = state.showingGoingCold
            ? "Going cold (\(state.contacts.count)): no contact for \(state.coldDays) days"
            : "Contacts (\(state.contacts.count))"
        let inner = Frame(title: title, focused: !state.filterFocused).render(into: &buffer, rect: rest)
        guard !inner.isEmpty else { return }
        if state.contacts.isEmpty {
            let filter = SafeText.line(state.contactFilter.text)
            let text = state.showingGoingCold
                ? filter.isEmpty ? "Nobody is going cold: the team was in touch with everyone in the last \(state.coldDays) days."
                    : "Nobody who matches “\(filter)” is going cold."
                : filter.isEmpty ? "No contacts yet: add some with rapport contact add or import."
                : "Nobody matches “\(filter)”."
            buffer.write(text, x: inner.x + 1, y: inner.y, role: .dim, limit: inner.maxX)
            return
        }
        let nameWidth = min(28, max(10, inner.width / 3))
        let companyWidth = inner.width >= 70 ? min(24, inner.width / 4) : 0
        state.contactList.render(into: &buffer, rect: inner, focused: !state.filterFocused) { buffer, index, row, _ in
            let contact = state.contacts[index]
            var x = row.x + 1
            buffer.write(padded: SafeText.line(contact.name), x: x, y: row.y, columns: nameWidth, role: .normal)
            x += nameWidth + 1
            if companyWidth > 0 {
                buffer.write(padded: SafeText.line(contact.companyName ?? ""), x: x, y: row.y, columns: companyWidth, role: .dim)
                x += companyWidth + 1
            }
            if state.showingGoingCold, let touch = state.lastTouch[contact.id] {
                let text = "last in touch " + TimeText.ago(touch, now: state.now)
                buffer.write(padded: text, x: x, y: row.y, columns: max(0, row.maxX - x), role: .warning)
            } else {
                buffer.write(padded: contact.emails.first?.value ?? "", x: x, y: row.y, columns: max(0, row.maxX - x), role: .dim)
            }
        }
    }
}

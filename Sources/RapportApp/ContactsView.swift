import CRMCore
import Foundation
import TerminalUI

/// The team's contacts with a filter box: a row per contact with its company, when the team last
/// heard from them and wrote to them, its owner and open deals (columns go as the width shrinks);
/// or, after C, who is going cold, with when the team was last in touch. The filter narrows either list.
struct ContactsView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        let (top, rest) = rect.splitTop(3)
        let filter = Frame(title: "Filter (f)", focused: state.filterFocused).render(into: &buffer, rect: top)
        if !filter.isEmpty {
            let cursor = state.contactFilter.render(into: &buffer, rect: filter.inset(0), focused: state.filterFocused)
            if state.filterFocused { buffer.cursor = cursor }
        }
        let shown = state.contactTotal.map { $0 > state.contacts.count ? "\(state.contacts.count) of \($0)" : "\($0)" }
            ?? "\(state.contacts.count)+"
        let title = state.showingGoingCold
            ? "Going cold (\(state.contacts.count)): no contact for \(state.coldDays) days"
            : state.mergeSource.map { "Merge “\(SafeText.line($0.name))” into…" } ?? "Contacts (\(shown))"
        let frame = Frame(title: title, focused: !state.filterFocused).render(into: &buffer, rect: rest)
        guard !frame.isEmpty else { return }
        if state.contacts.isEmpty {
            let filter = SafeText.line(state.contactFilter.text)
            let text = state.showingGoingCold
                ? filter.isEmpty ? "Nobody is going cold: the team was in touch with everyone in the last \(state.coldDays) days."
                    : "Nobody who matches “\(filter)” is going cold."
                : filter.isEmpty ? "No contacts yet: a adds one (or rapport contact import)."
                : "Nobody matches “\(filter)”."
            buffer.write(text, x: frame.x + 1, y: frame.y, role: .dim, limit: frame.maxX)
            return
        }
        let columns = Columns(width: frame.width, goingCold: state.showingGoingCold)
        var inner = frame
        if !state.showingGoingCold, frame.height > 2 {
            let (header, list) = frame.splitTop(1)
            columns.draw(ContactsView.headings, into: &buffer, row: header, role: .dim)
            inner = list
        }
        state.contactList.render(into: &buffer, rect: inner, focused: !state.filterFocused) { buffer, index, row, _ in
            let summary = state.contacts[index]
            columns.draw(cells(summary), into: &buffer, row: row, role: nil)
        }
    }

    static let headings = Cells(name: "Name", company: "Company", lastIn: "Last in", lastOut: "Last out",
                                owner: "Owner", deals: "Deals", rest: "Address")

    /// The texts of one row.
    struct Cells {
        var name, company, lastIn, lastOut, owner, deals, rest: String
    }

    private func cells(_ summary: ContactSummary) -> Cells {
        let contact = summary.contact
        func ago(_ date: Date?) -> String {
            guard let date else { return "—" }
            let text = TimeText.ago(date, now: state.now)
            return text == "just now" ? "now" : String(text.dropLast(4))
        }
        var rest = contact.emails.first?.value ?? ""
        if state.showingGoingCold, let touch = state.lastTouch[contact.id] {
            rest = "last in touch " + TimeText.ago(touch, now: state.now)
        }
        return Cells(name: SafeText.line(contact.name), company: SafeText.line(contact.companyName ?? ""),
                     lastIn: ago(summary.lastIncoming), lastOut: ago(summary.lastOutgoing), owner: contact.ownerLogin ?? "—",
                     deals: summary.openDeals == 0 ? "—" : String(summary.openDeals), rest: rest)
    }

    /// Which columns fit in `width`, and how wide each is: the name always, then last in and out,
    /// owner and deals, company, and the first address with what is left past a full name.
    struct Columns {
        var name = 0, company = 0, lastIn = 0, lastOut = 0, owner = 0, deals = 0

        init(width: Int, goingCold: Bool) {
            var left = width - 2
            func take(_ columns: Int, from minimum: Int) -> Int {
                guard left - columns - 1 >= minimum else { return 0 }
                left -= columns + 1
                return columns
            }
            if !goingCold {
                lastIn = take(8, from: 12)
                lastOut = take(8, from: 12)
                owner = take(8, from: 30)
                deals = take(5, from: 30)
            }
            company = take(min(24, width / 4), from: 18)
            name = min(28, left)
        }

        func draw(_ cells: Cells, into buffer: inout ScreenBuffer, row: Rect, role: Role?) {
            var x = row.x + 1
            func cell(_ text: String, _ columns: Int, _ cellRole: Role) {
                guard columns > 0 else { return }
                buffer.write(padded: text, x: x, y: row.y, columns: columns, role: role ?? cellRole)
                x += columns + 1
            }
            cell(cells.name, name, .normal)
            cell(cells.company, company, .dim)
            cell(cells.lastIn, lastIn, .incoming)
            cell(cells.lastOut, lastOut, .outgoing)
            cell(cells.owner, owner, .dim)
            cell(cells.deals, deals, .normal)
            guard x < row.maxX else { return }
            let restRole: Role = cells.rest.hasPrefix("last in touch") ? .warning : .dim
            buffer.write(padded: cells.rest, x: x, y: row.y, columns: row.maxX - x, role: role ?? restRole)
        }
    }
}

import CRMCore
import TerminalUI

/// One deal: its stage, value and company, its contacts with their first address, then the mail
/// and activities of those contacts, newest first (stage changes among them).
struct DealView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        guard let page = state.dealPage else { return AppView.drawLoading(into: &buffer, rect: rect) }
        let deal = page.deal
        var lines: [(String, Role)] = []
        var facts = ["Stage: \(SafeText.line(deal.stage))"]
        if let value = deal.valueCents { facts.append("Value: " + TimelineView.money(value)) }
        if let company = page.companyName { facts.append("Company: " + SafeText.line(company)) }
        lines.append((facts.joined(separator: " · "), .normal))
        let people = page.contacts.map { contact in
            SafeText.line(contact.name) + (contact.emails.first.map { " <\($0.value)>" } ?? "")
        }
        lines.append((people.isEmpty ? "No contacts." : "Contacts: " + people.joined(separator: ", "), .dim))
        let (top, rest) = rect.splitTop(min(rect.height / 2, lines.count + 2))
        let card = Frame(title: SafeText.line(deal.name)).render(into: &buffer, rect: top)
        for (row, line) in lines.enumerated() where row < card.height {
            buffer.write(line.0, x: card.x + 1, y: card.y + row, role: line.1, limit: card.maxX)
        }
        TimelineView.drawEntries(page.activities, list: state.dealPageList, title: "Mail and activities",
                                 empty: "Nothing yet. > moves the stage, n adds a note.", state: state,
                                 into: &buffer, rect: rest)
    }
}

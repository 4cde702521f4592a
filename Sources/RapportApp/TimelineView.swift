import CRMCore
import Foundation
import TerminalUI

/// A contact's timeline: the card (addresses, company, deals, owner), the insights strip, then
/// every activity newest first with its direction, teammate, subject and summary.
struct TimelineView {
    let state: AppState

    func render(into buffer: inout ScreenBuffer, rect: Rect) {
        guard let data = state.timeline else { return AppView.drawLoading(into: &buffer, rect: rect) }
        let cardLines = card(data, width: max(1, rect.width - 4))
        let (top, rest) = rect.splitTop(min(rect.height / 2, cardLines.count + 2))
        let inner = Frame(title: SafeText.line(data.contact.name)).render(into: &buffer, rect: top)
        for (row, line) in cardLines.enumerated() where row < inner.height {
            buffer.write(line.0, x: inner.x + 1, y: inner.y + row, role: line.1, limit: inner.maxX)
        }
        activities(data, into: &buffer, rect: rest)
    }

    /// The card and the insights, as lines.
    func card(_ data: TimelineData, width: Int) -> [(String, Role)] {
        let contact = data.contact
        var lines: [(String, Role)] = []
        lines.append((contact.emails.map(\.value).joined(separator: ", "), .normal))
        var facts: [String] = []
        if let company = contact.companyName { facts.append("Company: \(SafeText.line(company))") }
        if let owner = contact.ownerLogin { facts.append("Owner: \(owner)") }
        if let phone = contact.phone { facts.append("Phone: \(SafeText.line(phone))") }
        if !facts.isEmpty { lines.append((facts.joined(separator: " · "), .dim)) }
        if !data.deals.isEmpty {
            let deals = data.deals.map { deal in
                "\(SafeText.line(deal.name)) (\(deal.stage)\(deal.valueCents.map { ", " + Self.money($0) } ?? ""))"
            }
            lines.append(("Deals: " + deals.joined(separator: ", "), .normal))
        }
        lines += insights(data.insights, width: width).map { ($0, Role.sparkline) }
        return lines
    }

    /// The insights strip at `width` columns, wrapped between values, never inside one:
    ///
    ///     Emails a week, last 12 weeks, oldest → newest:  in ▁▂▅█ 14 · out ▁▁▃▂ 9
    ///     last in 2d ago · last out 5h ago · they reply in ~3h 10m · going cold
    func insights(_ insights: ContactInsights, width: Int) -> [String] {
        let weeks = min(insights.weeks.count, 12)
        let shown = insights.weeks.suffix(weeks)
        // The two sparklines stay side by side, for comparing week by week.
        let volumes = ["Emails a week, last \(weeks) weeks, oldest → newest:",
                       "in " + Sparkline.render(shown.map(\.incoming), width: weeks) + " \(shown.map(\.incoming).reduce(0, +))"
                           + " · out " + Sparkline.render(shown.map(\.outgoing), width: weeks) + " \(shown.map(\.outgoing).reduce(0, +))"]
        var facts = ["last in " + (insights.lastIncoming.map { TimeText.ago($0, now: state.now) } ?? "never"),
                     "last out " + (insights.lastOutgoing.map { TimeText.ago($0, now: state.now) } ?? "never")]
        if let reply = insights.medianTheirReply { facts.append("they reply in ~" + TimeText.duration(reply)) }
        if let last = [insights.lastIncoming, insights.lastOutgoing].compactMap({ $0 }).max(),
           state.now.timeIntervalSince(last) > Double(ContactInsights.defaultColdDays) * 86_400 {
            facts.append("going cold")
        }
        return TextWrap.items(volumes, separator: "  ", width: width) + TextWrap.items(facts, separator: " · ", width: width)
    }

    private func activities(_ data: TimelineData, into buffer: inout ScreenBuffer, rect: Rect) {
        Self.drawEntries(data.activities, list: state.timelineList, title: "Timeline",
                         empty: "Nothing yet. n adds a note, L logs a call, c writes an email.", state: state,
                         into: &buffer, rect: rect)
    }

    /// A framed list of timeline entries (`title` and their count on the frame), or `empty` when there are none.
    static func drawEntries(_ activities: [Activity], list: ListState, title: String, empty: String, state: AppState,
                            into buffer: inout ScreenBuffer, rect: Rect) {
        let inner = Frame(title: "\(title) (\(activities.count))", focused: true).render(into: &buffer, rect: rect)
        guard !inner.isEmpty else { return }
        if activities.isEmpty {
            buffer.write(empty, x: inner.x + 1, y: inner.y, role: .dim, limit: inner.maxX)
            return
        }
        list.render(into: &buffer, rect: inner) { buffer, index, row, _ in
            draw(activities[index], state: state, into: &buffer, row: row, whoWidth: inner.width >= 70 ? 8 : 0)
        }
    }

    /// One entry as a row: when, what, who (when `whoWidth` > 0), subject and summary, and a call's or
    /// meeting's length and outcome.
    static func draw(_ activity: Activity, state: AppState, into buffer: inout ScreenBuffer, row: Rect, whoWidth: Int) {
            var x = row.x + 1
            let date = TimeText.short(activity.occurredAt, now: state.now, zone: state.timeZone)
            buffer.write(padded: date, x: x, y: row.y, columns: 6, role: .dim)
            x += 7
            let (kind, role) = Self.kind(activity)
            buffer.write(padded: kind, x: x, y: row.y, columns: 9, role: role)
            x += 10
            if whoWidth > 0 {
                buffer.write(padded: activity.userLogin ?? "", x: x, y: row.y, columns: whoWidth, role: .dim)
                x += whoWidth + 1
            }
            var text = SafeText.line(activity.subject ?? "")
            let summary = SafeText.line(activity.summary)
            if !summary.isEmpty { text += text.isEmpty ? summary : " — " + summary }
            let details = [activity.durationMinutes.map(ActivityDuration.text), activity.outcome.map(SafeText.line)]
                .compactMap { $0 }
            if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
            buffer.write(padded: text, x: x, y: row.y, columns: max(0, row.maxX - x), role: .normal)
    }

    /// "← email", "→ email", "note", "call", "meeting", in the role of its direction or type.
    static func kind(_ activity: Activity) -> (String, Role) {
        switch (activity.type, activity.direction) {
        case (.email, .incoming?): return ("← email", .incoming)
        case (.email, _): return ("→ email", .outgoing)
        case (.note, _): return ("  note", .note)
        case (.call, _): return ("  call", .note)
        case (.meeting, _): return ("  meeting", .note)
        }
    }

    static func money(_ cents: Int64) -> String {
        let whole = cents / 100
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US")
        return "$" + (formatter.string(from: NSNumber(value: whole)) ?? String(whole))
    }
}

import CRMCore
import CRMStore
import Foundation
import TerminalUI

/// `search` and `insights`.
enum SearchCommands {
    static let specs: [CommandSpec] = [
        CommandSpec(["search"], arguments: "QUERY", positionals: 1...Int.max,
                    summary: "find contacts, notes and mail: words, \"phrases\", -word, OR, from: to: subject: "
                        + "before: after: has:attachment is: in: contact: by: …; newest first",
                    options: [.number("--limit", "N", .searchLimit, "how many at most"),
                              .value("--sort", "newest|relevance", "newest first (the default) or best match first"),
                              .json], run: search),
        CommandSpec(["insights"], arguments: "[CONTACT]", positionals: 0...1,
                    summary: "cadence and reply times with a contact; without one, who is going cold",
                    options: [
                        .number("--days", "N", .coldDays, "quiet days before a contact goes cold, else [insights] cold_days"),
                        .json,
                    ], run: insights),
    ]

    static func search(_ run: Invocation) throws {
        let limit = run.arguments.whole("--limit") ?? NumberSetting.searchLimit.wholeDefault
        let query = run.arguments.positionals.joined(separator: " ")
        let sort = run.arguments.value("--sort") ?? SearchOrder.newest.rawValue
        guard let order = SearchOrder(rawValue: sort) else {
            throw UsageError("--sort is “newest” or “relevance”, not “\(sort)”", command: "search")
        }
        let user = try run.actingUser()
        let hits = try run.store().search(query, in: user.scope, limit: limit, order: order)
        if run.wantsJSON {
            run.printJSON(.array(hits.map(ContractJSON.hit)))
            return
        }
        if hits.isEmpty {
            run.print("Nothing matches “\(run.safe(query))”.")
            return
        }
        run.print(Format.table(["KIND", "ID", "CONTACT", "ACCOUNT", "WHEN", "TITLE", "MATCH"], hits.map { hit in
            [hit.kind.rawValue.replacingOccurrences(of: "_", with: " "), String(hit.id),
             hit.contactID.map { id in "\(id) \(run.safe(hit.contactName ?? ""))" } ?? "—", run.safe(hit.account ?? "—"),
             Format.date(hit.occurredAt), run.safe(hit.title), run.safe(hit.snippet)]
        }, maxWidths: [14, 10, 24, 24, 16, 36]))
    }

    static func insights(_ run: Invocation) throws {
        let user = try run.actingUser()
        let store = try run.store()
        if let text = run.arguments.positionals.first {
            let contact = try TimelineCommands.resolveContact(text, user: user, store: store)
            let insights = try store.insights(contact: contact.id, in: user.scope)
            let lastTouch = try store.lastTouch(contact: contact.id, in: user.scope)
            if run.wantsJSON {
                run.printJSON(ContractJSON.insights(insights, contact: contact, lastTouch: lastTouch))
                return
            }
            run.print(contactReport(insights, contact: contact, lastTouch: lastTouch, run: run))
            return
        }
        // config.ini is read only for the list it steers, and not when --days overrides it.
        let days = try run.arguments.whole("--days") ?? run.config.whole(.coldDays)
        let cold = try store.coldContacts(in: user.scope, days: days)
        let now = Date()
        if run.wantsJSON {
            run.printJSON(.object([("cold_days", .int(days)),
                                   ("going_cold", .array(cold.map { ContractJSON.cold($0, now: now) }))]))
            return
        }
        if cold.isEmpty {
            run.print("Nobody is going cold: the team has been in touch with every contact in the last \(days) days.")
            return
        }
        run.print("Going cold: no email, call or meeting in \(days) days (most recently lapsed first)")
        run.print(Format.table(["ID", "NAME", "LAST TOUCH", "QUIET"], cold.map {
            [String($0.contactID), run.safe($0.name), Format.date($0.lastTouch),
             "\(Int(now.timeIntervalSince($0.lastTouch) / 86400)) days"]
        }, maxWidths: [10, 30]))
    }

    private static func contactReport(_ insights: ContactInsights, contact: Contact, lastTouch: Date?,
                                      run: Invocation) -> String {
        let incoming = insights.weeks.map(\.incoming)
        let outgoing = insights.weeks.map(\.outgoing)
        let report = [
            "\(run.safe(contact.name)): emails a week, the last \(insights.weeks.count) weeks, oldest → newest",
            "  in   \(Sparkline.render(incoming, width: incoming.count))  \(incoming.reduce(0, +)) emails",
            "  out  \(Sparkline.render(outgoing, width: outgoing.count))  \(outgoing.reduce(0, +)) emails",
            "  last email in:   \(Format.date(insights.lastIncoming))",
            "  last email out:  \(Format.date(insights.lastOutgoing))",
            "  last touch:      \(Format.date(lastTouch))",
            "  they reply in:   \(Format.duration(insights.medianTheirReply)) (median)",
            "  we reply in:     \(Format.duration(insights.medianOurReply)) (median)",
        ].joined(separator: "\n")
        // The bars, arrow and dashes are UTF-8; a terminal in another locale gets their ASCII look-alikes.
        return ASCIIFallback.isNeeded(environment: run.location.environment) ? ASCIIFallback.text(report) : report
    }
}

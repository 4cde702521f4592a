import CRMCore
import CRMStore
import Foundation
import RapportApp

/// The store queries behind the app's keys, called directly the way the app's data loader calls
/// them, a few times each, so that a slow key can be traced to the query that makes it slow.
struct AppQueryTimings {
    let store: Store
    let user: User
    let clock = ContinuousClock()

    static let repeats = 5

    /// A table of each query's median and slowest time; `busy` and `plain` are contacts with a long
    /// and an ordinary timeline.
    func table(busy: UIStoreBuilder.Target, plain: UIStoreBuilder.Target) throws -> ReportTable {
        let scope = user.scope
        let mailbox = try store.mailboxes(in: scope, owner: user.id).first
        let mail = try mailbox.map { try store.recentMail(mailbox: $0.id, in: scope, limit: 300) } ?? []
        let lastName = String(busy.name.split(separator: " ").last ?? "").lowercased()
        var table = ReportTable("Store queries behind the keys, called directly (\(Self.repeats) runs each)",
                                header: ["query", "keys", "rows", "median ms", "max ms"])
        func time(_ query: String, _ keys: String, _ body: () throws -> Int) throws {
            var timings: [Double] = []
            var rows = 0
            for _ in 0..<Self.repeats {
                let began = clock.now
                rows = try body()
                timings.append((clock.now - began).milliseconds)
            }
            let stats = LatencyStats(milliseconds: timings)
            table.add(query, keys, Figure.count(rows), Figure.decimal(stats.p50), Figure.decimal(stats.max))
        }
        try time("mailboxes", "every screen reload", { try store.mailboxes(in: scope, owner: user.id).count })
        if let mailbox {
            try time("recentMail, 300", "Mail (1), q to Mail, start", {
                try store.recentMail(mailbox: mailbox.id, in: scope, limit: 300).count
            })
        }
        if let newest = mail.first {
            try time("mailMessage", "Enter on mail", { try store.mailMessage(id: newest.id, in: scope) == nil ? 0 : 1 })
        }
        try time("outboxCounts + outbox drafts, 300", "Outbox (2)", {
            try store.outboxCounts(in: scope, author: user.id).count
                + store.outbox(in: scope, author: user.id, status: .draft, limit: 300).count
        })
        let page = AppState.contactPage
        try time("contact rows, \(page), + count", "Contacts (3)", {
            try store.contactSummaries(in: scope, limit: page).count + store.contactCount(in: scope)
        })
        try time("contact rows matching “\(busy.name.prefix(1))”", "first filter key", {
            try store.contactSummaries(in: scope, matching: String(busy.name.prefix(1)), limit: page).count
        })
        try time("contact rows matching “\(busy.name)”", "last filter key", {
            try store.contactSummaries(in: scope, matching: busy.name, limit: page).count
        })
        try time("pipeline + deals, 500", "Deals (5)", {
            try store.pipeline(in: scope).count + store.deals(in: scope, limit: 500).count
        })
        for (label, target) in [("busiest", busy), ("ordinary", plain)] {
            try time("timeline + insights + deals, \(label) contact", "Enter on a contact", {
                _ = try store.contact(id: target.id, in: scope)
                _ = try store.deals(contact: target.id, in: scope)
                _ = try store.insights(contact: target.id, in: scope)
                return try store.timeline(contact: target.id, in: scope, limit: 500).count
            })
        }
        for text in [String(lastName.prefix(2)), String(lastName.prefix(3)), lastName, "pricing n"] {
            try time("search “\(text)”, 50", "search keystroke", { try store.search(text, in: scope, limit: 50).count })
        }
        return table
    }
}

import CRMCore
import CRMStore
import Foundation
import TerminalUI

/// Runs the reducer's data requests against the store, in the user's scope.
@MainActor
struct DataLoader {
    let store: Store
    let user: User
    /// The user's signature for a mailbox, from their own files (`AppController.Environment.signature`).
    let signature: (EmailAddress) -> (signature: Signature?, warning: String?)

    /// Deals, companies and contacts (or only `kind`) matching `query`; a record named exactly that wins.
    func linkCandidates(kind: String?, query: String) throws -> [LinkCandidate] {
        let scope = user.scope
        var found: [LinkCandidate] = []
        if kind == nil || kind == "deal" {
            found += try store.deals(in: scope, matching: query, limit: 5).map { LinkCandidate(link: .deal($0.id), name: $0.name) }
        }
        if kind == nil || kind == "company" {
            found += try store.companies(in: scope, matching: query, limit: 5)
                .map { LinkCandidate(link: .company($0.id), name: $0.name) }
        }
        if kind == nil || kind == "contact" {
            found += try store.contacts(in: scope, matching: query, limit: 5)
                .map { LinkCandidate(link: .contact($0.id), name: $0.name) }
        }
        let exact = found.filter { Connection.fold($0.name) == Connection.fold(query) }
        return exact.count == 1 ? exact : found
    }

    func load(_ request: DataRequest) throws -> Loaded {
        let scope = user.scope
        switch request {
        case .mailboxes:
            return .mailboxes(try store.mailboxes(in: scope, owner: user.id),
                              unattendedQueued: try store.queuedWithoutDaemon(author: user.id).values.reduce(0, +))
        case .conversations(let page):
            let rows = page.older
                ? try store.conversations(mailboxes: page.mailboxIDs, folder: page.folder, in: scope, limit: page.limit,
                                          before: page.cursor)
                : try store.conversations(mailboxes: page.mailboxIDs, folder: page.folder, in: scope, limit: page.limit,
                                          after: page.cursor)
            return .conversations(page, rows)
        case .mailLabels(let ids):
            let names = try ids.flatMap { try store.labelNames(mailbox: $0) }.filter(Self.isOwnLabel)
            return .mailLabels(mailboxIDs: ids, Array(Set(names)).sorted { $0.lowercased() < $1.lowercased() })
        case .conversation(let id):
            let messages = try store.conversationMessages(of: id, in: scope)
            guard !messages.isEmpty else { throw CRMError("That email is gone (deleted in Gmail, or not in your team).") }
            return .conversation(ofMessage: id, messages,
                                 attachments: try store.attachmentSummaries(of: messages.map(\.id), in: scope))
        case .outbox(let status):
            return .outbox(status: status, counts: try store.outboxCounts(in: scope, author: user.id),
                           try store.outbox(in: scope, author: user.id, status: status, limit: 300))
        case .statusHistory(let id):
            return .statusHistory(outgoingID: id, try store.statusHistory(of: id, in: scope))
        case .contacts(let filter, let limit):
            let query = filter.trimmingCharacters(in: .whitespaces)
            let rows = try store.contactSummaries(in: scope, matching: query, limit: limit)
            // A short page is the whole list. A full one is counted only without a filter (an index
            // count); counting the matches of a filter would scan every contact on each key typed.
            let total = rows.count < limit ? rows.count : query.isEmpty ? try store.contactCount(in: scope) : nil
            return .contacts(filter: filter, rows, total: total)
        case .deals:
            return .deals(try store.pipeline(in: scope), try store.deals(in: scope, limit: 500))
        case .deal(let id):
            guard let deal = try store.deal(id: id, in: scope) else { throw Refusal.notFound(.deal, id: id) }
            let contacts = try store.dealContacts(deal, in: scope)
            return .deal(DealPage(deal: deal, companyName: try deal.companyID.flatMap { try store.company(id: $0, in: scope)?.name },
                                  contacts: contacts, activities: try store.timeline(contacts: contacts.map(\.id), in: scope)))
        case .goingCold(let days, let filter):
            let query = filter.trimmingCharacters(in: .whitespaces)
            let cold = try store.coldContacts(in: scope, days: days, matching: query.isEmpty ? nil : query, limit: 500)
            let contacts = try store.contactSummaries(ids: cold.map(\.contactID), in: scope)
            return .goingCold(filter: filter, contacts, lastTouch: Dictionary(cold.map { ($0.contactID, $0.lastTouch) }) { first, _ in first })
        case .timeline(let id):
            guard let contact = try store.contact(id: id, in: scope) else {
                throw Refusal.notFound(.contact, id: id)
            }
            return .timeline(TimelineData(contact: contact, deals: try store.deals(contact: id, in: scope),
                                          insights: try store.insights(contact: id, in: scope),
                                          activities: try store.timeline(contact: id, in: scope, limit: 500)))
        case .message(let ref):
            guard case .incoming(let id) = ref else { return .message(try message(ref)) }
            return .message(try message(ref), attachments: try store.attachmentSummaries(of: [id], in: scope)[id] ?? [])
        case .search(let text):
            return .search(text: text, try store.search(text, in: scope, limit: 50).map(Self.result))
        case .completions(let text):
            return .completions(text: text, try store.contacts(in: scope, matching: text, limit: 6))
        case .recipientContact(let address):
            return .recipientContact(address, try store.contact(email: address, in: .team(user.teamID)))
        case .mailboxChoices:
            let mailboxes = try store.mailboxes(in: .team(user.teamID), owner: user.id).map(\.email)
            var signatures: [EmailAddress: Signature] = [:]
            var warnings: [EmailAddress: String] = [:]
            for mailbox in mailboxes {
                let found = signature(mailbox)
                signatures[mailbox] = found.signature
                warnings[mailbox] = found.warning.map(Self.sentence)
            }
            return .mailboxChoices(mailboxes, signatures: signatures, signatureWarnings: warnings)
        case .followups(let days):
            let followups = try store.followups(in: scope, days: days)
            let contacts = try store.contacts(ids: Array(Set(followups.compactMap(\.contactID))), in: scope)
            return .followups(followups, names: Dictionary(contacts.map { ($0.id, $0.name) }) { first, _ in first })
        }
    }

    /// An email to read; mail written in Rapport is shown the same way as mail that arrived.
    func message(_ ref: MessageRef) throws -> MailMessage {
        switch ref {
        case .incoming(let id):
            guard let message = try store.mailMessage(id: id, in: user.scope) else {
                throw CRMError("That email is gone (deleted in Gmail, or not in your team).")
            }
            return message
        case .outgoing(let id):
            guard let email = try store.outgoingEmail(id: id, in: user.scope) else {
                throw Refusal.notFound(.outgoingEmail, id: id)
            }
            return MailMessage(id: email.id, mailbox: email.from, direction: .outgoing, fromName: nil,
                               fromAddress: email.from, to: email.to, cc: email.cc, subject: email.subject,
                               date: email.updatedAt, bodyText: email.bodyText, labels: [email.status.rawValue.uppercased()])
        }
    }

    /// A reply, reply to all or forward of `ref` (`ReplyPlan`), written from the copy in one of the
    /// user's mailboxes and sent from it (else from their first mailbox), with that mailbox's
    /// signature, and the contact it concerns to link it to; `warning` says why a signature file
    /// was not used.
    func answer(_ kind: ReplyPlan.Kind, to ref: MessageRef, zone: TimeZone) throws
        -> (plan: ReplyPlan, contact: Contact?, warning: String?) {
        let source: ActivitySource = switch ref {
        case .incoming(let id): .incomingEmail(id)
        case .outgoing(let id): .outgoingEmail(id)
        }
        guard let parent = try store.replyParent(source, for: user, attachments: kind == .forward) else {
            if case .outgoing = ref { throw CRMError("Only mail that went out can be answered; this one has not been sent.") }
            throw CRMError("That email is gone (deleted in Gmail, or not in your team).")
        }
        let own = try store.mailboxes(in: .team(user.teamID), owner: user.id).map(\.email)
        guard let from = own.contains(parent.mailbox) ? parent.mailbox : own.first else {
            throw CRMError("Connect a Gmail account first: run rapport account add EMAIL.")
        }
        let found = signature(from)
        let plan = ReplyPlan(kind, to: parent, from: from, ownAddresses: Set(own), signature: found.signature, zone: zone)
        let concerned = (plan.to + plan.cc).map(\.address) + (parent.isOwn ? [] : [parent.from?.address].compactMap { $0 })
        let contact = try concerned.lazy.compactMap { try store.contact(email: $0, in: .team(user.teamID)) }.first
        var warnings = [found.warning.map(Self.sentence)].compactMap { $0 }
        let left = parent.attachmentsNotKept.map { "“\(SafeText.line($0))”" }
        if kind == .forward, !left.isEmpty {
            warnings.append("The forward goes without \(left.joined(separator: ", ")), which Rapport does not keep; "
                            + "save \(left.count == 1 ? "it" : "them") with rapport mail save, then attach.")
        }
        return (plan, contact, warnings.isEmpty ? nil : warnings.joined(separator: " "))
    }

    /// Whether a label is the person's own (or Starred, Important), not one Gmail's views stand for.
    static func isOwnLabel(_ name: String) -> Bool {
        !["INBOX", "SENT", "UNREAD", "TRASH", "SPAM", "DRAFT", "CHAT"].contains(name) && !name.hasPrefix("CATEGORY_")
    }

    /// A clause such as "no signature: …" as a sentence for the status line.
    private static func sentence(_ clause: String) -> String {
        clause.prefix(1).uppercased() + clause.dropFirst() + "."
    }

    /// The composer for draft `id`; only drafts open in it (`OutboxStatus.isEditable`).
    func draft(_ id: Int64) throws -> ComposerState {
        guard let email = try store.outgoingEmail(id: id, in: user.scope) else { throw Refusal.notFound(.outgoingEmail, id: id) }
        guard email.status.isEditable else { throw Refusal.notEditable(id: id, status: email.status) }
        func field(_ addresses: [EmailAddress]) -> String {
            NamedAddress.field(NamedAddress.list(addresses, names: email.displayNames))
        }
        var composer = ComposerState(from: email.from.value, to: field(email.to), cc: field(email.cc),
                                     bcc: field(email.bcc), subject: email.subject, body: email.bodyText,
                                     focus: .body, link: email.link, linkTitle: try linkTitle(email.link),
                                     replyToActivityID: email.replyToActivityID, outgoingID: email.id)
        composer.storedAttachments = email.attachments.map(\.filename)
        // A link to the first recipient's contact is taken to have been the automatic one, and follows To;
        // any other was chosen.
        let recipientContact = try email.to.first.flatMap { try store.contact(email: $0, in: .team(user.teamID)) }
        composer.linkChosen = email.link != nil && email.link != recipientContact.map { .contact($0.id) }
        composer.threading = email.threading
        return composer
    }

    private func linkTitle(_ link: RecordLink?) throws -> String? {
        switch link {
        case .contact(let id)?: return try store.contact(id: id, in: user.scope)?.name
        case .company(let id)?: return try store.company(id: id, in: user.scope)?.name
        case .deal(let id)?: return try store.deal(id: id, in: user.scope)?.name
        case nil: return nil
        }
    }

    static func result(_ hit: SearchHit) -> SearchResult {
        let target: SearchResult.Target
        let kind: String
        switch hit.kind {
        case .contact:
            target = .contact(hit.id)
            kind = "contact"
        case .activity:
            target = .contact(hit.contactID ?? 0)
            kind = "activity"
        case .incomingEmail:
            target = .message(.incoming(hit.id))
            kind = "email"
        case .outgoingEmail:
            target = .message(.outgoing(hit.id))
            kind = "sent"
        }
        return SearchResult(kind: kind, title: hit.title, snippet: hit.snippet, date: hit.occurredAt, target: target)
    }
}

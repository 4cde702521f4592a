import CRMCore
import CRMStore
import Foundation

/// The JSON shapes of CONTRACT.md: stable fields in a stable order, timestamps ISO 8601 UTC.
enum ContractJSON {
    static func date(_ date: Date?) -> JSONValue { .string(date.map(ISODate.format)) }

    static func addresses(_ list: [EmailAddress]) -> JSONValue { .array(list.map { .string($0.value) }) }

    static func contact(_ contact: Contact) -> JSONValue {
        .object([
            ("id", .int(contact.id)), ("name", .string(contact.name)), ("emails", addresses(contact.emails)),
            ("company", .string(contact.companyName)), ("company_id", .int(contact.companyID)),
            ("phone", .string(contact.phone)), ("owner", .string(contact.ownerLogin)),
        ])
    }

    static func company(_ company: Company) -> JSONValue {
        .object([("id", .int(company.id)), ("name", .string(company.name)), ("domain", .string(company.domain))])
    }

    static func deal(_ deal: Deal) -> JSONValue {
        .object([
            ("id", .int(deal.id)), ("name", .string(deal.name)), ("company_id", .int(deal.companyID)),
            ("contact_id", .int(deal.contactID)), ("stage", .string(deal.stage)),
            ("value_cents", .int(deal.valueCents)),
        ])
    }

    static func outgoing(_ email: OutgoingEmail, history: [StatusChange]? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .int(email.id)), ("status", .string(email.status.rawValue)), ("from", .string(email.from.value)),
            ("to", addresses(email.to)), ("cc", addresses(email.cc)), ("bcc", addresses(email.bcc)),
            ("subject", .string(email.subject)), ("send_at", date(email.sendAt)), ("attempts", .int(email.attempts)),
            ("last_error", .string(email.lastError)), ("message_id", .string(email.messageID)),
            ("gmail_id", .string(email.gmailID)), ("thread_id", .string(email.threadID)),
            ("link", email.link.map { .object([("type", .string($0.type)), ("id", .int($0.id))]) } ?? .null),
            ("author", .string(email.authorLogin)), ("next_attempt_at", date(email.nextAttemptAt)),
            ("attachments", .array(email.attachments.map {
                .object([("filename", .string($0.filename)), ("content_type", .string($0.contentType)),
                         ("size", .int($0.size))])
            })),
            ("created_at", date(email.createdAt)), ("updated_at", date(email.updatedAt)),
        ]
        if let history {
            members.append(("history", .array(history.map(change))))
        }
        return .object(members)
    }

    static func change(_ change: StatusChange) -> JSONValue {
        .object([
            ("from", .string(change.from?.rawValue)), ("to", .string(change.to.rawValue)),
            ("at", date(change.at)), ("by", .string(change.by)), ("error", .string(change.error)),
        ])
    }

    static func activity(_ activity: Activity) -> JSONValue {
        .object([
            ("activity_id", .int(activity.id)), ("type", .string(activity.type.rawValue)),
            ("direction", .string(activity.direction?.rawValue)), ("occurred_at", date(activity.occurredAt)),
            ("subject", .string(activity.subject)), ("summary", .string(activity.summary)),
            ("user", .string(activity.userLogin)), ("contact_id", .int(activity.contactID)),
            ("source", .object([("type", .string(activity.source.type)), ("id", .int(activity.source.id))])),
            ("duration_minutes", .int(activity.durationMinutes.map(Int64.init))), ("outcome", .string(activity.outcome)),
        ])
    }

    static func hit(_ hit: SearchHit) -> JSONValue {
        .object([
            ("kind", .string(hit.kind.rawValue)), ("id", .int(hit.id)), ("contact_id", .int(hit.contactID)),
            ("title", .string(hit.title)), ("snippet", .string(hit.snippet)), ("occurred_at", date(hit.occurredAt)),
            ("account", .string(hit.account)),
        ])
    }

    static func mailbox(_ mailbox: Mailbox, messages: Int) -> JSONValue {
        .object([
            ("email", .string(mailbox.email.value)), ("state", .string(mailbox.state.rawValue)),
            ("last_sync_at", date(mailbox.lastSyncAt)), ("last_error", .string(mailbox.lastError)),
            ("messages", .int(messages)),
        ])
    }

    static func insights(_ insights: ContactInsights, contact: Contact, lastTouch: Date?) -> JSONValue {
        .object([
            ("contact_id", .int(contact.id)), ("name", .string(contact.name)),
            ("weeks", .array(insights.weeks.map {
                .object([("start", date($0.start)), ("in", .int($0.incoming)), ("out", .int($0.outgoing))])
            })),
            ("last_in", date(insights.lastIncoming)), ("last_out", date(insights.lastOutgoing)),
            ("last_touch", date(lastTouch)),
            ("median_reply_seconds", .object([
                ("theirs", insights.medianTheirReply.map { .int(Int64($0)) } ?? .null),
                ("ours", insights.medianOurReply.map { .int(Int64($0)) } ?? .null),
            ])),
        ])
    }

    static func cold(_ contact: ColdContact, now: Date) -> JSONValue {
        .object([
            ("contact_id", .int(contact.contactID)), ("name", .string(contact.name)),
            ("last_touch", date(contact.lastTouch)),
            ("days_quiet", .int(Int64(now.timeIntervalSince(contact.lastTouch) / 86400))),
        ])
    }
}

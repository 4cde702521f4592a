import CRMCore
import Foundation

extension ContractJSON {
    /// `rapport followups --json`: CONTRACT.md's fields, plus `id` (what `followups done` takes).
    static func followup(_ item: Followup) -> JSONValue {
        .object([("kind", .string(item.kind.rawValue)), ("id", .string(item.key.description)),
                 ("outgoing_email_id", item.outgoingEmailID.map { .int($0) } ?? .null),
                 ("contact_id", item.contactID.map { .int($0) } ?? .null),
                 ("to", addresses(item.to)), ("subject", .string(item.subject)), ("sent_at", date(item.sentAt)),
                 ("due_at", date(item.dueAt)), ("days_waiting", .int(Int64(item.daysWaiting))),
                 ("note", .string(item.note))])
    }
}

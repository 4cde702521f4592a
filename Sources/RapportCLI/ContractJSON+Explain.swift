import CRMCore
import Foundation

extension ContractJSON {
    /// `rapport explain --json`.
    static func explanation(_ explanation: TimelineExplanation) -> JSONValue {
        .object([("id", .int(explanation.messageID)), ("direction", .string(explanation.direction.rawValue)),
                 ("on_timeline", .bool(explanation.isOnTimeline)), ("verdict", .string(explanation.verdict)),
                 ("in_trash_or_spam", .bool(explanation.isInBin)),
                 ("automation", .array(explanation.automation.marks.map { .string($0) })),
                 ("timelines", .array(explanation.entries.map { entry in
                     .object([("contact_id", .int(entry.contactID)), ("name", .string(entry.contactName)),
                              ("shown", .bool(entry.isShown)), ("made_from_this_message", .bool(entry.madeFromThisMessage))])
                 })),
                 ("addresses", .array(explanation.addresses.map { decision in
                     .object([("address", .string(decision.address.value)), ("role", .string(decision.role.rawValue)),
                              ("outcome", .string(decision.outcomeName)), ("reason", .string(decision.reason))])
                 }))])
    }
}

extension AddressDecision {
    /// "timeline", "created" or "skipped".
    var outcomeName: String {
        switch outcome {
        case .timeline: return "timeline"
        case .created: return "created"
        case .skipped: return "skipped"
        }
    }
}

import CRMCore
import CRMStore
import Foundation
import GmailSimulator
import MailFormat

/// Makes the demo come alive: when mail to a demo contact has gone out, that contact answers a few
/// seconds later in the sender's Gmail, and the next sync puts the answer on the timeline.
@MainActor
final class DemoReplies {
    private let store: Store
    private let simulator: GmailSimulator
    private let contactDomains: Set<String>
    private var answered: Set<Int64> = []
    private var count = 0

    private static let answers = [
        "Thanks for the quick reply! That works for us. Let's talk on Thursday.",
        "Got it, thank you. I'll share this with the team and come back to you tomorrow.",
        "Perfect, that's exactly what we needed. Could you also send the contract draft?",
        "Thanks! One question: does the price include onboarding?",
    ]

    init(store: Store, simulator: GmailSimulator, contactDomains: Set<String>) {
        self.store = store
        self.simulator = simulator
        self.contactDomains = contactDomains
    }

    /// Watches sync events for sent mail and schedules the answers.
    func handle(_ event: SyncEvent) {
        guard case let .outboxChanged(id, .sent) = event, !answered.contains(id),
              let email = try? store.outgoingEmail(id: id, in: .everyone),
              let recipient = email.to.first(where: { contactDomains.contains(String($0.domain)) }) else { return }
        answered.insert(id)
        count += 1
        let contact = try? store.contact(email: recipient, in: .team(email.teamID))
        let answer = Self.answers[count % Self.answers.count]
        let first = email.from.value.split(separator: "@").first.map(String.init) ?? ""
        let delay = 4 + Double(count % 4)
        var reply = OutgoingMessage(from: MailAddress(name: contact?.name, address: recipient.value),
                                    to: [MailAddress(name: nil, address: email.from.value)],
                                    subject: email.subject.lowercased().hasPrefix("re:") ? email.subject : "Re: " + email.subject,
                                    body: "Hi \(first),\n\n\(answer)\n\nBest,\n\(contact?.name ?? recipient.value)",
                                    date: Date().addingTimeInterval(delay), messageID: "demo-reply-\(id)-\(UUID().uuidString.prefix(8))@\(recipient.domain)")
        if let original = email.messageID {
            reply.inReplyTo = original
            reply.references = [original]
        }
        let simulator = simulator
        let mailbox = email.from.value
        let raw = MessageWriter.write(reply)
        DispatchQueue.main.asyncAfter(deadline: .now() + delay) {
            _ = simulator.deliver(raw: raw, to: mailbox)
        }
    }
}

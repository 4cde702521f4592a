import CRMCore
import Foundation

extension ComposerState {
    /// A reply to `original`: addressed to `recipients`, "Re: " once, the original quoted below a
    /// line saying who wrote it and when, linked to `contact`, threaded through `activityID`.
    static func reply(to original: MailMessage, from: EmailAddress, recipients: [EmailAddress], contact: Contact?,
                      activityID: Int64?, zone: TimeZone = .current) -> ComposerState {
        let subject = original.subject.lowercased().hasPrefix("re:") ? original.subject : "Re: " + original.subject
        let who = original.fromName.map { "\($0) <\(original.fromAddress?.value ?? "")>" }
            ?? original.fromAddress?.value ?? "they"
        let quoted = (original.bodyText ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        let body = "\n\nOn \(TimeText.long(original.date, zone: zone)), \(who) wrote:\n" + quoted
        return ComposerState(from: from.value, to: recipients.map { $0.value + ", " }.joined(), subject: subject,
                             body: body, focus: .body, link: contact.map { .contact($0.id) }, linkTitle: contact?.name,
                             replyToActivityID: activityID)
    }
}

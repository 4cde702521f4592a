import Foundation

/// One thing that stops an email being saved or queued (see `Composition.problems(now:)`). It says
/// what is wrong (`reason`); the command line and the app say how to fix it, for their people.
public enum CompositionProblem: Sendable, Equatable {
    /// An entry of a recipient field that is not an email address, as typed.
    case notAnAddress(String, field: RecipientField)
    /// More recipients than Gmail takes in one message (`OutgoingEmail.maximumRecipients`).
    case tooManyRecipients(Int)
    /// Attachments larger together than Gmail accepts (`AttachmentInfo.maximumTotalBytes`).
    case tooLarge(bytes: Int)
    /// Queued mail needs someone to go to.
    case noRecipients
    /// The send time has passed (by more than `Composition.sendTimeGrace`).
    case sendTimeInPast(Date)

    /// What is wrong, as a clause both front ends build on ("“bo@” in Cc is not an email address",
    /// "it has no recipients"); each adds, in its own words, the option or the key that fixes it.
    public var reason: String {
        switch self {
        case .notAnAddress(let entry, let field):
            return "“\(entry)” in \(field.rawValue) is not an email address"
        case .tooManyRecipients(let count):
            return "\(count) recipients is more than Gmail takes in one message (\(OutgoingEmail.maximumRecipients)); "
                + "Rapport is not for bulk mail"
        case .tooLarge(let bytes):
            return "the attachments come to \(bytes / 1_048_576) MB, more than the "
                + "\(AttachmentInfo.maximumTotalBytes / 1_048_576) MB Gmail accepts; share large files by link instead"
        case .noRecipients:
            return "it has no recipients"
        case .sendTimeInPast(let date):
            return "the send time \(ISODate.format(date)) is in the past"
        }
    }

    /// Whether it is an entry that is not an address.
    public var isUnreadableAddress: Bool {
        if case .notAnAddress = self { return true }
        return false
    }
}

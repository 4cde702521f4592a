import Foundation

/// One thing that stops an email being saved or queued (see `Composition.problems(now:)`). The
/// command line and the app word it for their people.
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

    /// Whether it is an entry that is not an address.
    public var isUnreadableAddress: Bool {
        if case .notAnAddress = self { return true }
        return false
    }
}

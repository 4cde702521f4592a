import Foundation

/// Something the CRM will not do, as data: what was asked and why not. The store throws these; the
/// command line words them with commands and the app with keys, so no advice lives in the store.
public enum Refusal: Error, Sendable, Equatable {
    // MARK: records

    /// There is no such record in the person's team (or it is gone).
    case notFound(RecordKind, id: Int64)
    /// The record is `owner`'s (nil when unknown), and only its author or an admin may change it;
    /// only its author may queue or retry an email (`OutboxAction.needsAuthorsKey`).
    case notYours(RecordKind, id: Int64, owner: String?, change: RecordChange)
    /// A team, user, contact, company or deal needs a name.
    case nameMissing(RecordKind)
    /// Another record of the kind already has the name: a team, a user's login, a company of the team.
    case nameTaken(RecordKind, name: String)
    /// A contact needs at least one email address.
    case addressMissing
    /// An address given for a contact already belongs to another contact of the team.
    case addressTaken(contactID: Int64)
    /// The address is already a connected mailbox, of this person or of someone else.
    case mailboxTaken(EmailAddress, byYou: Bool)
    /// Not a login name (lower-case letters, digits, `.`, `_`, `-`).
    case notALogin(String)
    /// There is no team of that name.
    case noSuchTeam(String)

    // MARK: timelines

    /// Only notes, calls and meetings are written by hand; emails come from mail.
    case onlyNotesCallsMeetings
    /// A note, call or meeting needs a line saying what happened.
    case summaryMissing
    /// The entry came from an email, whose words stay as they were.
    case activityFromEmail(id: Int64)
    /// A page cursor that is not an entry of the timeline being read.
    case notOnTimeline(activityID: Int64)

    // MARK: the outbox

    /// The state machine does not allow the move (see `OutboxRefusal`).
    case outbox(id: Int64, OutboxRefusal)
    /// Only drafts and failed mail are deleted (`OutboxStatus.isDeletable`).
    case notDeletable(id: Int64, status: OutboxStatus)
    /// Only drafts change (`OutboxStatus.isEditable`).
    case notEditable(id: Int64, status: OutboxStatus)
    /// What is wrong with an email being saved (`emailID` nil) or queued (see `Composition`).
    case composition([CompositionProblem], emailID: Int64?)
    /// The address to send from is not one of the person's connected mailboxes.
    case notYourMailbox
    /// The activity a reply answers is not an email of the team.
    case noEmailToReplyTo(activityID: Int64)
    /// The record an email is linked to is not in the person's team.
    case linkOutsideTeam(RecordLink)

    // MARK: mail

    /// The message is in a mailbox of `owner` (nil when unknown), not of the person: only a mailbox's
    /// owner marks, archives or trashes its mail, since Gmail is changed with the owner's sign-in.
    case notYourMessage(id: Int64, owner: String?)

    // MARK: sync

    /// A listing page arrived for a mailbox with no full sync under way.
    case noFullSync(mailboxID: Int64)
}

/// The kinds of record a refusal is about.
public enum RecordKind: String, Sendable, CaseIterable, Hashable {
    case team, user, mailbox, contact, company, deal, activity
    case outgoingEmail = "outgoing email"
    /// A message of a connected mailbox (received, or sent from elsewhere).
    case message

    /// The kind a link points at.
    public init(_ link: RecordLink) {
        switch link {
        case .contact: self = .contact
        case .company: self = .company
        case .deal: self = .deal
        }
    }
}

/// What a person tried to do to a record that is not theirs.
public enum RecordChange: Sendable, Hashable {
    case edit, delete
    /// A move of an outgoing email.
    case outbox(OutboxAction)

    /// "edit", "delete", "queue", "cancel"…
    public var verb: String {
        switch self {
        case .edit: return "edit"
        case .delete: return "delete"
        case .outbox(let action): return action.verb
        }
    }
}

import CRMCore
import Foundation

/// What the store refused, for the command line: what could not be done and the command that helps.
/// The command line's one wording of every refusal; the app words the same values with keys.
extension Refusal {
    var commandLineText: String {
        switch self {
        case .notFound(let kind, let id):
            switch kind {
            case .contact: return "there is no contact \(id) in your team; see rapport contact list"
            case .activity: return "there is no activity \(id) in your team; see rapport timeline"
            case .outgoingEmail: return "there is no outgoing email \(id) in your team; see rapport outbox"
            case .message: return "there is no message \(id) in your team; see rapport mail list"
            case .mailbox: return "there is no mailbox \(id); see rapport account list"
            case .team, .user: return "there is no \(kind.rawValue) \(id)"
            case .company, .deal: return "there is no \(kind.rawValue) \(id) in your team"
            }
        case .notYours(let kind, let id, let owner, .outbox(let action)) where action.needsAuthorsKey:
            return "cannot \(action.verb) \(kind.rawValue) \(id): it is \(owner ?? "someone else")'s, and only its author "
                + "can send it (it is sealed with their own key)"
        case .notYours(let kind, let id, let owner, let change):
            return "cannot \(change.verb) \(kind.rawValue) \(id): it is \(owner ?? "someone else")'s, and only its author "
                + "or an admin can change it"
        case .nameMissing(let kind):
            switch kind {
            case .team: return "a team needs a name"
            case .user: return "a user needs a name (--name \"Full Name\")"
            default: return "a \(kind.rawValue) needs a name (--name)"
            }
        case .nameTaken(let kind, let name):
            switch kind {
            case .user: return "user \(name) already exists"
            case .company: return "your team already has a company named “\(name)”"
            default: return "a \(kind.rawValue) named “\(name)” already exists"
            }
        case .addressMissing:
            return "a contact needs at least one email address (--email)"
        case .addressTaken(let contactID):
            return "an address you gave already belongs to contact \(contactID); "
                + "see rapport contact list --query \(contactID)"
        case .mailboxTaken(let address, let byYou):
            return byYou ? "\(address) is already connected" : "\(address) is already connected by another user"
        case .notALogin(let login):
            return "“\(login)” is not a login name; use the person's OS login (lower-case letters, digits, . _ -)"
        case .noSuchTeam(let name):
            return "there is no team “\(name)”; create it with rapport team add"
        case .onlyNotesCallsMeetings:
            return "emails reach the timeline from mail; record a note, call or meeting instead"
        case .summaryMissing:
            return "an activity needs a summary (--summary)"
        case .activityFromEmail(let id):
            return "activity \(id) comes from an email, whose words cannot be edited; add a note instead"
        case .notOnTimeline(let id):
            return "activity \(id) is not on this contact's timeline, so it cannot be a cursor"
        case .outbox(let id, let refusal):
            return "cannot \(refusal.action.verb) outgoing email \(id): \(refusal.commandLineReason(id: id))"
        case .notDeletable(let id, let status):
            let reason: String
            switch status {
            case .queued: reason = "it is queued; cancel it first (rapport outbox cancel \(id))"
            case .sending: reason = "it is being sent right now"
            default: reason = "sent mail stays on record"
            }
            return "cannot delete outgoing email \(id): \(reason)"
        case .notEditable(let id, let status):
            let instead: String
            switch status {
            case .queued: instead = "; cancel it back to a draft first (rapport outbox cancel \(id))"
            case .failed: instead = "; reopen it as a draft first (rapport outbox edit \(id))"
            default: instead = ""
            }
            return "cannot change outgoing email \(id): it is \(status.rawValue), and only drafts change\(instead)"
        case .composition(let problems, let emailID):
            let problem = problems.first.map { $0.commandLineText(options: emailID == nil) } ?? "it cannot be saved"
            return emailID.map { "cannot queue outgoing email \($0): \(problem)" } ?? "cannot save this email: \(problem)"
        case .notYourMessage(let id, let owner):
            return "cannot change message \(id): it is in \(owner ?? "someone else")'s mailbox, and only its owner can mark, "
                + "archive or trash it (Gmail is changed with the owner's sign-in)"
        case .notYourMailbox:
            return "the --from address is not one of your connected mailboxes; see rapport account list"
        case .noEmailToReplyTo(let id):
            return "there is no email activity \(id) in your team to reply to; see rapport timeline"
        case .linkOutsideTeam(let link):
            return "there is no \(link.type) \(link.id) in your team to link to"
        case .noFullSync(let mailboxID):
            return "mailbox \(mailboxID) has no full sync in progress; begin one first"
        }
    }
}

extension OutboxRefusal {
    /// Why outgoing email `id` cannot make the move, and the command that would help.
    func commandLineReason(id: Int64) -> String {
        switch current {
        case .sent: return "it has already been sent, and sent mail is final"
        case .sending: return "it is being sent right now; wait a moment and look again"
        default: break
        }
        // "a draft", but "queued", "failed".
        let status = current == .draft ? "a draft" : current.rawValue
        switch (action, current) {
        case (.cancel, .failed):
            return "it has failed; retry it (rapport outbox retry \(id)) or delete it (rapport outbox delete \(id))"
        case (.retry, .draft): return "it is a draft, which has not failed; queue it instead (rapport outbox queue \(id))"
        case (.retry, .queued): return "it is already queued and will be sent by rapport sync"
        case (.queue, .failed): return "it has failed; retry it instead (rapport outbox retry \(id))"
        case _ where isAlreadyThere: return "it is already \(status)"
        case (.edit, _): return "only failed mail is reopened for editing; this one is \(status)"
        default: return "it is \(status), and only \(action.source.rawValue) mail can be \(action.pastTense)"
        }
    }
}

extension CompositionProblem {
    /// The problem; with `options`, it names the option that fixes it (the email is being composed).
    func commandLineText(options: Bool) -> String {
        switch self {
        case .notAnAddress(let entry, let field) where options:
            return "--\(field.rawValue.lowercased()): “\(entry)” is not an email address"
        case .noRecipients where options:
            return reason + "; add --to"
        case .sendTimeInPast:
            return reason + "; "
                + (options ? "leave out --send-at to send as soon as possible" : "give a later --send-at, or none")
        case .notAnAddress, .noRecipients, .tooManyRecipients, .tooLarge:
            return reason
        }
    }
}

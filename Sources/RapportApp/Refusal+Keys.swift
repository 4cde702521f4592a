import CRMCore
import Foundation
import TerminalUI

/// What the store refused, for the status line: one sentence or two, with the keys that help.
/// The app's one wording of every refusal; the command line words the same values with commands.
extension Refusal {
    func text(keys: Keymap) -> String {
        switch self {
        case .notFound(let kind, _):
            return "That \(kind.rawValue) is gone (deleted, or not in your team)."
        case .notYours(let kind, _, let owner, .outbox(let action)) where action.needsAuthorsKey:
            return "That \(kind.rawValue) is \(owner.map { SafeText.line($0) + "'s" } ?? "someone else's"); "
                + "only its author can send it (it is sealed with their own key)."
        case .notYours(let kind, _, let owner, _):
            return "That \(kind.rawValue) is \(owner.map { SafeText.line($0) + "'s" } ?? "someone else's"); "
                + "only its author or an admin can change it."
        case .nameMissing(let kind):
            return "A \(kind.rawValue) needs a name."
        case .nameTaken(let kind, let name):
            return "There is already a \(kind.rawValue) named “\(TextWidth.truncate(SafeText.line(name), to: 30))”."
        case .addressMissing:
            return "A contact needs at least one email address."
        case .addressTaken:
            return "That address already belongs to another contact."
        case .mailboxTaken(_, let byYou):
            return byYou ? "That mailbox is already connected." : "That mailbox is already connected by someone else."
        case .notALogin:
            return "That is not a login name (lower-case letters, digits, . _ -)."
        case .noSuchTeam:
            return "There is no team of that name."
        case .onlyNotesCallsMeetings:
            return "Only notes, calls and meetings are written by hand; emails reach the timeline from mail."
        case .summaryMissing:
            return "Write a line saying what happened."
        case .activityFromEmail:
            return "That entry came from an email, whose words stay as they are; \(keys.press(.addNote, in: .timeline)) "
                + "to add a note instead."
        case .notOnTimeline:
            return "That entry is no longer on this timeline; open the timeline again."
        case .outbox(_, let refusal):
            return refusal.text(keys: keys)
        case .notDeletable(_, let status):
            return "Cannot delete this email: " + Self.continuing(Self.why(status, keys: keys))
        case .notEditable(_, let status):
            return "Cannot edit this email: " + Self.continuing(Self.why(status, keys: keys))
        case .composition(let problems, _):
            return problems.first?.text(keys: keys) ?? "This email cannot be saved as it is."
        case .notYourMessage(_, let owner):
            return "That message is in \(owner.map { SafeText.line($0) + "'s" } ?? "someone else's") mailbox; "
                + "only its owner can mark, archive or trash it."
        case .notYourMailbox:
            return "The From address is not one of your connected mailboxes; choose another in From."
        case .noEmailToReplyTo:
            return "The email this replies to is gone (deleted, or not in your team)."
        case .linkOutsideTeam(let link):
            return "The \(link.type) this email is linked to is not in your team; "
                + "\(keys.press(.link, in: .composer)) to link it again."
        case .noFullSync:
            return "Sync lost its place in this mailbox; it starts again at the next sync."
        }
    }

    /// Why an outgoing email in `status` cannot be deleted or edited, and what to do.
    static func why(_ status: OutboxStatus, keys: Keymap) -> String {
        switch status {
        case .queued: return "It is queued; \(keys.press(.cancelEmail, in: .outbox)) to pull it back to drafts first."
        case .sending: return "It is being sent right now; wait a moment."
        case .sent: return "It has been sent, and sent mail stays on record."
        case .failed: return "It has failed; \(keys.press(.editEmail, in: .outbox)) to reopen it as a draft."
        case .draft: return "It is a draft."
        }
    }

    /// A clause as a sentence of its own: "the attachments come to …" → "The attachments come to ….".
    static func sentence(_ clause: String) -> String { clause.prefix(1).uppercased() + clause.dropFirst() + "." }

    /// A sentence continuing another after a colon: "It has failed" → "it has failed".
    static func continuing(_ sentence: String) -> String { sentence.prefix(1).lowercased() + sentence.dropFirst() }
}

extension OutboxRefusal {
    /// "Cannot retry this email: it is a draft, which has not failed; press s to send it."
    func text(keys: Keymap) -> String {
        "Cannot \(action.appVerb) this email: " + Refusal.continuing(reason(keys: keys))
    }

    private func reason(keys: Keymap) -> String {
        let status = current == .draft ? "a draft" : current.rawValue
        switch (action, current) {
        case (_, .sent): return "It has already been sent, and sent mail is final."
        case (_, .sending): return "It is being sent right now; wait a moment."
        case (.cancel, .failed):
            return "It has failed; \(keys.press(.retryEmail, in: .outbox)) to retry or "
                + "\(keys.press(.deleteEmail, in: .outbox)) to delete it."
        case (.queue, .failed): return "It has failed; \(keys.press(.retryEmail, in: .outbox)) to retry it."
        case (.retry, .draft):
            return "It is a draft, which has not failed; \(keys.press(.queueEmail, in: .outbox)) to send it."
        case (.retry, .queued): return "It is already queued and goes out at the next sync."
        case (.edit, .queued): return Refusal.why(.queued, keys: keys)
        case _ where isAlreadyThere: return "It is already \(status)."
        default: return "It is \(status); that works on \(action.source.rawValue) mail."
        }
    }
}

extension OutboxAction {
    /// The word for the key that asked: s sends, u undoes.
    var appVerb: String {
        switch self {
        case .queue: return "send"
        case .cancel: return "undo"
        default: return verb
        }
    }
}

extension CompositionProblem {
    /// "“bo@” in To is not an email address."
    func text(keys: Keymap) -> String {
        switch self {
        case .notAnAddress(let entry, let field):
            return "“\(TextWidth.truncate(SafeText.line(entry), to: 40))” in \(field.rawValue) is not an email address."
        case .tooManyRecipients, .tooLarge:
            return Refusal.sentence(reason)
        case .noRecipients:
            return "Add a recipient in To first."
        case .sendTimeInPast:
            return "That time has passed; give a time in the future."
        }
    }
}

extension Keymap {
    /// "press t": the key for `command`, for sentences.
    func press(_ command: Command, in context: KeyContext) -> String {
        key(for: command, in: context).map { "press \($0)" } ?? "press the key for “\(command.summary)” (? lists them)"
    }
}

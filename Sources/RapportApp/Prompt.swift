import Foundation
import CRMCore
import TerminalUI

/// A one-line question at the bottom of the screen: what it is for, and the answer being typed.
public struct Prompt: Equatable, Sendable {
    /// What happens with the answer.
    public enum Purpose: Equatable, Sendable {
        /// A `:` command.
        case command
        /// When to send the composer's email.
        case schedule
        /// A file to attach to the composer's email.
        case attach
        /// What to link the composer's email to.
        case link
        /// A form of several fields, asked one at a time (a contact, a note, call or meeting).
        case form(Form)
        /// Yes or no before `effect` (deleting a contact or an entry, merging two contacts); `kept`
        /// is said when the answer is no.
        case confirm(question: String, effect: Effect, kept: String)
        /// Yes or no before deleting a draft or failed email.
        case confirmDelete(outgoingID: Int64, status: OutboxStatus)
        /// Yes or no before throwing away what the composer holds (for a saved draft: the changes to it).
        case confirmDiscard(savedDraft: Bool)
        /// When a follow-up falls due again.
        case snooze(FollowupKey)
        /// When to be reminded to follow up a contact.
        case remindWhen(contactID: Int64)
        /// What the reminder due at `at` is for (may be left empty).
        case remindNote(contactID: Int64, at: Date)
        /// Which of the templates `names` fills the composer's email.
        case template(names: [String])
        /// Which of incoming email `messageID`'s `count` attachments to save: a number, or none for all.
        case saveAttachment(messageID: Int64, count: Int)
    }

    public var purpose: Purpose
    public var field: TextField
    /// A line shown above the question until the answer changes (the names Tab found).
    public var hint: String?

    public init(_ purpose: Purpose, text: String = "") {
        self.purpose = purpose
        field = TextField(text: text, placeholder: purpose.placeholder)
        field.moveToEnd()
    }

    /// The words before the answer.
    var label: String {
        switch purpose {
        case .command: return ":"
        case .schedule: return "Send at: "
        case .attach: return "Attach file: "
        case .link: return "Link to: "
        case .saveAttachment(_, let count): return "Save attachment (1–\(count), Enter for all): "
        case .form(let form):
            let count = form.fields.count > 1 ? " \(form.step + 1)/\(form.fields.count)" : ""
            return "\(form.title)\(count) · \(form.current.label): "
        case .confirm(let question, _, _): return question + " (y/n) "
        case .confirmDelete(_, let status): return "Delete this \(status.emailNoun)? (y/n) "
        case .confirmDiscard(let savedDraft):
            return savedDraft ? "Discard your changes to this draft? (y/n) " : "Discard this email? (y/n) "
        case .snooze: return "Snooze until: "
        case .remindWhen: return "Remind me: "
        case .remindNote: return "Note: "
        case .template: return "Template: "
        }
    }

    /// Whether the prompt takes a typed answer (a yes/no question takes y or n only).
    var takesText: Bool {
        switch purpose {
        case .confirmDelete, .confirmDiscard, .confirm: return false
        default: return true
        }
    }
}

extension Prompt.Purpose {
    var placeholder: String {
        switch self {
        case .command: return "sync, compose, theme NAME, q"
        case .schedule: return "in 2h, tomorrow 9:00, mon 8:30, 2026-12-01 14:00"
        case .attach: return "~/path/to/file.pdf (Tab completes)"
        case .link: return "a deal, company or contact (deal NAME to be exact), or none"
        case .form(let form): return form.current.placeholder
        case .snooze, .remindWhen: return "in 3d, tomorrow 9:00, mon 8:30, 2026-12-01 14:00"
        case .remindNote: return "what to do then (Enter for none)"
        case .template: return "a name (Tab completes)"
        case .confirmDelete, .confirmDiscard, .confirm, .saveAttachment: return ""
        }
    }
}

extension OutboxStatus {
    /// "draft", "failed email": what an email in this status is called on screen.
    var emailNoun: String { self == .draft ? "draft" : "\(rawValue) email" }
}

/// A line for the status bar that goes away after a while.
public struct Notice: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public var until: Date
}

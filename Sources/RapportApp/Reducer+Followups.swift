import CRMCore
import Foundation
import TerminalUI

/// Follow-ups (done, snooze, reply), reminders on a contact, templates in the composer and `w`
/// (explain) on an email. The store keeps every rule (`Store.followups`, `MailTemplate`,
/// `Store.explanation`); these keys only ask for them.
extension Reducer {
    /// `d`, `s`, `R`, `C-g` and `w`.
    func followupCommand(_ command: Command, _ state: inout AppState) -> [Effect] {
        switch command {
        case .finishFollowup, .snoozeFollowup:
            guard let followup = state.selectedFollowup else {
                state.notify("Nothing to follow up is selected.")
                return []
            }
            if command == .finishFollowup { return [.finishFollowup(followup.key)] }
            state.prompt = Prompt(.snooze(followup.key))
            return []
        case .remind:
            let contactID: Int64? = switch state.screen {
            case .timeline(let id): id
            case .contacts: state.selectedContact?.id
            default: nil
            }
            guard let contactID else {
                state.notify("Select a contact to be reminded about.")
                return []
            }
            state.prompt = Prompt(.remindWhen(contactID: contactID))
            return []
        case .insertTemplate:
            return state.composer == nil ? [] : [.listTemplates]
        case .explain:
            if case .conversation = state.screen, let message = Self.selectedInThread(state) {
                return [.explain(messageID: message.id)]
            }
            guard case .message(.incoming(let id)) = state.screen else {
                state.notify("Only mail that arrived or synced from Sent has a timeline to explain.")
                return []
            }
            return [.explain(messageID: id)]
        default:
            return []
        }
    }

    /// `r` on a follow-up: a reply to its email, through the same path as the Mail tab's.
    func replyToFollowup(_ kind: ReplyPlan.Kind, _ state: inout AppState) -> [Effect] {
        guard let followup = state.selectedFollowup else { return [] }
        guard let id = followup.outgoingEmailID else {
            state.notify("This reminder is about no email; c writes a new one.")
            return []
        }
        return [.startReply(kind, .outgoing(id), activityID: nil)]
    }

    /// The answer to a follow-up, reminder or template prompt.
    func followupAnswer(_ purpose: Prompt.Purpose, _ text: String, _ state: inout AppState) -> [Effect] {
        switch purpose {
        case .snooze(let key):
            guard let date = when(text, &state) else { return [] }
            return [.snoozeFollowup(key, until: date)]
        case .remindWhen(let contactID):
            guard let date = when(text, &state) else { return [] }
            state.prompt = Prompt(.remindNote(contactID: contactID, at: date))
            return []
        case .remindNote(let contactID, let date):
            return [.addReminder(contactID: contactID, at: date, note: text)]
        case .template(let names):
            guard let composer = state.composer, !text.isEmpty else { return [] }
            guard names.contains(text) else {
                state.notify("There is no template “\(TextWidth.truncate(text, to: 30))”; Tab lists those there are.",
                             isError: true)
                return []
            }
            return [.fillTemplate(name: text, link: composer.link, to: composer.firstRecipient)]
        default:
            return []
        }
    }

    /// `text` read as a time to come (`SendTime`), or nil with the reason on the status line.
    private func when(_ text: String, _ state: inout AppState) -> Date? {
        guard let date = SendTime.parse(text, now: state.now, calendar: TimeText.calendar(state.timeZone)) else {
            state.notify("Could not read “\(TextWidth.truncate(text, to: 30))” as a time; try “3d”, "
                         + "“tomorrow 9:00” or “2026-12-01 14:00”.", isError: true)
            return nil
        }
        guard date > state.now else {
            state.notify("That time has passed; give one to come, such as “3d”.", isError: true)
            return nil
        }
        return date
    }

    /// Tab in the template prompt: the name as far as the templates starting with what is typed agree.
    func completeTemplate(_ names: [String], _ state: inout AppState) {
        guard var prompt = state.prompt else { return }
        let typed = prompt.field.text
        let matches = names.filter { $0.hasPrefix(typed) }
        guard let first = matches.first else { return }
        var common = first
        for name in matches.dropFirst() { while !name.hasPrefix(common) { common.removeLast() } }
        prompt.field.text = common
        prompt.field.moveToEnd()
        prompt.hint = matches.count > 1 ? matches.joined(separator: "  ") : nil
        state.prompt = prompt
    }

    /// The templates there are: a prompt to pick one, or how to make one.
    func pickTemplate(_ names: [String], _ state: inout AppState) -> [Effect] {
        guard state.composer != nil else { return [] }
        guard !names.isEmpty else {
            state.notify("No templates yet: put NAME.md in rapport/templates in your config folder, or templates "
                         + "in the team's home.", isError: true)
            return []
        }
        var prompt = Prompt(.template(names: names))
        prompt.hint = names.joined(separator: "  ")
        state.prompt = prompt
        return []
    }

    /// A template filled in: its subject (when it has one) replaces the composer's, and its text goes
    /// at the top of the body, above what is there (the signature, or the quoted email).
    func fillComposer(_ name: String, subject: String?, body: String, _ state: inout AppState) -> [Effect] {
        guard var composer = state.composer else { return [] }
        if let subject { composer.subject = TextField(text: subject, placeholder: composer.subject.placeholder) }
        let rest = composer.body.text
        composer.body = TextEditor(text: rest.isEmpty ? body : body + "\n" + rest)
        composer.focus = .body
        state.composer = composer
        state.notify("Filled in from template \(name).")
        return [.saveComposerSession(composer.snapshot)]
    }
}

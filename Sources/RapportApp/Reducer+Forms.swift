import CRMCore
import Foundation
import TerminalUI

extension Reducer {
    /// Enter in a form: the answer is checked (a problem says what to fix and the field stays open
    /// with the text), then the next field is asked, or the last one submits the form.
    func formAnswer(_ form: Form, _ text: String, _ state: inout AppState) -> [Effect] {
        var form = form
        form.fields[form.step].value = text
        let calendar = TimeText.calendar(state.timeZone)
        if let problem = form.problem(now: state.now, calendar: calendar) {
            state.prompt?.purpose = .form(form)
            state.notify(problem, isError: true)
            return []
        }
        guard form.isLastStep else {
            form.step += 1
            state.prompt = Prompt(.form(form), text: form.current.value)
            return []
        }
        state.prompt = nil
        return [form.effect(now: state.now, calendar: calendar)]
    }

    /// n, L, M: a form for a new note, call or meeting on the contact on screen (on a deal's page, its
    /// contact), starting with the text of one the store could not save.
    func addActivity(_ type: ActivityType, _ state: inout AppState) -> [Effect] {
        let contactID: Int64
        switch state.screen {
        case .timeline(let id): contactID = id
        case .deal:
            guard let id = state.dealPage?.deal.contactID ?? state.dealPage?.contacts.first?.id else {
                state.notify("This deal has no contact to record it on; link one with rapport deal add --contact.",
                             isError: true)
                return []
            }
            contactID = id
        default: return []
        }
        var text = ""
        if let unsaved = state.unsavedActivity, unsaved.contactID == contactID, unsaved.type == type {
            text = unsaved.summary
            state.unsavedActivity = nil
        }
        let form = Form.activity(contactID: contactID, type: type, editing: nil, summary: text, zone: state.timeZone)
        state.prompt = Prompt(.form(form), text: form.current.value)
        return []
    }

    /// e, d (and Enter) on a timeline entry: notes, calls and meetings change here; mail keeps its words.
    func activityCommand(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard let activity = state.selectedActivity else {
            state.notify("Select a note, call or meeting first (j/k).")
            return []
        }
        guard activity.source == .manual else {
            state.notify("An email keeps its own words: select a note, call or meeting to "
                         + (command == .deleteActivity ? "delete." : "edit."))
            return []
        }
        if command == .deleteActivity {
            let noun = activity.type.rawValue
            state.prompt = Prompt(.confirm(question: "Delete this \(noun)?", effect: .deleteActivity(id: activity.id),
                                           kept: "Kept the \(noun)."))
            return []
        }
        let form = Form.activity(contactID: activity.contactID, type: activity.type, editing: activity, zone: state.timeZone)
        state.prompt = Prompt(.form(form), text: form.current.value)
        return []
    }

    /// a, e, m, d on the contacts list (e also on a timeline): add, edit, merge, delete.
    func contactCommand(_ command: Command, _ state: inout AppState) -> [Effect] {
        if command == .addContact {
            let form = Form.contact(nil, owner: state.user.login)
            state.prompt = Prompt(.form(form))
            return []
        }
        let target: Contact? = state.screen == .contacts ? state.selectedContact : state.timeline?.contact
        guard let contact = target else {
            state.notify("Select a contact first (j/k).")
            return []
        }
        let name = "“\(TextWidth.truncate(SafeText.line(contact.name), to: 30))”"
        switch command {
        case .editContact:
            let form = Form.contact(contact, owner: state.user.login)
            state.prompt = Prompt(.form(form), text: form.current.value)
        case .deleteContact:
            state.prompt = Prompt(.confirm(question: "Delete \(name) and their notes? Their mail stays.",
                                           effect: .deleteContact(id: contact.id), kept: "Kept \(name)."))
        case .mergeContact:
            guard let source = state.mergeSource else {
                state.mergeSource = contact
                state.notify("Merging \(name): select the contact to keep, then m (Esc cancels).")
                return []
            }
            state.mergeSource = nil
            guard source.id != contact.id else {
                state.notify("Merge cancelled.")
                return []
            }
            let merged = "“\(TextWidth.truncate(SafeText.line(source.name), to: 30))”"
            state.prompt = Prompt(.confirm(
                question: "Merge \(merged) into \(name)? Addresses, mail, notes and deals move.",
                effect: .mergeContacts(merged: source.id, into: contact.id), kept: "Nothing merged."))
        default:
            break
        }
        return []
    }

    /// > and <: the selected deal (or the one open) to the next or previous stage.
    func stageCommand(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard let deal = state.screen == .deals ? state.selectedDeal : state.dealPage?.deal else {
            state.notify("Select a deal first (j/k).")
            return []
        }
        let step = command == .nextStage ? 1 : -1
        guard let stage = deal.stage(moving: step) else {
            state.notify("“\(TextWidth.truncate(SafeText.line(deal.name), to: 30))” is at the \(step > 0 ? "last" : "first") stage (\(deal.stage)).")
            return []
        }
        return [.moveDeal(id: deal.id, stage: stage)]
    }
}

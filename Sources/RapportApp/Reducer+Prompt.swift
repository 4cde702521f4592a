import CRMCore
import Foundation
import TerminalUI

extension Reducer {
    /// Keys while a prompt is open: Enter answers, Esc cancels, the rest edits the answer.
    func promptKey(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var prompt = state.prompt else { return [] }
        if case .confirmDelete(let id, let status) = prompt.purpose {
            state.prompt = nil
            if key == .character("y") || key == .character("Y") || key == .enter { return [.deleteOutgoing(id: id)] }
            state.notify("Kept the \(status.emailNoun).")
            return []
        }
        if case .confirmDiscard(let savedDraft) = prompt.purpose {
            state.prompt = nil
            // Only y: Enter or a letter typed on (C-d deletes forward in some editors) keeps the work.
            guard key == .character("y") || key == .character("Y") else {
                state.notify("Nothing discarded; go on writing.")
                return []
            }
            return closeComposer(savedDraft ? "Discarded your changes; the draft is as it was." : "Discarded the email.",
                                 &state)
        }
        if case .confirm(_, let effect, let kept) = prompt.purpose {
            state.prompt = nil
            // Only y: these questions guard deletes and merges, and an Enter typed on from the key
            // before must not answer them.
            if key == .character("y") || key == .character("Y") { return [effect] }
            state.notify(kept)
            return []
        }
        switch keymap.command(for: key, in: [.prompt]) {
        case .confirm?:
            if case .form(let form) = prompt.purpose { return formAnswer(form, prompt.field.text, &state) }
            state.prompt = nil
            return answer(prompt.purpose, prompt.field.text.trimmingCharacters(in: .whitespaces), &state)
        case .dismiss?:
            state.prompt = nil
            if case .form = prompt.purpose { state.notify("Cancelled; nothing was saved.") }
            return []
        case .complete? where prompt.purpose == .attach:
            return [.completePath(prompt.field.text)]
        case .complete?:
            if case .template(let names) = prompt.purpose { completeTemplate(names, &state) }
            return []
        default:
            if key == .control("c") {
                state.prompt = nil
                return []
            }
            let before = prompt.field.text
            _ = prompt.field.handle(key)
            if prompt.field.text != before { prompt.hint = nil }
            state.prompt = prompt
            return []
        }
    }

    /// Tab in the attach prompt: the path as far as the names in its folder agree, else those names.
    func completePath(_ completion: PathCompletion, _ state: inout AppState) -> [Effect] {
        guard var prompt = state.prompt, prompt.purpose == .attach, prompt.field.text == completion.typed else { return [] }
        prompt.field.text = completion.completed
        prompt.hint = completion.hint
        state.prompt = prompt
        return []
    }

    private func answer(_ purpose: Prompt.Purpose, _ text: String, _ state: inout AppState) -> [Effect] {
        switch purpose {
        case .command:
            return commandLine(text, &state)
        case .schedule:
            guard let composer = state.composer else { return [] }
            guard let date = SendTime.parse(text, now: state.now, calendar: TimeText.calendar(state.timeZone)) else {
                state.notify("Could not read “\(TextWidth.truncate(text, to: 30))” as a time; try “in 2h”, "
                             + "“tomorrow 9:00” or “2026-12-01 14:00”.", isError: true)
                return []
            }
            if let problem = problem(sending: composer, at: date, now: state.now) {
                state.notify(problem, isError: true)
                return []
            }
            return [.submitComposer(composer.snapshot, queue: true, sendAt: date)]
        case .attach:
            guard !text.isEmpty else { return [] }
            return [.attachFile(text)]
        case .link:
            return linkAnswer(text, &state)
        case .snooze, .remindWhen, .remindNote, .template:
            return followupAnswer(purpose, text, &state)
        case .saveAttachment(let id, let count):
            guard !text.isEmpty else { return [.saveAttachments(messageID: id, position: nil)] }
            guard let number = Int(text), (1...count).contains(number) else {
                state.notify("There is no attachment “\(TextWidth.truncate(text, to: 10))”: type 1 to \(count), or "
                             + "nothing for all.", isError: true)
                return []
            }
            return [.saveAttachments(messageID: id, position: number - 1)]
        case .form, .confirmDelete, .confirmDiscard, .confirm:
            return []
        }
    }

    /// What C-t's answer asks for: none (unlink), a kind and a name, or a name of any kind.
    private func linkAnswer(_ text: String, _ state: inout AppState) -> [Effect] {
        guard var composer = state.composer, !text.isEmpty else { return [] }
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        let kind = words[0].lowercased()
        if kind == "none" && words.count == 1 {
            composer.link = nil
            composer.linkTitle = nil
            composer.linkChosen = true
            state.composer = composer
            state.notify("The email is linked to nothing now.")
            return [.saveComposerSession(composer.snapshot)]
        }
        if ["deal", "company", "contact"].contains(kind), words.count == 2 {
            return [.findLink(kind: kind, query: words[1])]
        }
        return [.findLink(kind: nil, query: text)]
    }

    /// `:` commands.
    func commandLine(_ text: String, _ state: inout AppState) -> [Effect] {
        let words = text.split(separator: " ").map(String.init)
        switch words.first ?? "" {
        case "":
            return []
        case "q", "quit", "exit":
            return run(.quit, &state)
        case "sync":
            return run(.syncNow, &state)
        case "compose", "c":
            return run(.compose, &state)
        case "help", "h":
            return run(.help, &state)
        case "mail": return run(.showMail, &state)
        case "outbox": return run(.showOutbox, &state)
        case "contacts": return run(.showContacts, &state)
        case "deals": return run(.showDeals, &state)
        case "search":
            let effects = run(.showSearch, &state)
            let query = words.dropFirst().joined(separator: " ")
            guard !query.isEmpty else { return effects }
            state.searchField = TextField(text: query, placeholder: state.searchField.placeholder)
            state.searchField.moveToEnd()
            return effects + [.load(.search(query))]
        case "theme":
            guard words.count == 2 else {
                state.notify("Say which theme: :theme default, :theme light or :theme monochrome.", isError: true)
                return []
            }
            return [.setTheme(words[1])]
        default:
            state.notify("There is no command “\(TextWidth.truncate(words[0], to: 20))”; try :sync, :compose, "
                         + ":search WORDS, :theme NAME or :q (? lists the keys).", isError: true)
            return []
        }
    }

    /// Keys on the search screen: moving through results goes to the list, the rest to the search box.
    func searchKey(_ key: Key, _ state: inout AppState) -> [Effect] {
        if let command = keymap.command(for: key, in: [.search]) { return run(command, &state) }
        let before = state.searchField.text
        guard state.searchField.handle(key) else { return [] }
        let text = state.searchField.text
        guard text != before else { return [] }
        state.searchList = ListState()
        guard Self.isSearchable(text) else {
            state.searchResults = []
            state.searchPending = false
            return []
        }
        state.searchPending = true
        return [.searchAfterPause(text)]
    }

    /// Whether `text` is worth a search: a letter or digit at least, as for `rapport search` (newest
    /// first stops at a page, so one letter is as quick as a word).
    static func isSearchable(_ text: String) -> Bool {
        text.unicodeScalars.contains { CharacterSet.alphanumerics.contains($0) }
    }

    /// Keys while the contacts filter has the focus.
    func filterKey(_ key: Key, _ state: inout AppState) -> [Effect] {
        switch key {
        case .enter, .escape, .down:
            state.filterFocused = false
            return []
        default:
            let before = state.contactFilter.text
            _ = state.contactFilter.handle(key)
            guard state.contactFilter.text != before else { return [] }
            state.contactList = ListState()
            state.contactLimit = AppState.contactPage
            return [.load(state.contactsRequest)]
        }
    }

    /// r, a, f: a reply, reply to all or forward of the email on screen or selected.
    func reply(_ kind: ReplyPlan.Kind, _ state: inout AppState) -> [Effect] {
        switch state.screen {
        case .timeline, .deal:
            guard let activity = state.selectedActivity, activity.type == .email else {
                state.notify(kind == .forward ? "Select an email to forward (notes, calls and meetings stay here)."
                             : "Select an email to reply to (notes, calls and meetings have no reply).")
                return []
            }
            switch activity.source {
            case .incomingEmail(let id): return [.startReply(kind, .incoming(id), activityID: activity.id)]
            case .outgoingEmail(let id): return [.startReply(kind, .outgoing(id), activityID: activity.id)]
            case .manual: return []
            }
        case .message(let ref):
            return [.startReply(kind, ref, activityID: nil)]
        case .mail:
            guard state.focus == .secondary, let newest = state.selectedConversation?.messageIDs.last else {
                state.notify("Select a conversation first (Tab, then j/k).")
                return []
            }
            return [.startReply(kind, .incoming(newest), activityID: nil)]
        case .conversation:
            guard let message = Self.selectedInThread(state) else { return [] }
            return [.startReply(kind, .incoming(message.id), activityID: nil)]
        case .followups:
            return replyToFollowup(kind, &state)
        default:
            return []
        }
    }
}

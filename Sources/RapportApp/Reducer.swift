import CRMCore
import Foundation
import TerminalUI

/// Turns actions into a new state and the effects to run. Pure: no store, no terminal, no clock
/// (time arrives as `.tick`), so every behaviour can be tested as values.
public struct Reducer: Sendable {
    public let keymap: Keymap

    public init(keymap: Keymap = .standard) {
        self.keymap = keymap
    }

    /// Applies `action` to `state` and returns what to do next.
    public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            return press(key, &state)
        case .resized(let size):
            state.size = size
            if case .conversation = state.screen { _ = Self.layout(&state) }
            return []
        case .tick(let now):
            state.now = now
            if let notice = state.notice, notice.until <= now { state.notice = nil }
            if let queued = state.justQueued, queued.until <= now { state.justQueued = nil }
            return []
        case .sync(let event):
            return syncEvent(event, &state)
        case .externalChange:
            // Sync's writes and other processes' alike arrive here, once each (`AppController.storeCheck`).
            // Who is going cold changes over days, not seconds, and takes a scan of the team's
            // timelines to find: that list is read when it is opened, not on every write by sync.
            if state.screen == .contacts && state.showingGoingCold { return [.load(.mailboxes)] }
            return reloadScreen(state)
        case .loaded(let loaded):
            return receive(loaded, &state)
        case .failed(let message):
            state.notify(message, isError: true)
            return []
        case .activityNotSaved(let contactID, let type, let summary, let reason):
            state.unsavedActivity = AppState.UnsavedActivity(contactID: contactID, type: type, summary: summary)
            let command = Command.allCases.first { $0.activityType == type }
            let key = command.flatMap { keymap.key(for: $0, in: .timeline) }.map { " (\($0) brings it back)" } ?? ""
            state.notify("\(type.rawValue.capitalized) not saved\(key). \(reason)", isError: true)
            return []
        case .done(let message):
            if let message { state.notify(message) }
            return reloadScreen(state)
        case .notice(let message):
            state.notify(message)
            return []
        case .markedRead(let ids):
            let read = Set(ids)
            for index in state.thread.indices where read.contains(state.thread[index].id) {
                state.thread[index].labels.removeAll { $0 == "UNREAD" }
            }
            if let id = state.message?.id, read.contains(id) { state.message?.labels.removeAll { $0 == "UNREAD" } }
            return []
        case .mailChanged(let change):
            return mailChanged(change, &state)
        case .composerSaved(let id):
            state.composer?.outgoingID = id
            return []
        case .composerClosed(let message):
            state.composer = nil
            if let message { state.notify(message) }
            state.goBack()
            return reloadScreen(state)
        case .queued(let email):
            let subject = "“\(TextWidth.truncate(SafeText.line(email.subject), to: 30))”"
            guard state.undoWindow.isOpen(for: email, at: state.now), let until = state.undoWindow.end(for: email),
                  (email.sendAt ?? state.now) <= state.now else {
                state.notify(email.sendAt.map { "Scheduled \(subject) for \(TimeText.long($0, zone: state.timeZone))." }
                             ?? "Sending \(subject) now.")
                return []
            }
            state.justQueued = JustQueued(id: email.id, subject: SafeText.line(email.subject), until: until)
            state.notice = nil
            return []
        case .linkCandidates(let query, let candidates):
            return linkComposer(query, candidates, &state)
        case .searchPaused(let text):
            guard state.searchPending, text == state.searchField.text else { return [] }
            return [.load(.search(text))]
        case .pathCompleted(let completion):
            return completePath(completion, &state)
        case .templateNames(let names):
            return pickTemplate(names, &state)
        case .templateFilled(let name, let subject, let body):
            return fillComposer(name, subject: subject, body: body, &state)
        case .attached(let path):
            guard state.composer != nil else { return [] }
            state.composer?.attachments.append(path)
            state.notify("Attached \((path as NSString).lastPathComponent).")
            return [.saveComposerSession(state.composer!.snapshot)]
        case .editorFinished(let text):
            guard let text else {
                state.notify("The editor did not save; the body is as it was.", isError: true)
                return []
            }
            state.composer?.body = TextEditor(fileText: text)
            return state.composer.map { [.saveComposerSession($0.snapshot)] } ?? []
        }
    }

    // MARK: keys

    private func press(_ key: Key, _ state: inout AppState) -> [Effect] {
        if key == .resize { return [] }
        if state.helpVisible { return helpKey(key, &state) }
        if state.explanation != nil {
            // Like the help, any key closes it (Ctrl-C still quits).
            state.explanation = nil
            if key == .control("c") { state.shouldQuit = true; return [.quit] }
            return []
        }
        if state.prompt != nil { return promptKey(key, &state) }
        if let command = keymap.command(for: key, in: [.always]) { return run(command, &state) }
        switch state.screen {
        case .composer: return composerKey(key, &state)
        case .search: return searchKey(key, &state)
        case .contacts where state.filterFocused: return filterKey(key, &state)
        // Esc leaves a merge the way q does (and does nothing else on the list).
        case .contacts where key == .escape && state.mergeSource != nil: return run(.back, &state)
        default: break
        }
        guard let command = keymap.command(for: key, in: contexts(for: state)) else { return [] }
        return run(command, &state)
    }

    /// The keymap contexts of the screen, most specific first.
    func contexts(for state: AppState) -> [KeyContext] {
        switch state.screen {
        case .mail: return [.mail, .list, .global]
        case .outbox: return [.outbox, .list, .global]
        case .contacts: return [.contacts, .list, .global]
        case .timeline: return [.timeline, .list, .global]
        case .deals: return [.deals, .list, .global]
        case .deal: return [.deal, .list, .global]
        case .message, .conversation: return [.message, .global]
        case .search: return [.search]
        case .composer: return [.composer]
        case .followups: return [.followups, .list, .global]
        }
    }

    private func helpKey(_ key: Key, _ state: inout AppState) -> [Effect] {
        switch key {
        case .character("j"), .down: state.helpScroll += 1
        case .character("k"), .up: state.helpScroll = max(0, state.helpScroll - 1)
        case .control("c"): state.shouldQuit = true; return [.quit]
        default: state.helpVisible = false
        }
        return []
    }

    /// Runs a command in the current screen.
    func run(_ command: Command, _ state: inout AppState) -> [Effect] {
        switch command {
        case .quit:
            state.shouldQuit = true
            return [.quit]
        case .back:
            if state.mergeSource != nil {
                state.mergeSource = nil
                state.notify("Merge cancelled.")
                return []
            }
            if state.history.isEmpty {
                // Back from another tab goes to Mail, from a mailbox's mail up to the mailboxes (undoing
                // Enter), and only from there, the top, does it leave.
                if state.screen != .mail { return show(.mail, &state) }
                if state.focus == .secondary {
                    state.focus = .primary
                    return []
                }
                state.shouldQuit = true
                return [.quit]
            }
            state.goBack()
            return reloadScreen(state)
        case .help:
            state.helpVisible.toggle()
            state.helpScroll = 0
            return []
        case .commandLine:
            state.prompt = Prompt(.command)
            return []
        case .nextPane, .previousPane:
            if state.screen == .mail || state.screen == .outbox {
                state.focus = state.focus == .primary ? .secondary : .primary
            }
            return []
        case .showMail: return show(.mail, &state)
        case .showOutbox: return show(.outbox, &state)
        case .showContacts: return show(.contacts, &state)
        case .showSearch: return show(.search, &state)
        case .showDeals: return show(.deals, &state)
        case .showFollowups: return show(.followups, &state)
        case .finishFollowup, .snoozeFollowup, .remind, .insertTemplate, .explain:
            return followupCommand(command, &state)
        case .compose: return openComposer(&state)
        case .syncNow:
            state.notify("Syncing now…")
            return [.requestSync]
        case .down, .up, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
            return move(command, &state)
        case .open: return open(&state)
        case .addContact, .editContact, .mergeContact, .deleteContact: return contactCommand(command, &state)
        case .editActivity, .deleteActivity: return activityCommand(command, &state)
        case .nextStage, .previousStage: return stageCommand(command, &state)
        case .queueEmail, .cancelEmail, .retryEmail, .editEmail, .deleteEmail, .nextStatus, .previousStatus:
            return outboxCommand(command, &state)
        case .undoSend:
            return undoSend(&state)
        case .archive, .trash, .markUnread, .undoMailChange: return mailCommand(command, &state)
        case .saveAttachments: return saveAttachments(&state)
        case .nextView, .previousView: return stepMailView(forward: command == .nextView, &state)
        case .nextMessage, .previousMessage:
            moveInConversation(command, &state)
            return []
        case .toggleQuotes:
            toggleQuotes(&state)
            return []
        case .reply: return reply(.reply, &state)
        case .replyAll: return reply(.replyAll, &state)
        case .forward: return reply(.forward, &state)
        case .addNote, .logCall, .logMeeting:
            guard let type = command.activityType else { return [] }
            return addActivity(type, &state)
        case .focusFilter:
            state.filterFocused = true
            return []
        case .toggleGoingCold:
            state.showingGoingCold.toggle()
            state.contactList = ListState()
            state.contactLimit = AppState.contactPage
            return reloadScreen(state)
        case .send, .schedule, .saveDraft, .discard, .attach, .link, .externalEditor, .nextField, .previousField:
            return composerCommand(command, &state)
        case .confirm, .dismiss, .complete:
            return []
        }
    }

    /// Goes to a tab's screen, forgetting the way back.
    func show(_ screen: Screen, _ state: inout AppState) -> [Effect] {
        state.history = []
        state.mergeSource = nil
        state.screen = screen
        state.focus = .primary
        return reloadScreen(state)
    }

    /// Opens `screen` on top of the current one (q goes back).
    func push(_ screen: Screen, _ state: inout AppState) -> [Effect] {
        state.history.append(Place(screen: state.screen, focus: state.focus))
        state.screen = screen
        state.focus = .primary
        return reloadScreen(state)
    }

    // MARK: data

    /// What the current screen needs read again (after a change by sync or another process).
    func reloadScreen(_ state: AppState) -> [Effect] {
        var requests: [DataRequest] = [.mailboxes]
        switch state.screen {
        case .mail:
            requests += reloadMailList(state)
        case .outbox:
            requests.append(.outbox(state.outboxStatus))
        case .contacts:
            requests.append(state.contactsRequest)
        case .timeline(let id):
            requests.append(.timeline(contactID: id))
        case .message(let ref):
            requests.append(.message(ref))
        case .conversation(let id):
            requests.append(.conversation(ofMessage: id))
        case .search:
            if Self.isSearchable(state.searchField.text) { requests.append(.search(state.searchField.text)) }
        case .composer:
            requests.append(.mailboxChoices)
        case .deals:
            requests.append(.deals)
        case .deal(let id):
            requests.append(.deal(id: id))
        case .followups:
            requests.append(.followups(days: state.followupDays))
        }
        return requests.map(Effect.load)
    }

    private func receive(_ loaded: Loaded, _ state: inout AppState) -> [Effect] {
        switch loaded {
        case .mailboxes(let mailboxes, let unattended):
            state.unattendedQueued = unattended
            let before = state.mailSource
            state.mailboxes = mailboxes
            state.mailboxList.count = mailboxes.count + (state.hasAllMailboxesRow ? 1 : 0)
            if state.screen == .mail, state.mailSource != before { return loadMailList(&state) }
        case .conversations(let page, let rows):
            receiveConversations(page, rows, &state)
        case .mailLabels(let ids, let names):
            guard ids == state.mailSource else { return [] }
            state.mailLabels = names
        case .conversation(let id, let messages, let attachments):
            state.threadAttachments = attachments
            return receiveConversation(id, messages, &state)
        case .outbox(let status, let counts, let rows):
            state.outboxCounts = counts
            guard status == state.outboxStatus else { return [] }
            state.outbox = rows
            state.outboxList.count = rows.count
            if let selected = state.selectedOutgoing { return [.load(.statusHistory(outgoingID: selected.id))] }
            state.statusHistory = []
        case .statusHistory(let id, let changes):
            if state.selectedOutgoing?.id == id { state.statusHistory = changes }
        case .contacts(let filter, let contacts, let total):
            guard !state.showingGoingCold, filter == state.contactFilter.text else { return [] }
            state.contacts = contacts
            state.contactTotal = total
            state.contactList.count = contacts.count
        case .goingCold(let filter, let contacts, let lastTouch):
            guard state.showingGoingCold, filter == state.contactFilter.text else { return [] }
            state.contacts = contacts
            state.contactTotal = contacts.count
            state.lastTouch = lastTouch
            state.contactList.count = contacts.count
        case .timeline(let data):
            guard state.screen == .timeline(contactID: data.contact.id) else { return [] }
            state.timeline = data
            state.timelineList.count = data.activities.count
        case .deals(let pipeline, let deals):
            state.pipeline = pipeline
            state.deals = deals
            state.dealList.count = deals.count
        case .deal(let page):
            guard state.screen == .deal(id: page.deal.id) else { return [] }
            state.dealPage = page
            state.dealPageList.count = page.activities.count
        case .message(let message, let attachments):
            state.message = message
            state.messageAttachments = attachments
            return markReadOnOpen(message, &state)
        case .search(let text, let results):
            guard text == state.searchField.text else { return [] }
            state.searchPending = false
            state.searchResults = results
            state.searchList.count = results.count
        case .completions(let text, let contacts):
            guard state.composer?.addressBeingTyped == text else { return [] }
            // An address typed out in full needs no suggestion.
            state.composer?.completions = contacts.filter { !$0.emails.contains { $0.value == text.lowercased() } }
            state.composer?.completionIndex = 0
        case .recipientContact(let address, let contact):
            return linkRecipient(address, contact, &state)
        case .mailboxChoices(let choices, let signatures, let warnings):
            state.mailboxChoices = choices
            state.signatures = signatures
            state.signatureWarnings = warnings
            if var composer = state.composer, composer.from.isEmpty, let first = choices.first {
                // A new email opened before the mailboxes were known: it goes from the first, signed as it signs.
                composer.from = first.value
                if composer.body.text.isEmpty, composer.outgoingID == nil, composer.answering == nil {
                    composer.body = TextEditor(text: Signature.body("", signature: signatures[first]))
                    if let warning = warnings[first] { state.notify(warning, isError: true) }
                }
                state.composer = composer
            }
        case .composer(let composer):
            state.composer = composer
            if state.screen != .composer { return push(.composer, &state) }
        case .followups(let followups, let names):
            state.followups = followups
            state.followupNames = names
            state.followupList.count = followups.count
        case .dueFollowups(let count):
            state.dueFollowups = count
        case .explanation(let explanation):
            // Only while the email it is about is still on screen (alone, or selected in its conversation).
            var onScreen = state.screen == .message(.incoming(explanation.messageID))
            if case .conversation = state.screen { onScreen = Self.selectedInThread(state)?.id == explanation.messageID }
            guard onScreen else { return [] }
            state.explanation = explanation
        }
        return []
    }

    // MARK: sync

    private func syncEvent(_ event: SyncEvent, _ state: inout AppState) -> [Effect] {
        switch event {
        case let .progress(account, phase, done, total):
            state.progress[account] = SyncProgress(phase: phase, done: done, total: total)
            return []
        case .storeChanged, .outboxChanged:
            // What sync wrote is read through `.externalChange`, which follows every event that wrote.
            return []
        case .failed(let failure):
            state.notify("\(failure.account): \(failure.message)", isError: true)
            return []
        case .caughtUp(let account):
            state.progress[account] = nil
            return []
        }
    }
}

extension AppState {
    /// Shows `text` on the status line for a few seconds (errors longer).
    mutating func notify(_ text: String, isError: Bool = false) {
        notice = Notice(text: text, isError: isError, until: now.addingTimeInterval(isError ? 12 : 5))
    }

    /// Returns to the screen before, and the pane there that had the keys (or Mail when there is none).
    mutating func goBack() {
        let place = history.popLast() ?? Place(screen: .mail)
        screen = place.screen
        focus = place.focus
    }

    var selectedMailbox: Mailbox? { mailboxes.indices.contains(mailboxList.selected) ? mailboxes[mailboxList.selected] : nil }
    var selectedOutgoing: OutgoingEmail? { outbox.indices.contains(outboxList.selected) ? outbox[outboxList.selected] : nil }
    var selectedContact: Contact? {
        contacts.indices.contains(contactList.selected) ? contacts[contactList.selected].contact : nil
    }
    var selectedDeal: Deal? { deals.indices.contains(dealList.selected) ? deals[dealList.selected] : nil }
    /// The entry selected on the timeline, or on the deal's page.
    var selectedActivity: Activity? {
        let (activities, list) = if case .deal = screen { (dealPage?.activities, dealPageList) }
            else { (timeline?.activities, timelineList) }
        guard let activities, activities.indices.contains(list.selected) else { return nil }
        return activities[list.selected]
    }
    var selectedFollowup: Followup? {
        followups.indices.contains(followupList.selected) ? followups[followupList.selected] : nil
    }
    var selectedResult: SearchResult? {
        searchResults.indices.contains(searchList.selected) ? searchResults[searchList.selected] : nil
    }
}

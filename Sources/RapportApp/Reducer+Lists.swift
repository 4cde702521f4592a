import CRMCore
import TerminalUI

extension Reducer {
    /// Moves the selection (or scrolls the message) of the pane that has the keys.
    func move(_ command: Command, _ state: inout AppState) -> [Effect] {
        let rows = max(1, state.size.rows - 6)
        func apply(_ list: inout ListState) {
            switch command {
            case .down: list.moveDown()
            case .up: list.moveUp()
            case .pageDown: list.pageDown(visibleRows: rows)
            case .pageUp: list.pageUp(visibleRows: rows)
            case .halfPageDown: list.halfPageDown(visibleRows: rows)
            case .halfPageUp: list.halfPageUp(visibleRows: rows)
            case .top: list.top()
            case .bottom: list.bottom()
            default: break
            }
        }
        switch state.screen {
        case .mail where state.focus == .primary:
            let before = state.mailboxList.selected
            apply(&state.mailboxList)
            guard state.mailboxList.selected != before, let mailbox = state.selectedMailbox else { return [] }
            state.mail = []
            state.mailList = ListState()
            state.mailLimit = AppState.mailPage
            return [.load(.mail(mailboxID: mailbox.id, limit: state.mailLimit))]
        case .mail:
            apply(&state.mailList)
            return nextMailPage(&state)
        case .outbox:
            let before = state.outboxList.selected
            apply(&state.outboxList)
            guard state.outboxList.selected != before, let email = state.selectedOutgoing else { return [] }
            return [.load(.statusHistory(outgoingID: email.id))]
        case .contacts:
            apply(&state.contactList)
        case .timeline:
            apply(&state.timelineList)
        case .search:
            apply(&state.searchList)
        case .followups:
            apply(&state.followupList)
        case .message:
            switch command {
            case .down: state.messageScroll += 1
            case .up: state.messageScroll -= 1
            case .pageDown, .halfPageDown: state.messageScroll += command == .pageDown ? rows : rows / 2
            case .pageUp, .halfPageUp: state.messageScroll -= command == .pageUp ? rows : rows / 2
            case .top: state.messageScroll = 0
            case .bottom: state.messageScroll = Int.max / 2
            default: break
            }
            state.messageScroll = max(0, state.messageScroll)
        case .composer:
            break
        }
        return []
    }

    /// Enter: opens what is selected.
    func open(_ state: inout AppState) -> [Effect] {
        switch state.screen {
        case .mail where state.focus == .primary:
            state.focus = .secondary
            return []
        case .mail:
            guard let mail = state.selectedMail else { return [] }
            return openMessage(.incoming(mail.id), &state)
        case .outbox:
            guard let email = state.selectedOutgoing else { return [] }
            if email.status.isEditable { return [.reopenDraft(id: email.id)] }
            return openMessage(.outgoing(email.id), &state)
        case .contacts:
            guard let contact = state.selectedContact else { return [] }
            return openTimeline(contact.id, &state)
        case .timeline:
            guard let activity = state.selectedActivity else { return [] }
            switch activity.source {
            case .incomingEmail(let id): return openMessage(.incoming(id), &state)
            case .outgoingEmail(let id): return openMessage(.outgoing(id), &state)
            case .manual:
                state.notify(SafeText.line(activity.summary))
                return []
            }
        case .search:
            guard let result = state.selectedResult else { return [] }
            switch result.target {
            case .contact(let id): return openTimeline(id, &state)
            case .message(let ref): return openMessage(ref, &state)
            }
        case .followups:
            guard let contactID = state.selectedFollowup?.contactID else { return [] }
            return openTimeline(contactID, &state)
        case .message, .composer:
            return []
        }
    }

    /// The next page of the mail list, once the selection is on the last message loaded and the
    /// mailbox may hold more (the last read filled its limit).
    private func nextMailPage(_ state: inout AppState) -> [Effect] {
        guard let mailbox = state.selectedMailbox, !state.mail.isEmpty, state.mailList.selected == state.mail.count - 1,
              state.mail.count >= state.mailLimit else { return [] }
        state.mailLimit += AppState.mailPage
        return [.load(.mail(mailboxID: mailbox.id, limit: state.mailLimit))]
    }

    func openMessage(_ ref: MessageRef, _ state: inout AppState) -> [Effect] {
        state.message = nil
        state.messageScroll = 0
        state.readOnLoad = ref
        return push(.message(ref), &state)
    }

    func openTimeline(_ contactID: Int64, _ state: inout AppState) -> [Effect] {
        state.timeline = nil
        state.timelineList = ListState()
        return push(.timeline(contactID: contactID), &state)
    }
}

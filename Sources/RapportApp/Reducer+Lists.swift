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
            guard state.mailboxList.selected != before else { return [] }
            return loadMailList(&state)
        case .mail:
            return moveOnMailList(command, rows: rows, &state)
        case .outbox:
            let before = state.outboxList.selected
            apply(&state.outboxList)
            guard state.outboxList.selected != before, let email = state.selectedOutgoing else { return [] }
            return [.load(.statusHistory(outgoingID: email.id))]
        case .contacts:
            apply(&state.contactList)
            return nextContactPage(&state)
        case .timeline:
            apply(&state.timelineList)
        case .deals:
            apply(&state.dealList)
        case .deal:
            apply(&state.dealPageList)
        case .search:
            apply(&state.searchList)
        case .conversation:
            moveInConversation(command, &state)
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
            guard let conversation = state.selectedConversation else { return [] }
            return openConversation(conversation, &state)
        case .outbox:
            guard let email = state.selectedOutgoing else { return [] }
            if email.status.isEditable { return [.reopenDraft(id: email.id)] }
            return openMessage(.outgoing(email.id), &state)
        case .contacts:
            guard let contact = state.selectedContact else { return [] }
            return openTimeline(contact.id, &state)
        case .timeline, .deal:
            guard let activity = state.selectedActivity else { return [] }
            switch activity.source {
            case .incomingEmail(let id): return openMessage(.incoming(id), &state)
            case .outgoingEmail(let id): return openMessage(.outgoing(id), &state)
            case .manual: return activityCommand(.editActivity, &state)
            }
        case .deals:
            guard let deal = state.selectedDeal else { return [] }
            state.dealPage = nil
            state.dealPageList = ListState()
            return push(.deal(id: deal.id), &state)
        case .search:
            guard let result = state.selectedResult else { return [] }
            switch result.target {
            case .contact(let id): return openTimeline(id, &state)
            case .message(let ref): return openMessage(ref, &state)
            }
        case .followups:
            guard let contactID = state.selectedFollowup?.contactID else { return [] }
            return openTimeline(contactID, &state)
        case .message, .conversation, .composer:
            return []
        }
    }

    /// The next page of the contacts list, once the selection is on the last row read and more match.
    private func nextContactPage(_ state: inout AppState) -> [Effect] {
        guard !state.showingGoingCold, !state.contacts.isEmpty, state.contactList.selected == state.contacts.count - 1,
              state.contactTotal.map({ state.contacts.count < $0 }) ?? true else { return [] }
        state.contactLimit += AppState.contactPage
        return [.load(.contacts(filter: state.contactFilter.text, limit: state.contactLimit))]
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

import CRMCore
import TerminalUI

extension Reducer {
    /// The outbox's own keys: move the selected email through its states, or change status group.
    func outboxCommand(_ command: Command, _ state: inout AppState) -> [Effect] {
        guard state.screen == .outbox else { return [] }
        switch command {
        case .nextStatus, .previousStatus:
            let all = OutboxStatus.allCases
            let index = all.firstIndex(of: state.outboxStatus) ?? 0
            let next = (index + (command == .nextStatus ? 1 : all.count - 1)) % all.count
            state.outboxStatus = all[next]
            state.outbox = []
            state.outboxList = ListState()
            state.statusHistory = []
            return [.load(.outbox(state.outboxStatus))]
        case .cancelEmail where state.justQueued.map({ $0.until > state.now }) == true:
            // The status line says u undoes the email just sent; it does, whichever is selected.
            return undoSend(&state)
        default:
            break
        }
        guard let email = state.selectedOutgoing else {
            state.notify("Select an email first (j/k), or switch status with h/l.")
            return []
        }
        // What may happen to it is the state machine's to say (OutboxAction, OutboxStatus); the
        // store asks the same, so a key never offers what the store would refuse.
        let wanted: OutboxAction
        switch command {
        case .queueEmail: wanted = .queue
        case .cancelEmail: wanted = .cancel
        case .retryEmail: wanted = .retry
        case .editEmail:
            if email.status.isEditable { return [.reopenDraft(id: email.id)] }
            wanted = .edit
        case .deleteEmail:
            guard email.status.isDeletable else {
                state.notify(Refusal.notDeletable(id: email.id, status: email.status).text(keys: keymap), isError: true)
                return []
            }
            state.prompt = Prompt(.confirmDelete(outgoingID: email.id, status: email.status))
            return []
        default:
            return []
        }
        switch wanted.move(from: email.status) {
        case .failure(let refusal):
            state.notify(Refusal.outbox(id: email.id, refusal).text(keys: keymap), isError: true)
            return []
        case .success:
            if wanted == .edit { return [.outbox(.edit, id: email.id), .reopenDraft(id: email.id)] }
            return [.outbox(wanted, id: email.id)]
        }
    }

    /// u while an email just queued can be pulled back: back to drafts, wherever the selection is.
    func undoSend(_ state: inout AppState) -> [Effect] {
        guard let queued = state.justQueued, queued.until > state.now else {
            let key = keymap.key(for: .undoSend, in: .global) ?? "undo"
            state.notify("Nothing to undo: \(key) pulls back an email in the seconds after you send it.")
            return []
        }
        state.justQueued = nil
        return [.outbox(.cancel, id: queued.id)]
    }
}

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
        default:
            break
        }
        guard let email = state.selectedOutgoing else {
            state.notify("Select an email first (j/k), or switch status with h/l.")
            return []
        }
        let wanted: OutboxAction
        switch command {
        case .queueEmail: wanted = .queue
        case .cancelEmail: wanted = .cancel
        case .retryEmail: wanted = .retry
        case .editEmail:
            if email.status == .draft { return [.reopenDraft(id: email.id)] }
            wanted = .edit
        case .deleteEmail:
            guard email.status == .draft else {
                state.notify("Only drafts can be deleted; this one is \(email.status.rawValue).", isError: true)
                return []
            }
            state.prompt = Prompt(.confirmDelete(outgoingID: email.id))
            return []
        default:
            return []
        }
        guard email.status == wanted.source else {
            state.notify(Self.refusal(wanted, status: email.status), isError: true)
            return []
        }
        if wanted == .edit { return [.outbox(.edit, id: email.id), .reopenDraft(id: email.id)] }
        return [.outbox(wanted, id: email.id)]
    }

    /// Why an action does not apply to an email in `status`, and what would.
    static func refusal(_ action: OutboxAction, status: OutboxStatus) -> String {
        let verb: String
        switch action {
        case .queue: verb = "send"
        case .cancel: verb = "undo"
        case .retry: verb = "retry"
        case .edit: verb = "edit"
        default: verb = action.rawValue
        }
        return "Cannot \(verb) an email that is \(status.rawValue); that works on \(action.source.rawValue) mail."
    }
}

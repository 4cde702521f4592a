import CRMCore
import TerminalUI

/// Read state, archive, trash and their undo, on the mail list and in a message. The store makes
/// the change and queues it for Gmail (`Store.apply(_:toMessage:by:)`); the list shows it once read again.
extension Reducer {
    /// `e`, `#`, `U` and `z`: archive, trash or mark unread the selected (or open) conversation, or undo the last.
    func mailCommand(_ command: Command, _ state: inout AppState) -> [Effect] {
        if command == .undoMailChange {
            guard let change = state.lastMailChange else {
                state.notify("Nothing to undo: archive (e), trash (#) or mark unread (U) an email first.")
                return []
            }
            state.lastMailChange = nil
            return [.undoMailChange(change)]
        }
        let action: MailAction = switch command {
        case .archive: .archive
        case .trash: .trash
        default: .unread
        }
        guard let target = Self.mailTarget(state) else {
            state.notify(state.screen == .mail ? "Select a conversation first (Tab, then j/k)."
                         : "Only mail that arrived can be archived, trashed or marked unread.")
            return []
        }
        return [.changeMail(action, messageIDs: target.ids, subject: target.subject)]
    }

    /// The incoming mail the mail keys act on: every message of the conversation selected on the mail
    /// list or open, or the one message open.
    private static func mailTarget(_ state: AppState) -> (ids: [Int64], subject: String)? {
        switch state.screen {
        case .mail:
            guard state.focus == .secondary, let conversation = state.selectedConversation,
                  !conversation.messageIDs.isEmpty else { return nil }
            return (conversation.messageIDs, SafeText.line(conversation.subject))
        case .conversation:
            guard let first = state.thread.first else { return nil }
            return (state.thread.map(\.id), SafeText.line(first.subject))
        case .message(.incoming(let id)):
            return ([id], SafeText.line(state.message?.id == id ? state.message?.subject ?? "" : ""))
        default:
            return nil
        }
    }

    /// A change was made: it is the one `z` undoes, and the screen is read again.
    func mailChanged(_ change: MailChange, _ state: inout AppState) -> [Effect] {
        state.lastMailChange = change.edit.messages.isEmpty ? state.lastMailChange : change
        state.notify(change.doneText(undoKey: keymap.key(for: .undoMailChange, in: .mail)))
        return reloadScreen(state)
    }

    /// Opening an unread message in one of the person's own mailboxes marks it read (once, when it
    /// first loads); a teammate's mail opens as it is, since only its owner changes it.
    func markReadOnOpen(_ message: MailMessage, _ state: inout AppState) -> [Effect] {
        guard let ref = state.readOnLoad, ref == .incoming(message.id), state.screen == .message(ref) else { return [] }
        state.readOnLoad = nil
        let own = state.mailboxes.contains { $0.email == message.mailbox && $0.userID == state.user.id }
        guard own, message.labels.contains("UNREAD") else { return [] }
        return [.markRead(messageIDs: [message.id])]
    }
}

extension Reducer {
    /// `s` in a conversation or a message: the selected email's attachments saved, at once when it
    /// has one, else after asking which (a number, or Enter for all).
    func saveAttachments(_ state: inout AppState) -> [Effect] {
        let target: (id: Int64, count: Int)?
        switch state.screen {
        case .conversation:
            target = Self.selectedInThread(state).map { ($0.id, state.threadAttachments[$0.id]?.count ?? 0) }
        case .message(.incoming(let id)) where state.message?.id == id:
            target = (id, state.messageAttachments.count)
        default:
            target = nil
        }
        guard let target, target.count > 0 else {
            state.notify(target == nil ? "Only mail that arrived has attachments to save." : "This email has no attachments.")
            return []
        }
        guard target.count > 1 else { return [.saveAttachments(messageID: target.id, position: nil)] }
        state.prompt = Prompt(.saveAttachment(messageID: target.id, count: target.count))
        return []
    }
}

import CRMCore
import TerminalUI

/// A change the person made to a message's labels from the app (archive, trash, mark unread), kept
/// so that `z` can undo the last one.
public struct MailChange: Equatable, Sendable {
    public let action: MailAction
    /// The message's subject, made one safe line.
    public let subject: String
    /// What the store changed, to undo.
    public let edit: LabelEdit

    public init(action: MailAction, subject: String, edit: LabelEdit) {
        self.action = action
        self.subject = subject
        self.edit = edit
    }

    /// What the status line says once it is done; `undoKey` undoes it.
    func doneText(undoKey: String?) -> String {
        let undo = undoKey.map { " \($0) undoes." } ?? ""
        guard !edit.messages.isEmpty else {
            switch action {
            case .archive, .unarchive: return "\(quoted) is already out of the inbox."
            case .trash, .untrash: return "\(quoted) is already in the trash."
            case .read, .unread: return "\(quoted) is already unread."
            }
        }
        switch action {
        case .archive, .unarchive: return "Archived \(quoted).\(undo)"
        case .trash, .untrash: return "Moved \(quoted) to the trash.\(undo)"
        case .read, .unread: return "Marked \(quoted) unread.\(undo)"
        }
    }

    /// What the status line says once it is undone.
    var undoneText: String {
        switch action {
        case .archive, .unarchive: return "\(quoted) is back in the inbox."
        case .trash, .untrash: return "\(quoted) is out of the trash, back where it was."
        case .read, .unread: return "\(quoted) is marked read again."
        }
    }

    /// The subject in quotes, short enough for the status line.
    private var quoted: String { "“\(TextWidth.truncate(subject, to: 40))”" }
}

import CRMCore
import Foundation

/// `mail read|unread|archive|unarchive|trash|untrash ID`: applied to Rapport's copy at once and to
/// Gmail by the next sync. Read state is per message; archive and trash take the whole conversation.
enum MailActionCommands {
    static let specs: [CommandSpec] = MailAction.allCases.map { action in
        CommandSpec(["mail", action.rawValue], arguments: "ID", positionals: 1...1, summary: summary(action),
                    run: { try act($0, action) })
    }

    static func act(_ run: Invocation, _ action: MailAction) throws {
        let id = try run.arguments.id(at: 0, of: "a message")
        let user = try run.actingUser()
        let edit = try run.store().apply(action, toMessage: id, by: user)
        run.print(report(edit, of: action, on: id))
    }

    /// What changed, and when Gmail will have it: "Marked message 12 as read. Gmail will have it …".
    static func report(_ edit: LabelEdit, of action: MailAction, on id: Int64) -> String {
        let what = action.coversConversation && edit.covered > 1 ? "the conversation of message \(id)" : "message \(id)"
        guard !edit.isEmpty else { return sentence("\(what) \(state(action))") }
        let count = edit.covered > 1 ? " (\(edit.covered) messages)" : ""
        let done: String
        switch action {
        case .read: done = "Marked \(what) as read"
        case .unread: done = "Marked \(what) as unread"
        case .archive: done = "Archived \(what)\(count)"
        case .unarchive: done = "Moved \(what) back to the inbox\(count)"
        case .trash: done = "Moved \(what) to the trash\(count)"
        case .untrash: done = "Took \(what) out of the trash, back to the inbox\(count)"
        }
        let gmail = edit.queued > 0 ? "Gmail will have it after the next sync (rapport sync)."
            : "It was imported, not synced from Gmail, so only Rapport's copy changes."
        return "\(done). \(gmail)"
    }

    private static func summary(_ action: MailAction) -> String {
        let what: String
        switch action {
        case .read: what = "mark a message read"
        case .unread: what = "mark a message unread"
        case .archive: what = "archive a message's conversation"
        case .unarchive: what = "move a message's conversation back to the inbox"
        case .trash: what = "move a message's conversation to the trash"
        case .untrash: what = "take a message's conversation out of the trash"
        }
        return what + "; Gmail follows at the next sync"
    }

    /// How things already stood when the action changed nothing.
    private static func state(_ action: MailAction) -> String {
        switch action {
        case .read: return "is already read"
        case .unread: return "is already unread"
        case .archive: return "is already out of the inbox"
        case .unarchive: return "is already in the inbox (mail in the trash comes back with rapport mail untrash)"
        case .trash: return "is already in the trash"
        case .untrash: return "is not in the trash"
        }
    }

    private static func sentence(_ clause: String) -> String { clause.prefix(1).uppercased() + clause.dropFirst() + "." }
}

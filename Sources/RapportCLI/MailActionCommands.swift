import CRMCore
import Foundation

/// `mail read|unread|archive|unarchive|trash|untrash ID`: applied to Rapport's copy at once and to
/// Gmail by the next sync. Read state is per message; archive and trash take the whole conversation.
enum MailActionCommands {
    static let specs: [CommandSpec] = MailAction.allCases.map { action in
        CommandSpec(["mail", action.rawValue], arguments: "ID", positionals: 1...1,
                    summary: action.words.summary + "; Gmail follows at the next sync", run: { try act($0, action) })
    }

    static func act(_ run: Invocation, _ action: MailAction) throws {
        let id = try run.arguments.id(at: 0, of: "a message")
        let user = try run.actingUser()
        let edit = try run.store().apply(action, toMessage: id, by: user)
        run.print(report(edit, of: action, on: id))
    }

    /// What changed, and when Gmail will have it: "Marked message 12 as read. Gmail will have it …".
    static func report(_ edit: LabelEdit, of action: MailAction, on id: Int64) -> String {
        let conversation = action.coversConversation && edit.covered > 1
        let what = conversation ? "the conversation of message \(id)" : "message \(id)"
        let words = action.words
        guard !edit.isEmpty else { return what.prefix(1).uppercased() + what.dropFirst() + " \(words.already)." }
        let count = conversation ? " (\(edit.covered) messages)" : ""
        let gmail = edit.queued > 0 ? "Gmail will have it after the next sync (rapport sync)."
            : "It was imported, not synced from Gmail, so only Rapport's copy changes."
        return "\(words.done) \(what)\(words.place)\(count). \(gmail)"
    }
}

extension MailAction {
    /// How the command line says it: what the command does, what it did to "message 12" (a verb, then
    /// where the message went), and how things stood when it changed nothing.
    fileprivate var words: (summary: String, done: String, place: String, already: String) {
        switch self {
        case .read: ("mark a message read", "Marked", " as read", "is already read")
        case .unread: ("mark a message unread", "Marked", " as unread", "is already unread")
        case .archive: ("archive a message's conversation", "Archived", "", "is already out of the inbox")
        case .unarchive: ("move a message's conversation back to the inbox", "Moved", " back to the inbox",
                          "is already in the inbox (mail in the trash comes back with rapport mail untrash)")
        case .trash: ("move a message's conversation to the trash", "Moved", " to the trash", "is already in the trash")
        case .untrash: ("take a message's conversation out of the trash", "Took", " out of the trash, back to the inbox",
                        "is not in the trash")
        }
    }
}

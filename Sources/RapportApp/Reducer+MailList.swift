import CRMCore
import TerminalUI

/// The mail list: conversations of the chosen mailbox (or all the person's own) in the chosen view,
/// read a page at a time either side of a cursor (`Store.conversations`), so that every conversation
/// is in reach and `G` reads the oldest page at once rather than every page before it.
extension Reducer {
    /// How near an end of the loaded conversations the selection comes before the next page is read.
    static let pageMargin = 10

    /// Starts the list again from its newest page (the mailbox or the view changed).
    func loadMailList(_ state: inout AppState, labels: Bool = true) -> [Effect] {
        state.conversations = []
        state.mailList = ListState()
        state.mailWindow = MailWindow()
        let source = state.mailSource
        guard !source.isEmpty else { return [] }
        let first = Effect.load(.conversations(state.conversationPage(older: true, cursor: nil, limit: AppState.mailPage)))
        return labels ? [.load(.mailLabels(mailboxIDs: source)), first] : [first]
    }

    /// What reads the loaded part of the list again (after a change): the same end, as many as loaded.
    func reloadMailList(_ state: AppState) -> [DataRequest] {
        guard !state.mailSource.isEmpty else { return [] }
        let limit = max(AppState.mailPage, state.conversations.count)
        return [.conversations(state.conversationPage(older: !state.mailWindow.fromOldest, cursor: nil, limit: limit))]
    }

    /// A page arrived: it replaces the list (read from an end) or extends it (read from its first or last).
    func receiveConversations(_ page: ConversationPage, _ rows: [Conversation], _ state: inout AppState) {
        guard page.mailboxIDs == state.mailSource, page.folder == state.mailFolder else { return }
        let full = rows.count >= page.limit
        switch (page.older, page.cursor) {
        case (let older, nil):
            let selected = state.selectedConversation?.id
            state.conversations = rows
            state.mailList.count = rows.count
            state.mailWindow.fromOldest = !older
            state.mailWindow.hasOlder = older && full
            state.mailWindow.hasNewer = !older && full
            switch state.mailWindow.jump {
            case .first?: state.mailList.top()
            case .last?: state.mailList.bottom()
            case nil:
                if let selected, let index = rows.firstIndex(where: { $0.id == selected }) { state.mailList.select(index) }
            }
            state.mailWindow.jump = nil
        case (true, let cursor?):
            guard cursor == state.conversations.last?.cursor else { return }
            state.conversations += rows
            state.mailList.count = state.conversations.count
            state.mailWindow.hasOlder = full
        case (false, let cursor?):
            guard cursor == state.conversations.first?.cursor else { return }
            let selected = state.mailList.selected
            state.conversations.insert(contentsOf: rows, at: 0)
            state.mailList.count = state.conversations.count
            state.mailList.select(selected + rows.count)
            state.mailWindow.hasNewer = full
        }
    }

    /// Moves on the mail list: `g` and `G` read the newest or the oldest page when it is not loaded;
    /// nearing either end of what is loaded reads the next page there.
    func moveOnMailList(_ command: Command, rows: Int, _ state: inout AppState) -> [Effect] {
        if command == .bottom, state.mailWindow.hasOlder {
            state.mailWindow.jump = .last
            return [.load(.conversations(state.conversationPage(older: false, cursor: nil, limit: AppState.mailPage)))]
        }
        if command == .top, state.mailWindow.hasNewer {
            state.mailWindow.jump = .first
            return [.load(.conversations(state.conversationPage(older: true, cursor: nil, limit: AppState.mailPage)))]
        }
        switch command {
        case .down: state.mailList.moveDown()
        case .up: state.mailList.moveUp()
        case .pageDown: state.mailList.pageDown(visibleRows: rows)
        case .pageUp: state.mailList.pageUp(visibleRows: rows)
        case .halfPageDown: state.mailList.halfPageDown(visibleRows: rows)
        case .halfPageUp: state.mailList.halfPageUp(visibleRows: rows)
        case .top: state.mailList.top()
        case .bottom: state.mailList.bottom()
        default: break
        }
        var effects: [Effect] = []
        if state.mailWindow.hasOlder, state.mailList.selected >= state.conversations.count - Self.pageMargin,
           let last = state.conversations.last {
            effects.append(.load(.conversations(state.conversationPage(older: true, cursor: last.cursor, limit: AppState.mailPage))))
        }
        if state.mailWindow.hasNewer, state.mailList.selected < Self.pageMargin, let first = state.conversations.first {
            effects.append(.load(.conversations(state.conversationPage(older: false, cursor: first.cursor, limit: AppState.mailPage))))
        }
        return effects
    }

    /// `v` and `V`: the next or previous view (Inbox, Sent, All Mail, Unread, Trash, then each label).
    func stepMailView(forward: Bool, _ state: inout AppState) -> [Effect] {
        guard state.screen == .mail else { return [] }
        let views = state.mailViews
        let index = views.firstIndex(of: state.mailFolder) ?? 0
        state.mailFolder = views[(index + (forward ? 1 : views.count - 1)) % views.count]
        return loadMailList(&state, labels: false)
    }
}

extension AppState {
    /// The views the mail list steps through: Gmail's, then the mailboxes' own labels.
    var mailViews: [MailFolder] {
        [.inbox, .sent, .allMail, .unread, .trash] + mailLabels.map(MailFolder.label)
    }

    /// The mailboxes the person owns (the "All my mailboxes" row merges them).
    var ownMailboxes: [Mailbox] { mailboxes.filter { $0.userID == user.id } }

    /// Whether the mailboxes pane ends with "All my mailboxes" (when the person owns more than one).
    var hasAllMailboxesRow: Bool { ownMailboxes.count > 1 }

    /// The mailboxes whose conversations the list shows: the selected one, or all the person's own.
    var mailSource: [Int64] {
        if let mailbox = selectedMailbox { return [mailbox.id] }
        return hasAllMailboxesRow && mailboxList.selected == mailboxes.count ? ownMailboxes.map(\.id) : []
    }

    /// How the pane title names what the list shows: "Inbox · ann@northwind.example".
    var mailTitle: String {
        let view = if case .label(let name) = mailFolder { SafeText.line(name) } else { mailFolder.title }
        if let mailbox = selectedMailbox { return "\(view) · \(mailbox.email.value)" }
        return mailSource.isEmpty ? "Mail" : "\(view) · all my mailboxes"
    }

    var selectedConversation: Conversation? {
        conversations.indices.contains(mailList.selected) ? conversations[mailList.selected] : nil
    }

    func conversationPage(older: Bool, cursor: ConversationCursor?, limit: Int) -> ConversationPage {
        ConversationPage(mailboxIDs: mailSource, folder: mailFolder, older: older, cursor: cursor, limit: limit)
    }
}

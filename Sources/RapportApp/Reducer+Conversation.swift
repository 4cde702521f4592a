import CRMCore
import TerminalUI

/// The conversation view: every message of a thread, scrolled as one text; the selected message
/// (the one reply and forward answer) follows the scroll, and `n`/`p` jump between messages.
extension Reducer {
    /// Enter on the mail list: the selected conversation, from its newest message.
    func openConversation(_ conversation: Conversation, _ state: inout AppState) -> [Effect] {
        guard let newest = conversation.messageIDs.last else { return [] }
        state.thread = []
        state.threadSelected = 0
        state.messageScroll = 0
        state.readThreadOnLoad = newest
        return push(.conversation(ofMessage: newest), &state)
    }

    /// The conversation's messages arrived: the first time, the newest is selected and scrolled to,
    /// and its unread messages in the person's own mailboxes are marked read.
    func receiveConversation(_ id: Int64, _ messages: [MailMessage], _ state: inout AppState) -> [Effect] {
        guard state.screen == .conversation(ofMessage: id) else { return [] }
        state.thread = messages
        state.threadSelected = min(state.threadSelected, max(0, messages.count - 1))
        let layout = Self.layout(&state)
        guard state.readThreadOnLoad == id else { return [] }
        state.readThreadOnLoad = nil
        state.threadSelected = max(0, messages.count - 1)
        state.messageScroll = ConversationView.top(layout.headerRows.last ?? 0, lines: layout.lines.count,
                                                   height: ConversationView.textHeight(rows: state.size.rows))
        let own = Set(state.ownMailboxes.map(\.email))
        let unread = messages.filter { own.contains($0.mailbox) && $0.labels.contains("UNREAD") }.map(\.id)
        return unread.isEmpty ? [] : [.markRead(messageIDs: unread)]
    }

    /// Scrolls the conversation, or jumps to the next or previous message; the selection follows.
    func moveInConversation(_ command: Command, _ state: inout AppState) {
        let height = ConversationView.textHeight(rows: state.size.rows)
        let layout = Self.layout(&state)
        switch command {
        case .nextMessage, .previousMessage:
            let target = state.threadSelected + (command == .nextMessage ? 1 : -1)
            guard layout.headerRows.indices.contains(target) else { return }
            state.threadSelected = target
            state.messageScroll = ConversationView.top(layout.headerRows[target], lines: layout.lines.count, height: height)
            return
        case .down: state.messageScroll += 1
        case .up: state.messageScroll -= 1
        case .pageDown, .halfPageDown: state.messageScroll += command == .pageDown ? height : height / 2
        case .pageUp, .halfPageUp: state.messageScroll -= command == .pageUp ? height : height / 2
        case .top: state.messageScroll = 0
        case .bottom: state.messageScroll = layout.lines.count
        default: break
        }
        state.messageScroll = ConversationView.top(state.messageScroll, lines: layout.lines.count, height: height)
        // At the very end, the last message is the one answered, even when it starts above the top row.
        let atEnd = state.messageScroll + height >= layout.lines.count
        state.threadSelected = atEnd ? max(0, state.thread.count - 1) : layout.message(at: state.messageScroll)
    }

    /// `o`: quoted text and signatures shown in full, or folded again; the selected message stays in view.
    func toggleQuotes(_ state: inout AppState) {
        state.quotesExpanded.toggle()
        guard case .conversation = state.screen else { return }
        let layout = Self.layout(&state)
        if layout.headerRows.indices.contains(state.threadSelected) {
            state.messageScroll = layout.headerRows[state.threadSelected]
        }
    }

    /// The open conversation's layout at the terminal's width, kept in the state for the keys and
    /// frames after (made again only when the messages, the width or the folding change).
    static func layout(_ state: inout AppState) -> ConversationLayout {
        let layout = ConversationLayout.of(state, width: ConversationView.textWidth(columns: state.size.columns))
        state.threadLayout = layout
        return layout
    }

    /// The selected message of the open conversation.
    static func selectedInThread(_ state: AppState) -> MailMessage? {
        state.thread.indices.contains(state.threadSelected) ? state.thread[state.threadSelected] : nil
    }
}

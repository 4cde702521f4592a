import CRMCore
import CRMStore
import Foundation
@testable import RapportApp
import TerminalUI
import Testing

/// The mail list reaches every conversation: nearing the end of those loaded reads the next page by
/// its cursor, `G` reads the oldest page at once, and from there the list grows back toward the newest.
@MainActor @Suite struct MailPagingKeyScriptTests {
    /// Ann's app with 320 old one-message conversations in the inbox below the fixture's mail.
    func appWithOldMail() throws -> AppFixture {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        for index in 0..<320 {
            try app.mail(gmailID: "old\(index)", from: "carol@acme.example", fromName: "Carol Client",
                         to: "ann@northwind.example", subject: "Old thread \(index)", body: "Old \(index).",
                         at: AppFixture.now.addingTimeInterval(-Double(40 + index) * 86_400), labels: ["INBOX"])
        }
        app.start()
        app.type("Tab")
        return app
    }

    /// Every conversation of Ann's inbox, newest first, as the store lists them.
    func inbox(_ app: AppFixture) throws -> [Int64] {
        try app.store.conversations(mailboxes: [app.mailbox.id], folder: .inbox, in: app.ann.scope, limit: 10_000).map(\.id)
    }

    func page(_ app: AppFixture, older: Bool, cursor: ConversationCursor?) -> DataRequest {
        .conversations(ConversationPage(mailboxIDs: [app.mailbox.id], folder: .inbox, older: older, cursor: cursor,
                                        limit: AppState.mailPage))
    }

    @Test func nearingTheEndOfTheLoadedConversationsReadsTheNextPage() throws {
        let app = try appWithOldMail()
        let all = try inbox(app)
        #expect(all.count > 3 * AppState.mailPage)
        #expect(app.controller.state.conversations.map(\.id) == Array(all.prefix(AppState.mailPage)))
        app.loads = []
        let last = app.controller.state.conversations.last!.cursor
        for _ in 0..<(AppState.mailPage - Reducer.pageMargin) { app.type("j") }
        #expect(app.loads == [page(app, older: true, cursor: last)], "one page, read from the last one loaded")
        #expect(app.controller.state.conversations.map(\.id) == Array(all.prefix(2 * AppState.mailPage)))
        #expect(app.controller.state.mailList.selected == AppState.mailPage - Reducer.pageMargin)
        // Reading the screen again keeps every page loaded, and the selection on its conversation.
        let selected = app.controller.state.selectedConversation?.id
        app.controller.send([.externalChange])
        #expect(app.controller.state.conversations.count == 2 * AppState.mailPage)
        #expect(app.controller.state.selectedConversation?.id == selected)
    }

    @Test func bigGReadsTheOldestPageAtOnceAndTheListGrowsBackFromThere() throws {
        let app = try appWithOldMail()
        let all = try inbox(app)
        app.loads = []
        app.type("G")
        #expect(app.loads == [page(app, older: false, cursor: nil)], "the oldest page, not every page before it")
        let state = app.controller.state
        #expect(state.conversations.map(\.id) == Array(all.suffix(AppState.mailPage)))
        #expect(state.selectedConversation?.id == all.last)
        #expect(app.text.contains("Old thread 319"))
        // Up toward the newer ones: the page before is read and put above, the selection kept.
        let first = state.conversations.first!.cursor
        app.loads = []
        for _ in 0..<(AppState.mailPage - Reducer.pageMargin) { app.type("k") }
        #expect(app.loads == [page(app, older: false, cursor: first)])
        #expect(app.controller.state.conversations.map(\.id) == Array(all.suffix(2 * AppState.mailPage)))
        #expect(app.controller.state.selectedConversation?.id == all[all.count - AppState.mailPage + Reducer.pageMargin - 1])
        // A change read again keeps the oldest end.
        app.controller.send([.externalChange])
        #expect(app.controller.state.conversations.map(\.id) == Array(all.suffix(2 * AppState.mailPage)))
        // g goes back to the newest at once.
        app.loads = []
        app.type("g")
        #expect(app.loads == [page(app, older: true, cursor: nil)])
        #expect(app.controller.state.selectedConversation?.id == all.first)
        #expect(app.controller.state.conversations.map(\.id) == Array(all.prefix(AppState.mailPage)))
        // At the true end, nothing more is asked for.
        app.type("G")
        app.loads = []
        app.type("G j")
        #expect(app.loads.isEmpty)
    }
}

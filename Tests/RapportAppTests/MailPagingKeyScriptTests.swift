import CRMCore
import CRMStore
import Foundation
@testable import RapportApp
import TerminalUI
import Testing

/// The mail list reaches past its first page: reaching the last message loaded reads the next.
@MainActor @Suite struct MailPagingKeyScriptTests {
    @Test func reachingTheEndOfTheLoadedMailReadsTheNextPage() throws {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        for index in 0..<320 {
            try app.mail(gmailID: "old\(index)", from: "carol@acme.example", fromName: "Carol Client",
                         to: "ann@northwind.example", subject: "Old thread \(index)", body: "Old \(index).",
                         at: AppFixture.now.addingTimeInterval(-Double(40 + index) * 86_400), labels: ["INBOX"])
        }
        app.start()
        app.type("Tab")
        let stored = 32 + 320
        #expect(app.controller.state.mail.count == AppState.mailPage)
        app.loads = []
        app.type("G")
        #expect(app.loads == [.mail(mailboxID: app.mailbox.id, limit: 2 * AppState.mailPage)])
        #expect(app.controller.state.mail.count == stored)
        #expect(app.controller.state.mailList.selected == AppState.mailPage - 1, "the selection stays on the message it reached")
        // The rest is there; at the true end nothing more is asked for.
        app.type("G")
        #expect(app.text.contains("Old thread 319"))
        app.loads = []
        app.type("k j")
        #expect(app.loads.isEmpty)
        // Reading the screen again keeps every page loaded.
        app.controller.send([.externalChange])
        #expect(app.controller.state.mail.count == stored)
    }
}

import CRMCore
import CRMStore
import Foundation
import RapportApp
import TerminalUI
import Testing

/// What holds on every screen of the real app: the command line, resizing, other processes' writes,
/// and never another team's mail.
/// Key scripts through the real AppController, reducer, view and store (`AppFixture`).
@MainActor @Suite struct AppKeyScriptTests {
    @Test func unknownCommandsSayWhatExists() throws {
        let app = try AppFixture()
        app.start()
        app.type(#": "frobnicate" Enter"#)
        #expect(app.text.contains("There is no command “frobnicate”"))
        // On a narrow screen the whole message wraps above the status line (three rows at most),
        // taking rows from the screen only while it shows.
        let narrow = try AppFixture(size: TerminalSize(columns: 40, rows: 12))
        narrow.start()
        narrow.type(#": "frobnicate" Enter"#)
        let rows = narrow.screen.suffix(3)
        #expect(rows.first?.contains("There is no command") == true, "\(narrow.text)")
        #expect(rows.allSatisfy { !$0.contains("│") }, "\(narrow.text)")
        #expect(narrow.screen[8].contains("│") || narrow.screen[8].contains("┘"), "the screen keeps the rest")
        app.type(#": "q" Enter"#)
        #expect(app.controller.state.shouldQuit)
    }

    @Test func qLeavesAMessageForItsListAndQuitsOnlyFromTheTopOfMail() throws {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        app.start()
        app.type("Tab j Enter")
        #expect(app.text.contains("Carol Client <carol@acme.example>"))
        app.type("q")
        #expect(app.text.contains("q back"), "back on the mail list, which says q goes back")
        app.type("j Enter q q")
        #expect(app.controller.state.currentScreen == .mail && !app.controller.state.shouldQuit)
        #expect(app.text.contains("q quit"), "on the mailboxes, the top, q quits")
        app.type("q")
        #expect(app.controller.state.shouldQuit)
    }

    @Test func resizingToFortyColumnsAndBackKeepsEverythingUsable() throws {
        let app = try AppFixture()
        app.start()
        app.type("3 Enter")
        app.terminal.resize(to: TerminalSize(columns: 40, rows: 12))
        app.controller.handleInput()
        #expect(app.screen.count == 12 && app.screen.allSatisfy { TextWidth.of($0) <= 40 })
        #expect(app.text.contains("Carol Client"))
        app.terminal.resize(to: TerminalSize(columns: 100, rows: 30))
        app.controller.handleInput()
        #expect(app.screen.count == 30 && app.text.contains("Timeline (33)"))
    }

    @Test func anotherProcessesWritesShowWithoutAKey() throws {
        let app = try AppFixture()
        app.start()
        app.type("3")
        let other = try Store(path: app.folder.appendingPathComponent("rapport.db").path)
        try other.addContact(name: "Dora Delta", emails: [EmailAddress("dora@delta.example")!], by: app.ann)
        #expect(!app.text.contains("Dora Delta"))
        app.controller.tick()
        #expect(app.text.contains("Dora Delta"))
    }

    @Test func anotherTeamsMailNeverShows() throws {
        let app = try AppFixture()
        let outsider = try app.store.addUser(login: "eve", name: "Eve Other", teamName: "Other", isAdmin: false)
        let mailbox = try app.store.addMailbox(email: EmailAddress("eve@other.example")!, for: outsider)
        try app.store.addContact(name: "Secret Prospect", emails: [EmailAddress("carol@acme.example")!], by: outsider)
        try app.store.recordIncoming(IncomingEmail(
            mailboxID: mailbox.id, gmailID: "secret", threadID: nil, messageID: "secret@x", fromName: "Carol Client",
            fromAddress: EmailAddress("carol@acme.example"), to: [mailbox.email], cc: [], subject: "Secret deal terms",
            snippet: "", bodyText: "confidential", internalDate: AppFixture.now, labels: ["INBOX"]))
        app.start()
        app.type(#"3 Enter"#)
        #expect(!app.text.contains("Secret deal terms"))
        app.type(#"/ "secret""#)
        #expect(!app.text.contains("Secret") && app.text.contains("Nothing matches"))
    }
}

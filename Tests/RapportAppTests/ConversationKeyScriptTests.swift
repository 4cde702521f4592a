import CRMCore
import CRMStore
import Foundation
@testable import RapportApp
import TerminalUI
import Testing

/// A conversation opened from the mail list, through the real app and store (`AppFixture`): every
/// message in order, quotes and signatures folded until `o`, read on open, answered per message, and
/// archive, trash and unread for all of its messages.
@MainActor @Suite struct ConversationKeyScriptTests {
    /// Ann's app with a three-message thread with Carol, newest in the inbox, the last two unread.
    func appWithThread(size: TerminalSize = TerminalSize(columns: 120, rows: 40)) throws -> AppFixture {
        let app = try AppFixture(size: size)
        let bodies = [
            "Could you send the renewal terms?\n\n-- \nCarol Client\nAcme Logistics",
            "Here they are.\n\nOn Mon, Carol Client wrote:\n> Could you send the renewal terms?\n>\n> Thanks",
            "Signed and attached.\n\n> Here they are.\n\n-- \nCarol",
        ]
        for (index, body) in bodies.enumerated() {
            let own = index == 1
            try app.mail(gmailID: "th\(index)", from: own ? "ann@northwind.example" : "carol@acme.example",
                         fromName: own ? "Ann Lee" : "Carol Client", to: own ? "carol@acme.example" : "ann@northwind.example",
                         subject: index == 0 ? "Renewal terms" : "Re: Renewal terms", body: body,
                         at: AppFixture.now.addingTimeInterval(Double(index - 3) * 60),
                         labels: own ? ["SENT"] : index == 0 ? ["INBOX"] : ["INBOX", "UNREAD"], thread: "t-renewal")
        }
        app.start()
        app.type("Tab")
        return app
    }

    /// The subjects of the conversations listed.
    private func listed(_ app: AppFixture) -> [String] { app.controller.state.conversations.map(\.subject) }

    private func labels(_ gmailID: String, _ app: AppFixture) throws -> [String] {
        try #require(try app.store.connection.first("SELECT labels FROM incoming_emails WHERE gmail_id = ?", gmailID))
            .strings("labels")
    }

    @Test func theListShowsTheThreadOnceWithItsCountAndUnreadMarker() throws {
        let app = try appWithThread()
        let row = try #require(app.screen.first { $0.contains("Renewal terms") })
        #expect(row.contains("●") && row.contains("(3)"), "\(row)")
        #expect(app.screen.filter { $0.contains("Renewal terms") }.count == 1)
        #expect(app.controller.state.selectedConversation?.messageCount == 3)
    }

    @Test func enterOpensEveryMessageInOrderWithQuotesAndSignaturesFoldedAndMarksItRead() throws {
        let app = try appWithThread()
        app.type("Enter")
        guard case .conversation = app.controller.state.currentScreen else {
            Issue.record("not a conversation: \(app.controller.state.currentScreen)")
            return
        }
        let text = app.text
        let starts = ["Could you send the renewal terms?", "Here they are.", "Signed and attached."].map {
            text.range(of: $0)?.lowerBound
        }
        #expect(starts.allSatisfy { $0 != nil } && starts.map { $0! } == starts.map { $0! }.sorted(), "\(text)")
        #expect(text.contains("3 messages"))
        #expect(!text.contains("> Could you") && !text.contains("Acme Logistics"), "quotes and signatures folded")
        #expect(text.contains("··· quoted text (4 lines)") && text.contains("··· signature (3 lines)"), "\(text)")
        #expect(try labels("th2", app) == ["INBOX"], "opening marks its unread messages read")
        app.type("o")
        #expect(app.text.contains("> Could you send the renewal terms?") && app.text.contains("Acme Logistics"))
        #expect(app.text.contains("On Mon, Carol Client wrote:"))
        app.type("o")
        #expect(!app.text.contains("Acme Logistics"))
        app.type("q")
        let row = try #require(app.screen.first { $0.contains("Renewal terms") })
        #expect(!row.contains("●"), "read once back on the list: \(row)")
    }

    @Test func markingReadOnOpenChangesTheLabelsInPlaceWithoutReadingTheConversationAgain() throws {
        let app = try appWithThread()
        app.loads = []
        app.type("Enter")
        #expect(try labels("th2", app) == ["INBOX"], "the store has it read")
        #expect(app.controller.state.thread.allSatisfy { !$0.labels.contains("UNREAD") }, "and so does the screen")
        let reads = app.loads.filter { if case .conversation = $0 { return true } else { return false } }
        #expect(reads.count == 1, "read once, not again after marking read: \(app.loads)")
    }

    @Test func replyAnswersTheSelectedMessageOfTheConversation() throws {
        let app = try appWithThread()
        app.type("Enter")
        #expect(app.controller.state.threadSelected == 2, "the newest is selected")
        app.type("r")
        #expect(app.controller.state.currentComposer?.threading.inReplyTo == "th2@mail.example")
        app.type("Esc")
        app.type("Enter p p r")
        #expect(app.controller.state.currentComposer?.threading.inReplyTo == "th0@mail.example")
    }

    @Test func theMailKeysActOnEveryMessageOfTheConversationFromTheListAndTheView() throws {
        let app = try appWithThread()
        app.type("U")
        for id in ["th0", "th2"] { #expect(try labels(id, app).contains("UNREAD"), "\(id)") }
        app.type("z")
        #expect(try labels("th0", app) == ["INBOX"])
        // Archived from the list, it leaves the Inbox view at once.
        app.type("e")
        #expect(!listed(app).contains("Renewal terms"), "\(app.text)")
        for id in ["th0", "th2"] { #expect(try !labels(id, app).contains("INBOX"), "\(id)") }
        app.type("z")
        #expect(listed(app).contains("Renewal terms"))
        // Trashed from the conversation view.
        app.type("g Enter #")
        for id in ["th0", "th1", "th2"] { #expect(try labels(id, app).contains("TRASH"), "\(id)") }
        app.type("q")
        #expect(!listed(app).contains("Renewal terms"))
    }

    @Test func attachmentsAreMarkedOnTheListAndNamedWithTheirSizesInTheConversation() throws {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        let kept: [UInt8] = Array("a,b\n1,2\n".utf8)
        try app.store.recordIncoming(IncomingEmail(
            mailboxID: app.mailbox.id, gmailID: "att1", threadID: "t-att", messageID: "att1@mail.example",
            fromName: "Carol Client", fromAddress: EmailAddress("carol@acme.example"), to: [app.mailbox.email], cc: [],
            subject: "Signed contract", snippet: "", bodyText: "Attached.", internalDate: AppFixture.now.addingTimeInterval(-60),
            labels: ["INBOX"], attachments: [
                IncomingAttachment(position: 0, filename: "figures.csv", contentType: "text/csv", size: kept.count,
                                   sha256: "k", partID: "1", data: kept),
                IncomingAttachment(position: 1, filename: "contract.pdf", contentType: "application/pdf", size: 2_400_000,
                                   sha256: "c", partID: "2", data: nil),
            ]))
        app.start()
        app.type("Tab")
        let row = try #require(app.screen.first { $0.contains("Signed contract") })
        #expect(row.contains("+"), "\(row)")
        #expect(app.screen.first { $0.contains("Weekly digest") }?.contains("+") == false)
        app.type("Enter")
        #expect(app.text.contains("+ figures.csv (\(kept.count) bytes)"), "\(app.text)")
        #expect(app.text.contains("+ contract.pdf (2.3 MB, in Gmail only)"))
    }

    @Test func vStepsThroughTheViewsAndTheTitleNamesEach() throws {
        let app = try appWithThread()
        #expect(app.text.contains("Inbox · ann@northwind.example"))
        #expect(!listed(app).contains("Renewal step 1"), "sent mail is not in the inbox")
        app.type("v")
        #expect(app.text.contains("Sent · ann@northwind.example") && listed(app).contains("Renewal step 1"))
        #expect(!listed(app).contains("Renewal step 2"))
        app.type("v")
        #expect(app.text.contains("All Mail · ann@northwind.example") && listed(app).contains("Renewal step 1")
                && listed(app).contains("Renewal step 2"))
        app.type("v")
        #expect(app.text.contains("Unread ·") && listed(app).contains("見積もりについて") && !listed(app).contains("Renewal step 4"))
        app.type("v")
        #expect(app.text.contains("Trash ·") && app.text.contains("No mail here; v shows the other views."))
        app.type("v")
        #expect(app.text.contains("IMPORTANT ·") && listed(app) == ["見積もりについて"])
        app.type("v")
        #expect(app.text.contains("Inbox ·"))
        app.type("V")
        #expect(app.text.contains("IMPORTANT ·"))
    }

    @Test func allMyMailboxesMergesThePersonsOwn() throws {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        let second = try app.store.addMailbox(email: EmailAddress("ann.lee@gmail.example")!, for: app.ann)
        try app.store.recordIncoming(IncomingEmail(
            mailboxID: second.id, gmailID: "p1", threadID: "t-p1", messageID: "p1@mail.example", fromName: "Dan",
            fromAddress: EmailAddress("dan@home.example"), to: [second.email], cc: [], subject: "Weekend plans",
            snippet: "", bodyText: "Plans.", internalDate: AppFixture.now.addingTimeInterval(-60), labels: ["INBOX"]))
        app.start()
        #expect(app.text.contains("All my mailboxes"))
        #expect(listed(app) == ["Weekend plans"], "the first mailbox alone")
        app.type("j j")
        #expect(app.text.contains("Inbox · all my mailboxes"), "\(app.text)")
        #expect(listed(app).prefix(2) == ["Weekend plans", "Weekly digest"])
    }

    @Test func theConversationDrawsAt80x24AndNarrow() throws {
        for size in [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 40, rows: 12)] {
            let app = try appWithThread(size: size)
            app.type("Enter")
            #expect(app.text.contains("Signed and attached."), "the newest shows: \(app.text)")
            #expect(app.screen.allSatisfy { TextWidth.of($0) <= size.columns })
            app.type("g")
            #expect(app.text.contains("Could you send the renewal terms?"), "\(app.text)")
        }
    }
}

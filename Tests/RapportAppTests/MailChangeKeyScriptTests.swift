import CRMCore
import CRMStore
import Foundation
@testable import RapportApp
import TerminalUI
import Testing

/// Read state, archive, trash and undo from the mail list and a message, through the real app and
/// store (`AppFixture`): what the store holds, what is queued for Gmail, and what the screen says.
@MainActor @Suite struct MailChangeKeyScriptTests {
    private func labels(_ gmailID: String, _ app: AppFixture) throws -> [String] {
        try #require(try app.store.connection.first("SELECT labels FROM incoming_emails WHERE gmail_id = ?", gmailID))
            .strings("labels")
    }

    private func queued(_ app: AppFixture, mailbox: Int64? = nil) throws -> [String: LabelChange] {
        let pending = try app.store.pendingLabelChanges(mailbox: mailbox ?? app.mailbox.id, now: AppFixture.now.addingTimeInterval(60))
        return Dictionary(uniqueKeysWithValues: pending.map { ($0.gmailID, $0.change) })
    }

    /// The mail list's row for `subject`.
    private func row(_ subject: String, _ app: AppFixture) -> String? {
        app.screen.first { $0.contains(subject) }
    }

    @Test func openingAnUnreadMessageMarksItReadAndQueuesThatForGmail() throws {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        app.start()
        app.type("Tab")
        #expect(row("Renewal step 0", app)?.contains("●") == true, "unread before: \(app.text)")
        #expect(try queued(app).isEmpty)
        app.type("j Enter")
        #expect(app.text.contains("Message 0 about the renewal."))
        #expect(try labels("m0", app) == ["INBOX"])
        #expect(try queued(app) == ["m0": LabelChange(remove: ["UNREAD"])])
        #expect(app.controller.state.notice?.isError != true)
        app.type("q")
        #expect(row("Renewal step 0", app)?.contains("●") == false, "read once back on the list: \(app.text)")
        // Opening a read message changes nothing more.
        app.type("Enter q")
        #expect(try queued(app).count == 1)
    }

    @Test func aTeammatesUnreadMailOpensUnchangedAndWithoutAnError() throws {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        let bobs = try app.store.addMailbox(email: EmailAddress("bob@northwind.example")!, for: app.bob)
        try app.store.recordIncoming(IncomingEmail(
            mailboxID: bobs.id, gmailID: "b1", threadID: "t-b1", messageID: "b1@mail.example", fromName: "Carol Client",
            fromAddress: EmailAddress("carol@acme.example"), to: [EmailAddress("bob@northwind.example")!], cc: [],
            subject: "Zephyr pricing", snippet: "Zephyr", bodyText: "Zephyr pricing for Bob.",
            internalDate: AppFixture.now.addingTimeInterval(-600), labels: ["INBOX", "UNREAD"]))
        app.start()
        app.type("4")
        app.typeText("Zephyr")
        app.type("Enter")
        #expect(app.text.contains("Zephyr pricing for Bob."), "\(app.text)")
        #expect(try labels("b1", app) == ["INBOX", "UNREAD"])
        #expect(try queued(app, mailbox: bobs.id).isEmpty)
        #expect(app.controller.state.notice == nil, "no word about it")
        // Archiving it is refused, in words.
        app.type("e")
        #expect(app.text.contains("only its owner can mark, archive or trash it"), "\(app.text)")
        #expect(try labels("b1", app) == ["INBOX", "UNREAD"])
    }

    @Test func eArchivesTheSelectedEmailAndZUndoesIt() throws {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        app.start()
        app.type("Tab j e")
        #expect(try labels("m0", app) == ["UNREAD"])
        #expect(try queued(app) == ["m0": LabelChange(remove: ["INBOX"])])
        #expect(app.text.contains("Archived “Renewal step 0”. z undoes."), "\(app.text)")
        app.type("z")
        #expect(try labels("m0", app).sorted() == ["INBOX", "UNREAD"])
        #expect(app.text.contains("“Renewal step 0” is back in the inbox."), "\(app.text)")
        app.type("z")
        #expect(app.text.contains("Nothing to undo"), "one undo per change")
        #expect(try labels("m0", app).sorted() == ["INBOX", "UNREAD"])
    }

    @Test func hashTrashesTheOpenMessageAndZUndoesIt() throws {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        app.start()
        app.type("Tab j Enter #")
        #expect(try labels("m0", app) == ["TRASH"])
        #expect(try queued(app)["m0"] == LabelChange(add: ["TRASH"], remove: ["INBOX", "UNREAD"]))
        #expect(app.text.contains("Moved “Renewal step 0” to the trash. z undoes."), "\(app.text)")
        app.type("z")
        #expect(try labels("m0", app) == ["INBOX"])
        #expect(app.text.contains("“Renewal step 0” is out of the trash"), "\(app.text)")
    }

    @Test func capitalUMarksUnreadAndItStaysUnreadWhileOpen() throws {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        app.start()
        app.type("Tab j Enter")
        #expect(try labels("m0", app) == ["INBOX"])
        app.type("U")
        #expect(try labels("m0", app).sorted() == ["INBOX", "UNREAD"], "not marked read again as the message reloads")
        #expect(app.text.contains("Marked “Renewal step 0” unread. z undoes."), "\(app.text)")
        app.type("z")
        #expect(try labels("m0", app) == ["INBOX"])
        #expect(app.text.contains("“Renewal step 0” is marked read again."), "\(app.text)")
        // On the list too, and an email already unread says so.
        app.type("q j U")
        #expect(try labels("y1", app).contains("UNREAD"))
        #expect(app.text.contains("“見積もりについて” is already unread."), "\(app.text)")
    }
}

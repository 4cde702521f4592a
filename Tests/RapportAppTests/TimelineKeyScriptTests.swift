import CRMCore
import CRMStore
import RapportApp
import Testing

/// A contact's timeline through the real app: notes added (and kept when the disk is full), replies.
/// Key scripts through the real AppController, reducer, view and store (`AppFixture`).
@MainActor @Suite struct TimelineKeyScriptTests {
    @Test func aNoteAddedOnTheTimelineShowsAtOnce() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"3 Enter n "Called about the pilot; send pricing" Enter"#)
        #expect(try app.store.timeline(contact: app.carol.id, in: app.ann.scope).contains {
            $0.type == .note && $0.summary == "Called about the pilot; send pricing"
        })
        #expect(app.text.contains("Called about the pilot"))
    }

    @Test func aNoteTheFullDiskRefusesIsExplainedAndKept() throws {
        let app = try AppFixture()
        app.start()
        // No free pages left inside the file, and the file may not grow: as a full disk.
        try app.store.connection.execute("VACUUM")
        let pages = try app.store.count("SELECT page_count FROM pragma_page_count()")
        try app.store.connection.execute("PRAGMA max_page_count = \(pages)")
        let notes = try app.store.count("SELECT count(*) FROM activities WHERE type = 'note'")
        // Typed without a pause: 2,700 keys in one read, all of them reach the note.
        let note = (0..<300).map { "pilot\($0)" }.joined(separator: " ")
        app.type(#"3 Enter n "\#(note)" Enter"#)
        #expect(app.text.contains("Note not saved (n brings it back). The disk is full, so nothing was saved;"))
        #expect(app.text.contains("free some space and try again."), "the whole advice shows, on two rows at 80 columns")
        #expect(!app.text.contains("SQLite") && !app.text.contains("INSERT"))
        #expect(try app.store.count("SELECT count(*) FROM activities WHERE type = 'note'") == notes)
        // Space again: n brings the note back as typed, and Enter saves it whole.
        try app.store.connection.execute("PRAGMA max_page_count = 1073741823")
        app.type("n")
        #expect(app.text.contains("New note · Summary: ") && app.text.contains("pilot299"))
        app.type("Enter")
        #expect(try app.store.count("SELECT count(*) FROM activities WHERE type = 'note' AND summary = ?", note) == 1)
        #expect(app.text.contains("Added the note to the timeline."))
        // Once saved, n starts an empty note again.
        app.type("n")
        #expect(!app.text.contains("pilot299"))
    }

    @Test func replyingQuotesThreadsAndLinks() throws {
        let app = try AppFixture()
        app.start()
        app.type("3 Enter j j r")
        let composer = try #require(app.controller.state.currentComposer)
        #expect(composer.subject.text == "Re: Renewal step 0")
        #expect(composer.to.text == "Carol Client <carol@acme.example>, ", "the sender's name is kept")
        #expect(composer.body.text.contains("Carol Client <carol@acme.example> wrote:\n> Message 0 about the renewal."))
        #expect(composer.replyToActivityID != nil && composer.link == .contact(app.carol.id))
        #expect(composer.threading.isReply && composer.answering == .reply)
    }

    @Test func theSignatureFromTheUsersFilesGoesAboveTheQuote() throws {
        let app = try AppFixture()
        app.signatures[app.mailbox.email] = "Ann Lee\nNorthwind"
        app.start()
        app.type("3 Enter j j r")
        let reply = try #require(app.controller.state.currentComposer)
        #expect(reply.body.text.hasPrefix("\n\n-- \nAnn Lee\nNorthwind\n\nOn "))
        #expect(reply.body.cursor.line == 0 && reply.focus == .body)
        app.type("Esc 1 c")
        #expect(app.controller.state.currentComposer?.body.text == "\n\n-- \nAnn Lee\nNorthwind")
        app.signatureWarning = "no signature: other users can change it"
        app.type("Esc")
        #expect(app.controller.state.currentComposer == nil && app.text.contains("Nothing written; no draft kept."), "\(app.text)")
        app.type("3 Enter j j f")
        #expect(app.text.contains("No signature: other users can change it."), "\(app.text)")
        #expect(app.controller.state.currentComposer?.answering == .forward)
    }
}

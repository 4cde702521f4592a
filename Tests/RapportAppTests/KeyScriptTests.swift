import CRMCore
import CRMStore
import Foundation
import RapportApp
import TerminalUI
import Testing

/// Key scripts through the real AppController, reducer, view and store: what a salesperson does,
/// and what the store and the screen show afterwards.
@MainActor @Suite struct KeyScriptTests {
    @Test func composingToAContactWithCompletionQueuesTheEmail() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "car""#)
        #expect(app.text.contains("Carol Client <carol@acme.example>"), "contacts matching what is typed drop down")
        app.type(#"Enter Tab Tab Tab "Renewal terms" Tab "Hi Carol," Enter "here are the terms." C-s"#)
        let queued = try #require(try app.store.outbox(in: app.ann.scope, author: app.ann.id, status: .queued)
            .first { $0.subject == "Renewal terms" })
        #expect(queued.to.map(\.value) == ["carol@acme.example"])
        #expect(queued.bodyText == "Hi Carol,\nhere are the terms.")
        #expect(app.text.contains("Sending “Renewal terms” in 10 s"))
        #expect(try app.store.composerSession(for: app.ann) == nil, "a sent email leaves no composer behind")
    }

    @Test func whatIsTypedIsSavedAtOnceAndComesBackAfterACrash() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "zoe@fjord.example, bo" Tab Tab Tab "Half-written" Tab "First line" Enter "sec""#)
        let saved = try #require(try app.store.composerSession(for: app.ann))
        #expect(saved.state.contains("Half-written") && saved.state.contains("zoe@fjord.example, bo"))

        app.restart() // the process died; a new one starts on the same database
        #expect(app.controller.state.currentScreen == .composer)
        let composer = try #require(app.controller.state.currentComposer)
        #expect(composer.to.text == "zoe@fjord.example, bo")
        #expect(composer.subject.text == "Half-written")
        #expect(composer.body.text == "First line\nsec")
        #expect(composer.focus == .body && composer.body.cursor == .init(line: 1, column: 3))
        #expect(app.text.contains("Your unsent email is back"))
        app.type(#""ond""#)
        #expect(app.controller.state.currentComposer?.body.text == "First line\nsecond", "typing goes on where it stopped")
    }

    @Test func escKeepsADraftAndRefusesAddressesThatAreNot() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "not-an-address" Tab Tab Tab "Notes" Esc"#)
        #expect(app.text.contains("“not-an-address” in To is not an email address"))
        #expect(app.controller.state.currentScreen == .composer, "nothing is thrown away")
        app.type("S-Tab S-Tab S-Tab C-w")
        app.type(#""carol@acme.example" Esc"#)
        let drafts = try app.store.outbox(in: app.ann.scope, author: app.ann.id, status: .draft)
        #expect(drafts.contains { $0.subject == "Notes" && $0.to.map(\.value) == ["carol@acme.example"] })
        #expect(app.controller.state.currentScreen != .composer)
    }

    @Test func anEmailLinksToADealACompanyOrAContactByName() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "carol@acme.example" Tab Tab Tab "Renewal" C-t "acme" Enter"#)
        #expect(app.text.contains("“acme” matches Acme renewal (deal), Acme Logistics (company), C"),
                "two records match: it says which, and links neither")
        #expect(app.controller.state.currentComposer?.link == nil)
        app.type(#"C-t "company acme" Enter"#)
        #expect(app.text.contains("Linked to: Acme Logistics (company)"))
        app.type(#"C-t "nothing like it" Enter"#)
        #expect(app.text.contains("No deal, company or contact matches “nothing like it”."))
        app.type(#"C-t "RENEWAL" Enter"#)
        #expect(app.text.contains("Linked to: Acme renewal (deal)"))
        let deal = try #require(try app.store.deals(contact: app.carol.id, in: app.ann.scope).first)

        app.restart() // the link survives a dropped session like the rest of the composer
        #expect(app.text.contains("Linked to: Acme renewal (deal)"))
        app.type("Esc")
        let draft = try #require(try app.store.outbox(in: app.ann.scope, author: app.ann.id, status: .draft)
            .first { $0.subject == "Renewal" })
        #expect(draft.link == .deal(deal.id))

        app.type(#"2 e C-t "none" Enter Esc"#)
        #expect(try app.store.outgoingEmail(id: draft.id, in: app.ann.scope)?.link == nil, "C-t none unlinks")
    }

    @Test func contactsGoingColdAreOneKeyAway() throws {
        let app = try AppFixture()
        let dan = try app.dormantContact("Dan Dormant", "dan@dormant.example", days: 60)
        try app.dormantContact("Recent Rita", "rita@dormant.example", days: 10)
        app.start()
        app.type("3 C")
        #expect(app.text.contains("Going cold (1): no contact for 30 days"))
        #expect(app.text.contains("Dan Dormant") && app.text.contains("last in touch 8w ago"))
        #expect(!app.text.contains("Recent Rita") && !app.text.contains("Carol Client"), "only who has gone quiet")
        app.type("Enter")
        #expect(app.controller.state.currentScreen == .timeline(contactID: dan.id))
        app.type("q")
        #expect(app.text.contains("Going cold (1)"), "back where the list was")
        app.type("C")
        #expect(app.text.contains("Contacts (5)") && app.text.contains("Carol Client"))
        app.type(#"C f "rita""#)
        #expect(app.text.contains("Contacts (1)") && app.text.contains("Recent Rita"), "f filters every contact again")
    }

    @Test func aFileIsAttachedFromTheComposerAndGoesWithTheEmail() throws {
        let app = try AppFixture()
        let file = app.folder.appendingPathComponent("pricing.pdf")
        try Data("%PDF-1.4 pricing".utf8).write(to: file)
        app.start()
        app.type(#"c "carol@acme.example" Tab Tab Tab "With the pricing" C-o "/no/such/file.pdf" Enter"#)
        #expect(app.text.contains("There is no file at /no/such/file.pdf; check the path."))
        app.type(#"C-o "\#(file.path)" Enter"#)
        #expect(app.text.contains("Attached: pricing.pdf"))
        app.type("C-s")
        let queued = try #require(try app.store.outbox(in: app.ann.scope, author: app.ann.id, status: .queued)
            .first { $0.subject == "With the pricing" })
        #expect(queued.attachments.map(\.filename) == ["pricing.pdf"])
    }

    @Test func outboxKeysMoveMailThroughItsStates() throws {
        let app = try AppFixture()
        app.start()
        app.type("2 h t") // Failed → retry
        #expect(try app.store.outbox(in: app.ann.scope, status: .failed).isEmpty)
        #expect(try app.store.outbox(in: app.ann.scope, status: .queued).contains { $0.subject == "Quote attached" })
        app.type("l l u") // Queued: pull the retried one back
        #expect(app.text.contains("Pulled"))
        app.type("h d")
        #expect(app.text.contains("Delete this draft? (y/n)"))
        let before = try app.store.outbox(in: app.ann.scope, status: .draft).count
        app.type("y")
        #expect(try app.store.outbox(in: app.ann.scope, status: .draft).count == before - 1)
        app.type("l l l s")
        #expect(app.text.contains("Cannot send this email: it has already been sent"), "refusals say why")
    }

    @Test func failedMailIsDeletedWithD() throws {
        let app = try AppFixture()
        app.start()
        app.type("2 h") // Failed
        #expect(app.text.contains("Quote attached"))
        app.type("d")
        #expect(app.text.contains("Delete this failed email? (y/n)"))
        app.type("n")
        #expect(app.text.contains("Kept the failed email."))
        app.type("d y")
        #expect(try app.store.outbox(in: app.ann.scope, status: .failed).isEmpty)
        #expect(app.text.contains("Deleted “Quote attached”."))
    }

    @Test func whatTheStoreRefusesIsWordedWithKeys() throws {
        let app = try AppFixture()
        app.start()
        app.type("2") // Drafts, as loaded now
        let draft = try #require(try app.store.outbox(in: app.ann.scope, status: .draft).first)
        // Meanwhile another window queues it; this screen still shows it as a draft.
        try app.store.apply(.queue, to: draft.id, by: app.ann)
        app.type("s")
        #expect(app.text.contains("Cannot send this email: it is already queued."), "\(app.text)")
        app.type("d y")
        let shown = app.screen.suffix(2).joined(separator: " ") // a long error wraps above the status line
        #expect(shown.contains("Cannot delete this email: it is queued; press u to pull it back to drafts first."),
                "\(app.text)")
        #expect(!app.text.contains("rapport "), "no command-line advice on screen")
        #expect(try app.store.outgoingEmail(id: draft.id, in: app.ann.scope)?.status == .queued)
    }

    @Test func searchShowsResultsAsYouTypeAndOpensThem() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"/ "見積""#)
        #expect(app.text.contains("見積もりについて"))
        app.type("Enter")
        #expect(app.text.contains("お世話になっております"))
        app.type("q")
        #expect(app.controller.state.currentScreen == .search, "q goes back to where you were")
    }

    @Test func searchWaitsForTwoLettersAndForTypingToPause() throws {
        let app = try AppFixture()
        app.start()
        app.type("/ 見")
        #expect(app.text.contains("Keep typing: search starts at two letters."))
        #expect(app.timers.isEmpty, "one letter does not search")
        // Typed fast: no pause between the keys, so no search yet.
        app.terminal.type(Key.script(#""積もり""#))
        app.controller.handleInput()
        #expect(app.text.contains("Searching…") && !app.text.contains("見積もりについて"))
        #expect(app.timers.count == 3, "each keystroke asks for a search after a pause")
        app.pause()
        #expect(app.text.contains("見積もりについて"))
        #expect(app.text.contains("Results (1)") && !app.text.contains("searching…"))
    }

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
        #expect(app.text.contains("Note: ") && app.text.contains("pilot299"))
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
        #expect(composer.to.text == "carol@acme.example, ")
        #expect(composer.body.text.contains("Carol Client <carol@acme.example> wrote:\n> Message 0 about the renewal."))
        #expect(composer.replyToActivityID != nil && composer.link == .contact(app.carol.id))
    }

    @Test func theEditorKeyReplacesTheBody() throws {
        let app = try AppFixture()
        app.start()
        app.type("c C-x")
        #expect(app.controller.state.currentComposer?.body.text == "Edited in the editor.")
        app.editorResult = nil
        app.type("C-x")
        #expect(app.text.contains("The editor did not save"))
        #expect(app.controller.state.currentComposer?.body.text == "Edited in the editor.")
    }

    @Test func schedulingReadsPlainTimes() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "carol@acme.example" Tab Tab Tab "Later" C-l "in 2h" Enter"#)
        let email = try #require(try app.store.outbox(in: app.ann.scope, status: .queued).first { $0.subject == "Later" })
        #expect(email.sendAt == AppFixture.now.addingTimeInterval(7_200))
        #expect(app.text.contains("Scheduled “Later”"))
    }

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

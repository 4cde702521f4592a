import CRMCore
import Foundation
import RapportApp
import TerminalUI
import Testing

/// The composer through the real app: completing, saving as typed and after a crash, keeping drafts,
/// linking, attaching, the editor and scheduling, and what reaches the store.
/// Key scripts through the real AppController, reducer, view and store (`AppFixture`).
@MainActor @Suite struct ComposerKeyScriptTests {
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

    @Test func discardLeavesEvenWithABadAddressAndForgetsTheSavedComposer() throws {
        let app = try AppFixture()
        app.start()
        let drafts = try app.store.outbox(in: app.ann.scope, status: .draft).count
        app.type(#"c "not-an-address" Tab Tab Tab "Never mind" Esc"#)
        let said = app.screen.suffix(2).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(said.hasSuffix("Fix it, then Esc keeps a draft; C-d discards the email."), "Esc says how to get out")
        #expect(try app.store.composerSession(for: app.ann) != nil, "saved as typed meanwhile")
        app.type("C-d")
        #expect(app.text.contains("Discard this email? (y/n)"))
        app.type("y")
        #expect(app.controller.state.currentScreen == .mail && app.controller.state.currentComposer == nil)
        #expect(app.text.contains("Discarded the email."))
        #expect(try app.store.composerSession(for: app.ann) == nil, "nothing comes back after a restart")
        #expect(try app.store.outbox(in: app.ann.scope, status: .draft).count == drafts, "and no draft was kept")
        app.restart()
        #expect(app.controller.state.currentComposer == nil)
    }

    @Test func atFortyColumnsTheWayOutIsReadWhole() throws {
        let app = try AppFixture(size: TerminalSize(columns: 40, rows: 12))
        app.start()
        app.type(#"c "not-an-address" Esc"#)
        let said = app.screen.suffix(3).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(said == "“not-an-address” in To is not an email address. Fix it, then Esc keeps a draft; C-d "
                + "discards the email.", "\(app.text)")
    }

    @Test func escWithSuggestionsOpenClosesOnlyTheSuggestions() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "car""#)
        #expect(app.text.contains("Carol Client <carol@acme.example>"))
        app.type("↓ Esc")
        #expect(!app.text.contains("Carol Client <carol@acme.example>"), "the list closed")
        #expect(app.controller.state.currentScreen == .composer && app.controller.state.currentComposer?.to.text == "car")
        #expect(!app.text.contains("not an email address"), "and nothing else happened")
    }

    @Test func aDraftReopensWithItsBodyAsSavedNoLineAdded() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "carol@acme.example" Tab Tab Tab "Lines" Tab "First" Enter "second" Esc"#)
        app.type("2 Enter") // the newest draft
        #expect(app.controller.state.currentComposer?.subject.text == "Lines")
        #expect(app.controller.state.currentComposer?.body.text == "First\nsecond")
        app.type("Esc 3 Enter j j r") // a reply: written above the quote, kept, reopened
        app.type(#""Thanks" Esc 2 Enter"#)
        let body = try #require(app.controller.state.currentComposer?.body.text)
        #expect(body.hasPrefix("Thanks\n\nOn "), "\(body)")
        app.type("Esc 2 Enter")
        #expect(app.controller.state.currentComposer?.body.text == body, "and again, the same")
    }

    @Test func anEmailLinksToADealACompanyOrAContactByName() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "carol@acme.example" Tab Tab Tab "Renewal" C-t "acme" Enter"#)
        #expect(app.text.contains("“acme” matches Acme renewal (deal), Acme Logistics (company), C"),
                "two records match: it says which, and links neither")
        #expect(app.controller.state.currentComposer?.link == .contact(app.carol.id),
                "the link stays on Carol, whom the email is to")
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

    @Test func linkedToFollowsToUnlessChosen() throws {
        let app = try AppFixture()
        app.start()
        app.type("3 Enter c") // on Carol's timeline: to her, linked to her
        #expect(app.text.contains("Linked to: Carol Client"))
        app.type(#"S-Tab S-Tab S-Tab C-u "zoe@fjord.example""#)
        #expect(app.text.contains("Linked to: Zoë Ångström"), "the automatic link follows To")
        app.type(#"C-u "someone@nowhere.example""#)
        #expect(!app.text.contains("Linked to:"), "nobody known: no link")
        app.type(#"C-t "company acme" Enter C-u "zoe@fjord.example""#)
        #expect(app.text.contains("Linked to: Acme Logistics (company)"), "a link chosen by hand stays")
        app.type(#"Tab Tab Tab "Follow" Esc"#)
        let draft = try #require(try app.store.outbox(in: app.ann.scope, status: .draft).first { $0.subject == "Follow" })
        #expect(draft.link == .company(try #require(try app.store.companies(in: app.ann.scope, matching: "acme", limit: 1).first).id))
        app.type("2 Enter S-Tab S-Tab S-Tab S-Tab C-u \"carol@acme.example\"")
        #expect(app.text.contains("Linked to: Acme Logistics"), "reopened, a chosen link still stays")
        #expect(!app.text.contains("Linked to: Carol"))
    }

    @Test func aFileIsAttachedFromTheComposerAndGoesWithTheEmail() throws {
        let app = try AppFixture()
        let file = app.folder.appendingPathComponent("pricing.pdf")
        try Data("%PDF-1.4 pricing".utf8).write(to: file)
        app.start()
        app.type(#"c "carol@acme.example" Tab Tab Tab "With the pricing" C-o "/no/such/file.pdf" Enter"#)
        #expect(app.text.contains("There is no file at /no/such/file.pdf; check the path."))
        app.type(#"C-o "~/no-such-rapport-file.pdf" Enter"#)
        let home = TextWidth.truncate(NSHomeDirectory() + "/no-such-rapport-file.pdf", to: 50)
        #expect(app.text.contains("There is no file at \(home)"), "~ is the home folder, and the error says where it looked")
        app.type(#"C-o "\#(file.path)" Enter"#)
        #expect(app.text.contains("Attached: pricing.pdf"))
        app.type("C-s")
        let queued = try #require(try app.store.outbox(in: app.ann.scope, author: app.ann.id, status: .queued)
            .first { $0.subject == "With the pricing" })
        #expect(queued.attachments.map(\.filename) == ["pricing.pdf"])
    }

    @Test func tabCompletesThePathToAttachAndListsTheNamesWhenItCannotChoose() throws {
        let app = try AppFixture()
        for name in ["pricing.pdf", "price-list.pdf"] {
            try Data("%PDF-1.4 \(name)".utf8).write(to: app.folder.appendingPathComponent(name))
        }
        app.start()
        app.type(#"c C-o "\#(app.folder.path)/pri" Tab"#)
        #expect(app.text.contains("\(app.folder.lastPathComponent)/pric"), "completed as far as both names go")
        app.type("Tab")
        #expect(app.text.contains("price-list.pdf  pricing.pdf"), "then both are listed above the question")
        app.type(#""i" Tab"#)
        #expect(!app.text.contains("price-list.pdf"))
        app.type("Enter")
        #expect(app.text.contains("Attached: pricing.pdf"))
    }

    @Test func anAttachmentIsRemovedFromTheAttachedLineAndTheDraftDropsIt() throws {
        let app = try AppFixture()
        for name in ["pricing.pdf", "terms.pdf"] {
            try Data("%PDF-1.4 \(name)".utf8).write(to: app.folder.appendingPathComponent(name))
        }
        app.start()
        let folder = app.folder.path
        app.type(#"c "carol@acme.example" Tab Tab Tab "Files" C-o "\#(folder)/pricing.pdf" Enter"#)
        app.type(#"C-o "\#(folder)/terms.pdf" Enter Esc"#)
        let draft = try #require(try app.store.outbox(in: app.ann.scope, status: .draft).first { $0.subject == "Files" })
        #expect(draft.attachments.map(\.filename) == ["pricing.pdf", "terms.pdf"])
        app.type("2 Enter S-Tab") // reopened: the body has the keys; the Attached line is just above
        #expect(app.text.contains("Attached: pricing.pdf, terms.pdf  ←/→ choose · Delete removes"))
        app.type("Delete")
        #expect(app.text.contains("Removed pricing.pdf from the email."))
        #expect(app.text.contains("Attached: terms.pdf"))
        app.type("Esc")
        let saved = try #require(try app.store.outgoingEmail(id: draft.id, in: app.ann.scope))
        #expect(saved.attachments.map(\.filename) == ["terms.pdf"])
        #expect(try app.store.attachmentData(of: draft.id, in: app.ann.scope).map(\.data) == [Data("%PDF-1.4 terms.pdf".utf8)])
    }

    @Test func theEditorKeyReplacesTheBody() throws {
        let app = try AppFixture()
        app.start()
        app.type("c C-x")
        #expect(app.controller.state.currentComposer?.body.text == "Edited in the editor.")
        app.editor = { _ in nil }
        app.type("C-x")
        #expect(app.text.contains("The editor did not save"))
        #expect(app.controller.state.currentComposer?.body.text == "Edited in the editor.")
    }

    @Test func aLineTheEditorAppendsStaysALineOfItsOwn() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c Tab Tab Tab Tab "Hello" Enter "Ann""#)
        var handedOver = ""
        app.editor = { text in
            handedOver = text
            return text + "-- \nAnn Lee\n" // a program appending a signature, as `>>` would
        }
        app.type("C-x")
        #expect(handedOver == "Hello\nAnn\n", "the file ends its last line, as editors expect")
        #expect(app.controller.state.currentComposer?.body.text == "Hello\nAnn\n-- \nAnn Lee")
        app.editor = { $0 } // saved unchanged: the body comes back as it was, no line more or less
        app.type("C-x")
        #expect(app.controller.state.currentComposer?.body.text == "Hello\nAnn\n-- \nAnn Lee")
    }

    @Test func schedulingReadsPlainTimes() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "carol@acme.example" Tab Tab Tab "Later" C-l "in 2h" Enter"#)
        let email = try #require(try app.store.outbox(in: app.ann.scope, status: .queued).first { $0.subject == "Later" })
        #expect(email.sendAt == AppFixture.now.addingTimeInterval(7_200))
        #expect(app.text.contains("Scheduled “Later”"))
    }
}

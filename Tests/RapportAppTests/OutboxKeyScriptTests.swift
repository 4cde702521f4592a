import CRMCore
import CRMStore
import RapportApp
import RapportTestSupport
import Testing

/// The Outbox through the real app: its keys move mail through the store's states, and what the
/// store refuses is worded with keys.
/// Key scripts through the real AppController, reducer, view and store (`AppFixture`).
@MainActor @Suite struct OutboxKeyScriptTests {
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

    @Test func theUndoCountdownRunsTheWholeWindowAndUUndoesFromAnyGroup() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "carol@acme.example" Tab Tab Tab "Renewal terms" Tab "Hi Carol," C-s"#)
        #expect(app.text.contains("Sending “Renewal terms” in 10 s; u to undo"))
        app.wait(3)
        #expect(app.text.contains("Sending “Renewal terms” in 7 s; u to undo"))
        app.wait(3)
        #expect(app.text.contains("Sending “Renewal terms” in 4 s; u to undo"), "still there after the 5 s of a notice")
        app.type("2 h") // the Outbox, on Failed: another email is selected
        #expect(app.text.contains("Quote attached") && app.text.contains("in 4 s; u to undo"))
        app.type("u")
        #expect(app.text.contains("Pulled “Renewal terms” back to drafts."))
        let email = try #require(try app.store.outbox(in: app.ann.scope, status: .draft).first { $0.subject == "Renewal terms" })
        #expect(email.status == .draft)
        #expect(try app.store.outbox(in: app.ann.scope, status: .failed).count == 1, "the selected email is as it was")
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
        try app.store.apply(.queue, to: draft.id, by: app.ann, Store.OutboxUpdate(sealingKey: .test))
        app.type("s")
        #expect(app.text.contains("Cannot send this email: it is already queued."), "\(app.text)")
        app.type("d y")
        let shown = app.screen.suffix(2).joined(separator: " ") // a long error wraps above the status line
        #expect(shown.contains("Cannot delete this email: it is queued; press u to pull it back to drafts first."),
                "\(app.text)")
        #expect(!app.text.contains("rapport "), "no command-line advice on screen")
        #expect(try app.store.outgoingEmail(id: draft.id, in: app.ann.scope)?.status == .queued)
    }
}

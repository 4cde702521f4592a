import CRMCore
import CRMStore
import RapportApp
import RapportTestSupport
import Testing

/// Sending from the app seals the email with the user's own key (the environment's), whether from
/// the composer or the Outbox; without the key nothing is queued and the status line says why.
/// Key scripts through the real AppController, reducer, view and store (`AppFixture`).
@MainActor @Suite struct SealedSendKeyScriptTests {
    /// Whether `email` carries `key`'s seal of what the store holds for it.
    private func isSealed(_ app: AppFixture, _ email: OutgoingEmail, by key: SealingKey) throws -> Bool {
        let content = OutboxSeal(email, attachments: try app.store.attachmentData(of: email.id, in: .everyone),
                                 from: email.from, fromName: app.ann.name)
        return key.problem(with: try app.store.outgoingSeal(id: email.id), for: content) == nil
    }

    @Test func theComposersSendSealsWithTheUsersKey() throws {
        let app = try AppFixture()
        app.start()
        app.type(#"c "carol@acme.example" Tab Tab Tab "Renewal terms" Tab "Hi Carol." C-s"#)
        let queued = try #require(try app.store.outbox(in: app.ann.scope, status: .queued)
            .first { $0.subject == "Renewal terms" })
        #expect(try isSealed(app, queued, by: .test))
        #expect(try !isSealed(app, queued, by: .teammate))
    }

    @Test func theOutboxsSendAndRetrySealWithTheUsersKey() throws {
        let app = try AppFixture()
        app.start()
        let draft = try #require(try app.store.outbox(in: app.ann.scope, status: .draft).first)
        app.type("2 s")
        let queued = try #require(try app.store.outgoingEmail(id: draft.id, in: app.ann.scope))
        #expect(queued.status == .queued)
        #expect(try isSealed(app, queued, by: .test))
        app.type("h t") // Failed → retry
        let retried = try #require(try app.store.outbox(in: app.ann.scope, status: .queued)
            .first { $0.subject == "Quote attached" })
        #expect(try isSealed(app, retried, by: .test))
    }

    @Test func withoutTheKeyNothingIsQueuedAndTheReasonIsShown() throws {
        let app = try AppFixture()
        app.sealingKeyProblem = "Cannot send: the sealing key is damaged."
        app.restart()
        let draft = try #require(try app.store.outbox(in: app.ann.scope, status: .draft).first)
        app.type("2 s")
        #expect(app.text.contains("Cannot send: the sealing key is damaged."), "\(app.text)")
        #expect(try app.store.outgoingEmail(id: draft.id, in: app.ann.scope)?.status == .draft)
        app.type(#"c "carol@acme.example" Tab Tab Tab "Kept" Tab "Still here." C-s"#)
        #expect(app.text.contains("Cannot send: the sealing key is damaged."), "\(app.text)")
        #expect(try app.store.outbox(in: app.ann.scope, status: .queued).allSatisfy { $0.subject != "Kept" })
        #expect(try app.store.composerSession(for: app.ann)?.state.contains("Still here.") == true, "the words are kept")
    }
}

import CRMCore
import CRMStore
import Foundation
@testable import RapportApp
import Synchronization
import TerminalUI
import Testing

/// One path from a store change to the screen: writes by another connection (sync's, in this process
/// or another) are noticed through `PRAGMA data_version`, by a sync event or by the tick, whichever
/// comes first, and read once; and the app asks sync for what it needs, no more.
@MainActor @Suite struct StoreChangeTests {
    /// The app showing Mail, with no read counted yet, and a second connection to its database (as sync has).
    private func started() throws -> (AppFixture, Store) {
        let app = try AppFixture()
        app.start()
        app.loads.removeAll()
        return (app, try Store(path: app.folder.appendingPathComponent("rapport.db").path))
    }

    /// Mail arriving for Ann, written through `store`.
    private func arrive(_ subject: String, through store: Store, _ app: AppFixture) throws {
        try store.recordIncoming(IncomingEmail(
            mailboxID: app.mailbox.id, gmailID: subject, threadID: nil, messageID: "\(subject.count)@acme.example",
            fromName: "Carol Client", fromAddress: EmailAddress("carol@acme.example"), to: [app.mailbox.email], cc: [],
            subject: subject, snippet: "", bodyText: "New.", internalDate: AppFixture.now, labels: ["INBOX"]))
    }

    /// The reads of the Mail screen, the first one the app shows.
    private func mailScreen(_ app: AppFixture) -> [DataRequest] {
        [.mailboxes, .conversations(ConversationPage(mailboxIDs: [app.mailbox.id], folder: .inbox, older: true, cursor: nil,
                                                     limit: AppState.mailPage))]
    }

    private var account: String { "ann@northwind.example" }

    @Test func oneWriteBySyncIsReadOnce() throws {
        let (app, sync) = try started()
        try arrive("Fresh from Gmail", through: sync, app)
        // What sync says after storing mail (`partialSync`): progress, then the change.
        app.controller.receive(.progress(account: account, phase: .partial, done: 1, total: 1))
        #expect(app.loads == mailScreen(app), "the first event after the write reads what is visible")
        #expect(app.text.contains("Fresh from Gmail"))
        app.controller.receive(.storeChanged(.mail(account: account)))
        app.controller.tick()
        #expect(app.loads == mailScreen(app), "neither the second event nor the tick reads the same write again")
    }

    @Test func aWriteTheTickReadFirstIsNotReadAgainWhenItsEventArrives() throws {
        let (app, other) = try started()
        try arrive("Written elsewhere", through: other, app)
        #expect(app.loads.isEmpty && !app.text.contains("Written elsewhere"), "nothing is read until someone looks")
        app.controller.tick()
        #expect(app.loads == mailScreen(app))
        #expect(app.text.contains("Written elsewhere"), "another connection's write shows at the next tick")
        app.controller.receive(.storeChanged(.mail(account: account)))
        app.controller.tick()
        #expect(app.loads == mailScreen(app))
    }

    @Test func nothingWrittenNothingRead() throws {
        let (app, _) = try started()
        app.controller.tick()
        app.controller.receive(.progress(account: account, phase: .partial, done: 0, total: 0))
        app.controller.receive(.caughtUp(account: account))
        app.controller.tick()
        #expect(app.loads.isEmpty)
    }

    @Test func theAppsOwnWriteIsReadOnceByWhatMadeIt() throws {
        let app = try AppFixture()
        app.start()
        app.type("2 h")
        app.loads.removeAll()
        app.type("t") // retry the failed email: a write on the app's own connection
        #expect(app.loads.filter { $0 == .outbox(.failed) }.count == 1)
        let afterWrite = app.loads
        app.controller.tick()
        #expect(app.loads == afterWrite, "the tick does not read the app's own write again")
    }

    @Test func aSendAfterTheUndoWindowAsksForThatMailboxsSenderAlone() throws {
        let sync = RecordingSync()
        let app = try AppFixture(sync: sync)
        app.start()
        app.type(#"c "carol@acme.example" Tab Tab Tab "Renewal terms" Tab "Hi Carol," C-s"#)
        #expect(app.text.contains("Sending “Renewal terms” in 10 s"))
        #expect(sync.calls.isEmpty, "nothing is asked while the email can be pulled back")
        let send = try #require(app.timers.last)
        #expect(send.seconds > app.controller.state.undoWindow.length)
        send.work()
        #expect(sync.calls == [.send(account: account)])
        app.type("S")
        #expect(sync.calls == [.send(account: account), .sync(account: nil)], "sync now still syncs every mailbox")
    }
}

/// A `SyncControl` that records what it was asked.
final class RecordingSync: SyncControl {
    enum Call: Equatable {
        case sync(account: String?)
        case send(account: String)
        case stop
    }

    private let recorded = Mutex<[Call]>([])

    var calls: [Call] { recorded.withLock { $0 } }

    func requestSync(account: String?) { recorded.withLock { $0.append(.sync(account: account)) } }
    func requestSend(account: String) { recorded.withLock { $0.append(.send(account: account)) } }
    func stop() { recorded.withLock { $0.append(.stop) } }
}

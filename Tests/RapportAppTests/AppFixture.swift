import CRMCore
import CRMStore
import Foundation
import RapportApp
import RapportTestSupport
import TerminalUI

/// A store with a small sales team and fixed time, and the app running on a virtual terminal:
/// the real AppController, reducer, view and store, with keys typed by the test.
@MainActor
final class AppFixture {
    static let now = AppState.testNow
    /// The clock of the app and the store: `AppFixture.now` until a test moves it (`wait`).
    private(set) var clock = AppFixture.now
    private let database: TestDatabase
    let store: Store
    let ann: User
    let bob: User
    let mailbox: Mailbox
    var carol: Contact!
    var yamada: Contact!
    var zoe: Contact!
    let terminal: VirtualTerminal
    private(set) var controller: AppController!
    /// What `$EDITOR` makes of the file's text (nil: the editor failed).
    var editor: (String) -> String? = { _ in "Edited in the editor.\n" }
    /// Work the app asked to run later (`Environment.after`), in the order asked.
    var timers: [(seconds: TimeInterval, work: @MainActor () -> Void)] = []
    /// Every read the app made for the screen, in order.
    var loads: [DataRequest] = []
    /// What fetching the user's sealing key says instead of giving it (nil: it gives `SealingKey.test`).
    var sealingKeyProblem: String?
    /// The user's signature files, by mailbox (`Environment.signature`), and why one is not used.
    var signatures: [EmailAddress: String] = [:]
    var signatureWarning: String?
    /// The user's templates, by name (`Environment.templateNames` and `template`): their text.
    var templates: [String: String] = [:]
    /// Where attachments are saved (`Environment.downloadFolder`) and what opens them.
    var downloadFolder: String?
    var opener: FileOpener?
    /// What the app drives sync through (nil: no sync in this window).
    let sync: (any SyncControl)?

    init(size: TerminalSize = TerminalSize(columns: 80, rows: 24), seed: Bool = true, sync: (any SyncControl)? = nil) throws {
        self.sync = sync
        database = try TestDatabase("rapport-app")
        store = database.store
        store.now = { AppFixture.now }
        try store.addTeam(name: "Sales")
        try store.addTeam(name: "Other")
        ann = try store.addUser(login: "ann", name: "Ann Lee", teamName: "Sales", isAdmin: false)
        bob = try store.addUser(login: "bob", name: "Bob Stone", teamName: "Sales", isAdmin: false)
        mailbox = try store.addMailbox(email: EmailAddress("ann@northwind.example")!, for: ann)
        try store.updateMailbox(id: mailbox.id, state: .idle, lastError: nil, syncedAt: Self.now.addingTimeInterval(-120))
        terminal = VirtualTerminal(size: size)
        if seed { try self.seed() }
        controller = makeController()
    }

    var folder: URL { database.folder }

    /// A controller on the same store and terminal (as a restarted process would be).
    func makeController() -> AppController {
        store.now = { [unowned self] in MainActor.assumeIsolated { self.clock } }
        var environment = AppController.Environment(now: { [unowned self] in MainActor.assumeIsolated { self.clock } })
        environment.after = { [unowned self] seconds, work in
            MainActor.assumeIsolated { self.timers.append((seconds, work)) }
        }
        environment.editText = { [unowned self] text in MainActor.assumeIsolated { self.editor(text) } }
        environment.didLoad = { [unowned self] request in MainActor.assumeIsolated { self.loads.append(request) } }
        environment.sealingKey = { [unowned self] in
            if let problem = MainActor.assumeIsolated({ self.sealingKeyProblem }) { throw CRMError(problem) }
            return .test
        }
        environment.signature = { [unowned self] mailbox in
            MainActor.assumeIsolated { (self.signatures[mailbox].flatMap(Signature.init(text:)), self.signatureWarning) }
        }
        environment.templateNames = { [unowned self] in MainActor.assumeIsolated { self.templates.keys.sorted() } }
        environment.template = { [unowned self] name in
            guard let text = MainActor.assumeIsolated({ self.templates[name] }) else { throw CRMError("there is no template \(name)") }
            return MailTemplate(name: name, text: text)
        }
        environment.downloadFolder = downloadFolder
        environment.opener = opener
        let controller = AppController(store: store, user: ann, terminal: terminal, sync: sync, environment: environment)
        controller.setTimeZone(TimeZone(identifier: "UTC")!)
        return controller
    }

    func restart() {
        controller = makeController()
        controller.start()
    }

    func start() {
        controller.start()
    }

    /// Types a key script (see `Key.script`) and lets the app handle it, then pauses as a person
    /// does (what waits for a pause in typing runs).
    func type(_ script: String) {
        terminal.type(Key.script(script))
        controller.handleInput()
        pause()
    }

    /// Types `text` character by character (quotes too, which a key script cannot type).
    func typeText(_ text: String) {
        terminal.type(text.map(Key.character))
        controller.handleInput()
        pause()
    }

    /// Runs the work the app asked to do after a short wait (under a second), as time passing would.
    func pause() {
        let due = timers.filter { $0.seconds < 1 }
        timers.removeAll { $0.seconds < 1 }
        for timer in due { timer.work() }
    }

    /// Lets `seconds` pass: the clock moves and the app's once-a-second tick runs.
    func wait(_ seconds: TimeInterval) {
        clock.addTimeInterval(seconds)
        controller.tick()
    }

    var screen: [String] { terminal.screen.lines }
    var text: String { screen.joined(separator: "\n") }

    // MARK: data

    private func seed() throws {
        let acme = try store.addCompany(name: "Acme Logistics", domain: "acme.example", by: ann)
        carol = try store.addContact(name: "Carol Client", emails: [EmailAddress("carol@acme.example")!],
                                     companyName: acme.name, phone: "+44 20 7946 0000", by: ann)
        yamada = try store.addContact(name: "山田太郎", emails: [EmailAddress("yamada@sakura.example")!],
                                      companyName: "株式会社サクラ", by: bob)
        zoe = try store.addContact(name: "Zoë Ångström", emails: [EmailAddress("zoe@fjord.example")!], by: ann)
        try store.addDeal(name: "Acme renewal", companyID: acme.id, contactID: carol.id, stage: "proposal",
                          valueCents: 1_250_000, by: ann)
        for index in 0..<30 {
            let incoming = index % 2 == 0
            try mail(gmailID: "m\(index)", from: incoming ? "carol@acme.example" : "ann@northwind.example",
                     fromName: incoming ? "Carol Client" : "Ann Lee",
                     to: incoming ? "ann@northwind.example" : "carol@acme.example",
                     subject: "Renewal step \(index)", body: "Message \(index) about the renewal.\n\n> quoted line",
                     at: Self.now.addingTimeInterval(-Double(index) * 86_400 - 3_600),
                     labels: incoming ? (index < 4 ? ["INBOX", "UNREAD"] : ["INBOX"]) : ["SENT"])
        }
        try mail(gmailID: "y1", from: "yamada@sakura.example", fromName: "山田太郎", to: "ann@northwind.example",
                 subject: "見積もりについて", body: "お世話になっております。見積もりをお願いします。",
                 at: Self.now.addingTimeInterval(-7_200), labels: ["INBOX", "UNREAD", "IMPORTANT"])
        try mail(gmailID: "n1", from: "news@letter.example", fromName: "Newsletter", to: "ann@northwind.example",
                 subject: "Weekly digest", body: "Nothing for the CRM.", at: Self.now.addingTimeInterval(-1_800),
                 labels: ["INBOX"])
        try store.addActivity(contact: carol.id, type: .call, summary: "Discussed the renewal timeline.",
                              at: Self.now.addingTimeInterval(-5 * 3_600), by: ann)
        try store.addActivity(contact: carol.id, type: .note, summary: "Prefers email.", by: bob)
        try outbox()
    }

    /// A contact the team last called `days` days ago (going cold after 30).
    @discardableResult
    func dormantContact(_ name: String, _ email: String, days: Double) throws -> Contact {
        let contact = try store.addContact(name: name, emails: [EmailAddress(email)!], companyName: "Dormant Industries", by: ann)
        try store.addActivity(contact: contact.id, type: .call, summary: "Said to call back in spring.",
                              at: Self.now.addingTimeInterval(-days * 86_400), by: bob)
        return contact
    }

    /// An email Ann sent `to` `days` days ago, linked to their contact, that nobody answered.
    @discardableResult
    func sentEmail(to contact: Contact, subject: String, daysAgo: Double) throws -> OutgoingEmail {
        let sentAt = Self.now.addingTimeInterval(-daysAgo * 86_400)
        store.now = { sentAt }
        defer { store.now = { [unowned self] in MainActor.assumeIsolated { self.clock } } }
        var request = ComposeRequest(from: mailbox.email, to: contact.emails, subject: subject, bodyText: "About \(subject).")
        request.link = .contact(contact.id)
        let email = try store.compose(request, by: ann)
        try store.apply(.queue, to: email.id, by: ann, Store.OutboxUpdate(sealingKey: .test))
        try store.apply(.claim, to: email.id, by: ann)
        return try store.apply(.markSent, to: email.id, by: ann, Store.OutboxUpdate(gmailID: "g-\(email.id)", threadID: "t-\(email.id)"))
    }

    func mail(gmailID: String, from: String, fromName: String?, to: String, subject: String, body: String, at: Date,
              labels: [String], thread: String? = nil) throws {
        try store.recordIncoming(IncomingEmail(
            mailboxID: mailbox.id, gmailID: gmailID, threadID: thread ?? "t-\(gmailID)", messageID: "\(gmailID)@mail.example",
            fromName: fromName, fromAddress: EmailAddress(from), to: [EmailAddress(to)!], cc: [], subject: subject,
            snippet: String(body.prefix(80)), bodyText: body, internalDate: at, labels: labels))
    }

    private func outbox() throws {
        func draft(_ to: Contact, _ subject: String) throws -> OutgoingEmail {
            var request = ComposeRequest(from: mailbox.email, to: to.emails, subject: subject, bodyText: "About \(subject).")
            request.link = .contact(to.id)
            return try store.compose(request, by: ann)
        }
        _ = try draft(carol, "Proposal draft")
        let scheduled = try draft(zoe, "Checking in")
        try store.apply(.queue, to: scheduled.id, by: ann,
                        Store.OutboxUpdate(sendAt: Self.now.addingTimeInterval(2 * 3_600), sealingKey: .test))
        let sent = try draft(carol, "Welcome aboard")
        try store.apply(.queue, to: sent.id, by: ann, Store.OutboxUpdate(sealingKey: .test))
        try store.apply(.claim, to: sent.id, by: ann)
        try store.apply(.markSent, to: sent.id, by: ann, Store.OutboxUpdate(gmailID: "g-sent", threadID: "t-sent"))
        let failed = try draft(yamada, "Quote attached")
        try store.apply(.queue, to: failed.id, by: ann, Store.OutboxUpdate(sealingKey: .test))
        try store.apply(.claim, to: failed.id, by: ann)
        try store.apply(.markFail, to: failed.id, by: ann, Store.OutboxUpdate(
            error: "Gmail refused the message: a recipient address was rejected. Check the address, then retry."))
    }
}

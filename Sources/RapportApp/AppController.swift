import CRMCore
import CRMStore
import Foundation
import Hardening
import TerminalUI

/// Runs the app on the main thread: feeds keys, ticks and sync events through the reducer,
/// performs the effects against the store and sync, and presents one frame per turn.
@MainActor
public final class AppController {
    /// What the app needs from outside that is not the store or the terminal.
    public struct Environment {
        /// Edits the text of a file in the user's `$EDITOR` (the terminal suspended meanwhile): the text as
        /// saved, byte for byte, or nil if it failed.
        public var editText: (String) -> String?
        /// Switches to a named theme; returns a message for people when it cannot.
        public var setTheme: (String) -> String?
        /// The clock.
        public var now: () -> Date
        /// Runs `work` after `seconds` on the main thread (a send after its undo window, a search after a pause in typing).
        public var after: (TimeInterval, @escaping @MainActor () -> Void) -> Void
        /// Told of every read for the screen once it has run (tests count them; the app does nothing).
        public var didLoad: (DataRequest) -> Void
        /// The user's own key, which seals what they send (read when they send, so a key made or
        /// replaced meanwhile is the one used); throws a sentence for the status line when it cannot.
        public var sealingKey: () throws -> SealingKey
        /// The user's signature for mail from a mailbox, from their own files only, and why a file
        /// that is there was not used.
        public var signature: (EmailAddress) -> (signature: Signature?, warning: String?)
        /// The names of the templates there are, the user's and the team's (`TemplateFiles.names`).
        public var templateNames: () -> [String]
        /// The template named so; throws a sentence for the status line when it cannot be read.
        public var template: (String) throws -> MailTemplate
        /// The folder attachments are saved into (`[mail] download_dir`, else ~/Downloads, as a full
        /// path); nil where nothing can be saved.
        public var downloadFolder: String?
        /// `$RAPPORT_OPENER`: the program that opens a saved file, run with its path as one argument.
        public var opener: FileOpener?

        public init(editText: @escaping (String) -> String? = { _ in nil },
                    setTheme: @escaping (String) -> String? = { _ in "Themes cannot change here." },
                    now: @escaping () -> Date = Date.init,
                    after: @escaping (TimeInterval, @escaping @MainActor () -> Void) -> Void = Environment.onMainQueue,
                    didLoad: @escaping (DataRequest) -> Void = { _ in },
                    sealingKey: @escaping () throws -> SealingKey = Environment.noSealingKey,
                    signature: @escaping (EmailAddress) -> (signature: Signature?, warning: String?) = { _ in (nil, nil) },
                    templateNames: @escaping () -> [String] = { [] },
                    template: @escaping (String) throws -> MailTemplate = { _ in
                        throw CRMError("Templates cannot be read in this window; use rapport compose --template NAME.")
                    },
                    downloadFolder: String? = nil, opener: FileOpener? = nil) {
            self.editText = editText
            self.setTheme = setTheme
            self.now = now
            self.after = after
            self.didLoad = didLoad
            self.sealingKey = sealingKey
            self.signature = signature
            self.templateNames = templateNames
            self.template = template
            self.downloadFolder = downloadFolder
            self.opener = opener
        }

        /// Where no key was given: nothing can be sent from this window.
        public static func noSealingKey() throws -> SealingKey {
            throw CRMError("Mail cannot be sent from this window; queue it with rapport outbox queue ID.")
        }

        /// Runs `work` on the main queue after `seconds`, as the app on a terminal does.
        public static func onMainQueue(_ seconds: TimeInterval, _ work: @escaping @MainActor () -> Void) {
            DispatchQueue.main.asyncAfter(deadline: .now() + seconds) { MainActor.assumeIsolated { work() } }
        }
    }

    /// How long typing in the search box pauses before it searches: a search per keystroke would
    /// make fast typists wait for results they have already typed past.
    nonisolated public static let typingPause: TimeInterval = 0.15

    public private(set) var state: AppState
    private let reducer: Reducer
    private let store: Store
    private let terminal: any Terminal
    private let sync: (any SyncControl)?
    private let environment: Environment
    private let loader: DataLoader
    private var dataVersion: Int64 = 0
    /// The composer state to save at the end of this turn (saves coalesce).
    private var pendingSession: ComposerSnapshot?

    public init(store: Store, user: User, terminal: any Terminal, sync: (any SyncControl)?, keymap: Keymap = .standard,
                undoWindow: UndoWindow = .standard, themeName: String = "default", coldDays: Int = ContactInsights.defaultColdDays,
                followupDays: Int = NumberSetting.followupDays.wholeDefault, environment: Environment = Environment()) {
        self.store = store
        self.terminal = terminal
        self.sync = sync
        self.environment = environment
        reducer = Reducer(keymap: keymap)
        loader = DataLoader(store: store, user: user, signature: environment.signature)
        state = AppState(user: user, size: terminal.size, now: environment.now())
        state.undoWindow = undoWindow
        state.themeName = themeName
        state.coldDays = coldDays
        state.followupDays = followupDays
    }

    /// Shows dates in `zone` (tests pin it; the app uses the system's).
    public func setTimeZone(_ zone: TimeZone) {
        state.timeZone = zone
    }

    /// Loads the first screen, reopens a composer left open by a dropped session, and draws.
    public func start() {
        dataVersion = (try? store.connection.dataVersion()) ?? 0
        var actions: [Action] = [.externalChange]
        if let saved = try? store.composerSession(for: state.user), let snapshot = ComposerSnapshot(json: saved.state) {
            actions.append(.loaded(.composer(ComposerState(snapshot))))
            actions.append(.done("Your unsent email is back, as you left it."))
        }
        send(actions)
    }

    /// Reads every key the terminal has and handles them, then draws once.
    public func handleInput() {
        let keys = terminal.pendingKeys()
        guard !keys.isEmpty else { return }
        var actions: [Action] = []
        for key in keys {
            if key == .resize { actions.append(.resized(terminal.size)) }
            actions.append(.key(key))
        }
        send(actions)
    }

    /// Once a second: the clock moves (countdowns), and writes by other processes are noticed.
    public func tick() {
        send([.tick(environment.now())] + storeCheck())
    }

    /// A sync event, on the main thread. The user hears when their own mail went out or failed. The
    /// event carries no data for the screen: it only says to look at the store now, not at the next tick.
    public func receive(_ event: SyncEvent) {
        var actions: [Action] = [.sync(event)]
        if case let .outboxChanged(id, status) = event, status == .sent || status == .failed,
           let email = try? store.outgoingEmail(id: id, in: state.user.scope), email.authorLogin == state.user.login {
            let subject = "“\(SafeText.line(email.subject))”"
            actions.append(status == .sent
                ? .notice("\(subject) was sent to \(email.to.first?.value ?? "its recipients").")
                : .failed("\(subject) could not be sent: \(SafeText.line(email.lastError ?? "no reason given")). See Outbox (2)."))
        }
        send(actions + storeCheck())
    }

    /// `.externalChange` when another connection (sync's, in this process or another) committed since
    /// the last look (`PRAGMA data_version` moved); nothing otherwise. The one way writes made elsewhere
    /// reach the screen, so each is read once, whether a sync event or the tick sees it first.
    private func storeCheck() -> [Action] {
        guard let version = try? store.connection.dataVersion(), version != dataVersion else { return [] }
        dataVersion = version
        return [.externalChange]
    }

    /// Reduces `actions` in order, each with everything its effects lead to before the next (a key
    /// typed after "open the contacts" sees them loaded), saves the composer, and draws once.
    public func send(_ actions: [Action]) {
        // Effects that lead to actions that lead to effects stop after 1,000 steps from one action
        // (a loop is a bug, but must not hang the screen); a long burst of keys is not a loop.
        var steps = 0
        func process(_ action: Action) {
            steps += 1
            guard steps < 1_000 else { return }
            for effect in reducer.reduce(&state, action) {
                for result in perform(effect) { process(result) }
            }
        }
        for action in actions {
            steps = 0
            process(action)
        }
        saveSession()
        render()
    }

    /// Draws the current state.
    public func render() {
        terminal.present(AppView(state: state, keymap: reducer.keymap).render())
    }

    // MARK: effects

    private func perform(_ effect: Effect) -> [Action] {
        do {
            return try run(effect)
        } catch {
            return [.failed(explanation(of: error))]
        }
    }

    private func run(_ effect: Effect) throws -> [Action] {
        let user = state.user
        switch effect {
        case .load(let request):
            let loaded = try loader.load(request)
            environment.didLoad(request)
            // The tab bar's count of due follow-ups is read with the mailboxes, which every refresh reads.
            guard request == .mailboxes else { return [.loaded(loaded)] }
            return [.loaded(loaded), .loaded(.dueFollowups(try store.dueFollowupCount(in: user.scope, days: state.followupDays)))]
        case .outbox(let action, let id):
            let key = action.needsAuthorsKey ? try environment.sealingKey() : nil
            let email = try store.apply(action, to: id, by: user, Store.OutboxUpdate(sealingKey: key))
            guard email.status == .queued else { return [.done(Self.confirmation(action, email: email))] }
            sendSoon(email)
            return [.done(nil), .queued(email)]
        case .deleteOutgoing(let id):
            let subject = try store.outgoingEmail(id: id, in: user.scope).map { "“\(SafeText.line($0.subject))”" }
            try store.deleteOutgoingEmail(id: id, by: user)
            return [.done("Deleted \(subject ?? "the email").")]
        case .saveComposerSession(let snapshot):
            pendingSession = snapshot
            return []
        case .clearComposerSession:
            pendingSession = nil
            try store.clearComposerSession(for: user)
            return []
        case .submitComposer(let snapshot, let queue, let sendAt):
            return try submit(snapshot, queue: queue, sendAt: sendAt)
        case .reopenDraft(let id):
            return [.loaded(.composer(try loader.draft(id)))]
        case .startReply(let kind, let ref, let activityID):
            return try answer(kind, to: ref, activityID: activityID)
        case .attachFile(let path):
            return [try attachment(path)]
        case .completePath(let typed):
            return [.pathCompleted(PathCompletion.read(typed))]
        case .findLink(let kind, let query):
            return [.linkCandidates(query: query, try loader.linkCandidates(kind: kind, query: query))]
        case .markRead(let ids):
            do {
                try store.apply(.read, toMessages: ids, by: user)
            } catch Refusal.notYourMessage {
                // A teammate's mail opens as it is: only its owner changes it.
                return []
            }
            return [.markedRead(messageIDs: ids)]
        case .changeMail(let action, let ids, let subject):
            let edit = try store.apply(action, toMessages: ids, by: user)
            return [.mailChanged(MailChange(action: action, subject: subject, edit: edit))]
        case .saveAttachments(let id, let position):
            return [try saveAttachments(of: id, position: position)]
        case .undoMailChange(let change):
            try store.undo(change.edit, by: user)
            return [.done(change.undoneText)]
        case .saveActivity(let draft):
            return saveActivity(draft)
        case .deleteActivity(let id):
            let noun = try store.activity(id: id, in: user.scope)?.type.rawValue ?? "entry"
            try store.deleteActivity(id: id, by: user)
            return [.done("Deleted the \(noun).")]
        case .saveContact(let id, let draft):
            return [.done(try saveContact(id: id, draft))]
        case .deleteContact(let id):
            let name = try store.contact(id: id, in: user.scope).map { "“\(SafeText.line($0.name))”" } ?? "the contact"
            try store.deleteContact(id: id, by: user)
            return [.done("Deleted \(name); their mail is kept.")]
        case .mergeContacts(let merged, let kept):
            let name = try store.contact(id: merged, in: user.scope).map { "“\(SafeText.line($0.name))”" } ?? "the contact"
            let contact = try store.mergeContact(merged, into: kept, by: user)
            return [.done("Merged \(name) into “\(SafeText.line(contact.name))”: one timeline now.")]
        case .moveDeal(let id, let stage):
            let deal = try store.moveDeal(id: id, to: stage, by: user)
            let recorded = deal.contactID == nil ? "" : " (on the contact's timeline)"
            return [.done("Moved “\(SafeText.line(deal.name))” to \(deal.stage)\(recorded).")]
        case .searchAfterPause(let text):
            environment.after(Self.typingPause) { [weak self] in self?.send([.searchPaused(text)]) }
            return []
        case .requestSync:
            guard let sync else {
                return [.failed("Sync is not running in this window; run rapport sync in another shell.")]
            }
            sync.requestSync()
            return []
        case .openEditor(let text):
            let result = environment.editText(text)
            terminal.present(ScreenBuffer(size: terminal.size))
            return [.editorFinished(result), .resized(terminal.size)]
        case .setTheme(let name):
            if let problem = environment.setTheme(name) { return [.failed(problem)] }
            state.themeName = name
            return [.done("Theme: \(name).")]
        case .finishFollowup(let key):
            guard try store.finishFollowup(key, by: user) else { return [.failed(Self.noFollowup)] }
            if case .reminder = key { return [.done("Done; noted on the contact's timeline.")] }
            return [.done("Done; no longer waiting for a reply.")]
        case .snoozeFollowup(let key, let date):
            guard try store.snoozeFollowup(key, until: date, by: user) else { return [.failed(Self.noFollowup)] }
            return [.done("Snoozed until \(TimeText.long(date, zone: state.timeZone)).")]
        case .addReminder(let contactID, let date, let note):
            try store.addReminder(contact: contactID, at: date, note: note, by: user)
            return [.done("You will be reminded \(TimeText.long(date, zone: state.timeZone)) (Follow-ups, 5).")]
        case .explain(let id):
            guard let explanation = try store.explanation(ofMessage: id, in: user.scope) else {
                return [.failed("That email is gone (deleted in Gmail, or not in your team).")]
            }
            return [.loaded(.explanation(explanation))]
        case .listTemplates:
            return [.templateNames(environment.templateNames())]
        case .fillTemplate(let name, let link, let first):
            let template = try environment.template(name)
            let (values, contact) = try store.templateFields(link: link, to: first, sender: user)
            let recipient = contact.map { SafeText.line($0.name) } ?? first.map { "\($0.value) (not a contact)" }
                ?? "this email (it has no To)"
            do {
                let filled = try template.filled(with: values, recipient: recipient)
                return [.templateFilled(name: name, subject: filled.subject, body: filled.body)]
            } catch {
                return [.failed(error.description.prefix(1).uppercased() + error.description.dropFirst() + ".")]
            }
        case .quit:
            return []
        }
    }

    /// Adds or changes a note, call or meeting; a new one the store refuses keeps its text for its key.
    private func saveActivity(_ draft: ActivityDraft) -> [Action] {
        let user = state.user
        do {
            if let id = draft.id {
                try store.editActivity(id: id, Store.ActivityEdit(summary: draft.summary, occurredAt: draft.at,
                                                                  durationMinutes: draft.durationMinutes,
                                                                  outcome: draft.outcome), by: user)
                return [.done("Saved the \(draft.type.rawValue).")]
            }
            try store.addActivity(contact: draft.contactID, type: draft.type, summary: draft.summary, at: draft.at,
                                  durationMinutes: draft.durationMinutes, outcome: draft.outcome, by: user)
        } catch {
            guard draft.id == nil else { return [.failed(explanation(of: error))] }
            return [.activityNotSaved(contactID: draft.contactID, type: draft.type, summary: draft.summary,
                                      reason: explanation(of: error))]
        }
        return [.done("Added the \(draft.type.rawValue) to the timeline.")]
    }

    /// Adds a contact or changes one, in the user's team; what the status line says.
    private func saveContact(id: Int64?, _ draft: ContactDraft) throws -> String {
        let user = state.user
        let name = "“\(SafeText.line(draft.name))”"
        guard let id else {
            let contact = try store.addContact(name: draft.name, emails: draft.emails,
                                               companyName: draft.company.isEmpty ? nil : draft.company,
                                               phone: draft.phone.isEmpty ? nil : draft.phone, ownerLogin: draft.owner,
                                               by: user)
            return "Added “\(SafeText.line(contact.name))”."
        }
        try store.editContact(id: id, Store.ContactEdit(name: draft.name, emails: draft.emails, companyName: draft.company,
                                                        phone: draft.phone, ownerLogin: draft.owner), by: user)
        return "Saved \(name)."
    }
    /// A follow-up done or snoozed meanwhile (here or elsewhere).
    private static let noFollowup = "That follow-up is already done, or the email is no longer sent; the list is read again."


    /// Saves the composer as an outgoing email (a draft, or queued) and closes it.
    private func submit(_ snapshot: ComposerSnapshot, queue: Bool, sendAt: Date?) throws -> [Action] {
        let user = state.user
        pendingSession = nil
        try store.saveComposerSession(snapshot.json, outgoingID: snapshot.outgoingID, for: user)
        guard let from = EmailAddress(snapshot.from) else {
            throw CRMError("Connect a Gmail account first: run rapport account add EMAIL.")
        }
        let composition = snapshot.composition(queue: queue, sendAt: sendAt)
        var request = ComposeRequest(from: from, to: composition.addresses(.to), subject: snapshot.subject,
                                     bodyText: snapshot.body)
        request.cc = composition.addresses(.cc)
        request.bcc = composition.addresses(.bcc)
        request.displayNames = composition.displayNames
        request.link = snapshot.link.flatMap(RecordLink.init)
        request.replyToActivityID = snapshot.replyToActivityID
        request.threading = snapshot.threading ?? Threading()
        request.attachments = try snapshot.attachments.map(Self.readAttachment)
        request.droppedAttachments = snapshot.droppedAttachments ?? []
        let key = queue ? try environment.sealingKey() : nil
        var email: OutgoingEmail
        if let id = snapshot.outgoingID, (try store.outgoingEmail(id: id, in: user.scope))?.status.isEditable == true {
            email = try store.updateDraft(id: id, with: request, by: user)
            if queue {
                email = try store.apply(.queue, to: id, by: user, Store.OutboxUpdate(sendAt: sendAt, sealingKey: key))
            }
        } else {
            request.queue = queue
            request.sendAt = sendAt
            email = try store.compose(request, by: user, sealingKey: key)
        }
        try store.clearComposerSession(for: user)
        let subject = "“\(SafeText.line(email.subject))”"
        if let sendAt {
            return [.composerClosed("Scheduled \(subject) for \(TimeText.long(sendAt, zone: state.timeZone)).")]
        }
        if queue {
            sendSoon(email)
            return [.composerClosed(nil), .queued(email)]
        }
        return [.composerClosed("Saved \(subject) as a draft (Outbox, 2).")]
    }

    /// Opens the composer on a reply, reply to all or forward of `ref` as `ReplyPlan` has it. A forward
    /// carrying attachments is saved as a draft first, so that their bytes are kept in the store
    /// rather than in the composer's saved state.
    private func answer(_ kind: ReplyPlan.Kind, to ref: MessageRef, activityID: Int64?) throws -> [Action] {
        let (plan, contact, warning) = try loader.answer(kind, to: ref, zone: state.timeZone)
        var composer = ComposerState(plan, contact: contact, activityID: activityID)
        if !plan.attachments.isEmpty {
            var request = plan.request()
            request.link = composer.link
            request.replyToActivityID = activityID
            let draft = try store.compose(request, by: state.user)
            composer = try loader.draft(draft.id)
            composer.answering = plan.kind
            composer.focus = .to
            composer.body.move(to: TextEditor.Position(line: 0, column: 0))
        }
        let loaded = Action.loaded(.composer(ComposerState(composer.snapshot)))
        return warning.map { [loaded, .failed($0)] } ?? [loaded]
    }

    /// Asks sync to send `email` once its undo window has closed: its mailbox's sender alone, so it goes
    /// out without waiting for the next cycle or behind a pull.
    private func sendSoon(_ email: OutgoingEmail) {
        guard let sync else { return }
        let account = email.from.value
        environment.after(state.undoWindow.secondsLeft(for: email, at: environment.now()) + 0.5) {
            sync.requestSend(account: account)
        }
    }

    /// Saves email `id`'s attachments (all, or the one at `position`) by the rule `rapport mail save`
    /// follows (`StoredAttachments.save`): the bytes kept here, never replacing a file; those only in
    /// Gmail are refused with how to save them. A file saved alone is opened with `$RAPPORT_OPENER`.
    private func saveAttachments(of id: Int64, position: Int?) throws -> Action {
        guard let path = environment.downloadFolder else {
            return .failed("Attachments cannot be saved from this window; run rapport mail save \(id).")
        }
        guard let stored = try store.incomingAttachments(emailID: id, in: state.user.scope) else {
            throw CRMError("That email is gone (deleted in Gmail, or not in your team).")
        }
        guard let listed = stored.chosen(position) else {
            return .failed(stored.attachments == nil ? Refusal.sentence(SafeText.line(stored.unknownText))
                           : "That email has no attachment \((position ?? 0) + 1).")
        }
        let folder: SaveFolder
        do {
            folder = try SaveFolder(path)
        } catch {
            return .failed(Refusal.sentence(error.described(advice: error.isMissing
                ? "make its parent folder, or set download_dir under [mail] in your config" : error.advice)))
        }
        let saving = stored.save(listed.compactMap { attachment in attachment.data.map { (attachment, $0) } },
                                 listed: listed, into: folder)
        let names = saving.saved.map { "“\(SafeText.line(($0 as NSString).lastPathComponent))”" }
        var said = names.isEmpty ? "" : "Saved \(names.joined(separator: ", ")) in \(SafeText.line(path))."
        if let problem = saving.problems.first {
            let more = saving.problems.count > 1 ? " (and \(saving.problems.count - 1) more not saved)" : ""
            said += (said.isEmpty ? "" : " ") + Refusal.sentence(SafeText.line(problem) + more)
            return .failed(said)
        }
        guard saving.saved.count == 1, let opener = environment.opener else { return .done(said) }
        if let problem = opener.open(saving.saved[0]) { return .failed(said + " " + Refusal.sentence(problem)) }
        return .done(said + " Opened with $RAPPORT_OPENER.")
    }

    private func attachment(_ typed: String) throws -> Action {
        let path = PathCompletion.expand(typed)
        // The path as read, so a "~" that meant another folder than thought shows where it looked.
        let shown = TextWidth.truncate(SafeText.line(path), to: 50)
        do {
            _ = try Self.attachable(path).size()
        } catch {
            switch error.kind {
            case .system(ENOENT): return .failed("There is no file at \(shown); check the path.")
            case .system(EACCES): return .failed("You may not read \(shown).")
            case .tooLarge: return .failed("That file is larger than Gmail's 25 MB; share it by link instead.")
            default: return .failed("\(shown) cannot be attached: \(error.fact).")
            }
        }
        return .attached(path)
    }

    /// An attachment as it is read: a regular file of at most what Gmail takes in one email.
    private static func attachable(_ path: String) -> BoundedInput {
        BoundedInput(file: path, limit: AttachmentInfo.maximumTotalBytes, overLimit: "share it by link instead")
    }

    private static func readAttachment(_ path: String) throws -> NewAttachment {
        let data: [UInt8]
        do {
            data = try attachable(path).read()
        } catch {
            throw CRMError("Cannot read the attachment \((path as NSString).lastPathComponent) any more; attach it again.")
        }
        return NewAttachment(filename: (path as NSString).lastPathComponent, contentType: AttachmentInfo.contentType(forFilename: path),
                             data: Data(data))
    }

    private func saveSession() {
        guard let snapshot = pendingSession else { return }
        pendingSession = nil
        do {
            try store.saveComposerSession(snapshot.json, outgoingID: snapshot.outgoingID, for: state.user)
        } catch {
            let reason = (error as? StoreError)?.explanation(database: store.connection.path) ?? "\(error)"
            state.notify("Could not save your draft as you type (\(reason)); keep this window open.", isError: true)
        }
    }

    /// What a failed effect means, for the status line: Rapport's own words, or the store's
    /// explanation of a database failure (never its SQL).
    private func explanation(of error: Error) -> String {
        switch error {
        case let refusal as Refusal:
            return refusal.text(keys: reducer.keymap)
        case let error as CRMError:
            return error.description
        case let error as StoreError:
            let text = error.explanation(database: store.connection.path)
            return text.prefix(1).uppercased() + text.dropFirst() + "."
        default:
            return "Something went wrong with the database: \(error). Nothing was lost; try again."
        }
    }

    /// What the status line says after an outbox move that did not queue the email (queueing counts down).
    static func confirmation(_ action: OutboxAction, email: OutgoingEmail) -> String {
        let subject = "“\(SafeText.line(email.subject))”"
        switch action {
        case .cancel: return "Pulled \(subject) back to drafts."
        case .edit: return "Reopened \(subject) as a draft."
        default: return "Done."
        }
    }
}

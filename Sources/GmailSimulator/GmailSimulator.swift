import DeterministicRandom
import Foundation
import LoopbackHTTP
import MailFormat
import Synchronization

/// A loopback Gmail API and Google OAuth server that behaves like Google (gmail-api.md §16):
/// history with gaps and a floor, quota and concurrency limits, scripted faults, batch, uploads,
/// PKCE. Tests, benchmarks and `rapport demo` talk to it over real HTTP.
///
/// Thread-safe: every piece of state sits behind one lock, and requests on separate connections
/// are answered in parallel.
///
/// A typical test:
///
///     let simulator = try GmailSimulator()
///     let base = try simulator.start()                      // http://127.0.0.1:PORT
///     simulator.deliver(raw: bytes, to: "dana@example.com") // the account is made when missing
///     let refresh = simulator.issueRefreshToken(for: "dana@example.com")
///     // client: api base = base, token URL = base/token, auth URL = base/o/oauth2/v2/auth,
///     // client id/secret = configuration.clientID / clientSecret
///     simulator.failNext(.messagesGet, count: 2, with: .unavailable)
///     simulator.configuration.latency = 0.03
public final class GmailSimulator: Sendable {
    let state: Mutex<SimulatorState>

    /// Makes a simulator with no accounts; `start` puts it on the network.
    public init(configuration: SimulatorConfiguration = .init()) throws {
        state = Mutex(SimulatorState(configuration: configuration))
    }

    deinit {
        let server = state.withLock { $0.server }
        server?.stop()
    }

    // MARK: - Server

    /// Starts answering on 127.0.0.1:`port` (0 = any free port) and returns the base URL, e.g.
    /// "http://127.0.0.1:41234". The same server answers the Gmail routes (`/gmail/v1/…`,
    /// `/upload/gmail/v1/…`, `/batch/gmail/v1`, `/batch`), the token endpoint (`/token`), the
    /// consent endpoint (`/o/oauth2/v2/auth`) and `/revoke`. Calling it again returns the same URL.
    @discardableResult
    public func start(port: UInt16 = 0) throws -> URL {
        if let running = state.withLock({ $0.server }) { return running.baseURL }
        let server = try LoopbackServer(port: port) { [weak self] request in
            guard let self else { return .text(503, "simulator gone") }
            return self.handle(request)
        }
        let winner = state.withLock { state -> LoopbackServer? in
            if let existing = state.server { return existing }
            state.server = server
            return nil
        }
        if let winner {
            server.stop()
            return winner.baseURL
        }
        return server.baseURL
    }

    /// The base URL while running, else nil.
    public var baseURL: URL? {
        state.withLock { $0.server?.baseURL }
    }

    /// Stops the server (accounts and mail stay; `start` may be called again).
    public func stop() {
        let server = state.withLock { state -> LoopbackServer? in
            defer { state.server = nil }
            return state.server
        }
        server?.stop()
    }

    // MARK: - Configuration

    /// The behaviour in force; changes apply to the next request.
    public var configuration: SimulatorConfiguration {
        get { state.withLock { $0.configuration } }
        set { state.withLock { $0.configuration = newValue } }
    }

    /// Changes the configuration in one step (no request sees half a change).
    public func updateConfiguration(_ change: (inout SimulatorConfiguration) -> Void) {
        state.withLock { state in
            var configuration = state.configuration
            change(&configuration)
            state.configuration = configuration
        }
    }

    // MARK: - Accounts and mail

    /// Adds an empty account (nothing happens when it exists). Addresses match case-insensitively.
    public func addAccount(email: String) {
        state.withLock { _ = $0.ensureMailbox(email) }
    }

    /// The accounts, in the order they were added.
    public var accounts: [String] {
        state.withLock { state in state.accountOrder.compactMap { state.mailboxes[$0]?.email } }
    }

    /// Makes (or finds) the user label `name` in an account and returns its id ("Label_1"…).
    @discardableResult
    public func addLabel(name: String, to email: String) -> String {
        state.withLock { state in
            let key = state.ensureMailbox(email)
            return state.withMailbox(key) { mailbox, _, _ in mailbox.ensureUserLabel(name) }!
        }
    }

    /// Delivers a message as received mail and returns its Gmail id. The account is made when
    /// missing; a label id that is neither a system label nor an existing label becomes a user label
    /// of that id. The message joins a thread when its In-Reply-To/References name a message of that
    /// thread with the same subject (after Re:/Fwd:). Records `messagesAdded` history.
    @discardableResult
    public func deliver(raw: [UInt8], to email: String, labelIds: [String] = ["INBOX", "UNREAD"],
                        internalDate: Date? = nil) -> String {
        let content = MessageContent(raw: raw)
        let milliseconds = Self.milliseconds(internalDate ?? Date())
        return state.withLock { state in
            let key = state.ensureMailbox(email)
            return state.receive(content, into: key, labels: labelIds, internalDate: milliseconds)
        }
    }

    /// Loads every message of a Maildir (its `cur` and `new`, and Maildir++ or nested subfolders)
    /// into an account, oldest first, and returns how many. Folders map to labels: the top is INBOX,
    /// Sent → SENT, Trash/Deleted → TRASH, Spam/Junk → SPAM, Drafts → DRAFT, Archive/All Mail → no
    /// label, anything else → a user label named after the folder ("a.b" and "a/b" → "a/b"). Files
    /// in `new`, or without the S flag, are UNREAD (not in SENT or DRAFT); the F flag adds STARRED.
    /// The internal date is the Date header, else the file's modification time.
    public func load(maildir: URL, into email: String) throws -> Int {
        let items = try MaildirLoader.items(at: maildir)
        let prepared = items.map { item in
            (content: MessageContent(raw: item.bytes), labels: item.labels, date: item.fallbackDate)
        }
        let dated = prepared.map { item in
            (item.content, item.labels, Self.milliseconds(item.content.message.date ?? item.date))
        }.sorted { $0.2 < $1.2 }
        state.withLock { state in
            let key = state.ensureMailbox(email)
            for (content, labels, milliseconds) in dated {
                var labelIDs: [String] = []
                for label in labels {
                    if SystemLabel.set.contains(label) {
                        labelIDs.append(label)
                    } else {
                        labelIDs.append(state.withMailbox(key) { mailbox, _, _ in mailbox.ensureUserLabel(label) }!)
                    }
                }
                _ = state.receive(content, into: key, labels: labelIDs, internalDate: milliseconds)
            }
        }
        return dated.count
    }

    /// Moves a message to the trash (adds TRASH, removes INBOX), as messages.trash does.
    /// False when the account or message is unknown.
    @discardableResult
    public func trash(id: String, in email: String) -> Bool {
        mutate(email) { mailbox, random, retention in mailbox.trash(id, random: &random, retention: retention) != nil }
    }

    /// Takes a message out of the trash, as messages.untrash does.
    @discardableResult
    public func untrash(id: String, in email: String) -> Bool {
        mutate(email) { mailbox, random, retention in mailbox.untrash(id, random: &random, retention: retention) != nil }
    }

    /// Deletes a message for good (history: `messagesDeleted`).
    @discardableResult
    public func delete(id: String, in email: String) -> Bool {
        mutate(email) { mailbox, random, retention in mailbox.delete(id, random: &random, retention: retention) }
    }

    /// Adds and removes labels on a message, as messages.modify does (unknown non-system ids become
    /// user labels). False when the account or message is unknown.
    @discardableResult
    public func modifyLabels(id: String, in email: String, add: [String] = [], remove: [String] = []) -> Bool {
        mutate(email) { mailbox, random, retention in
            for label in add where !mailbox.isKnownLabel(label) { _ = mailbox.ensureUserLabel(label, id: label) }
            return mailbox.changeLabels(of: id, add: add, remove: remove, random: &random, retention: retention) != nil
        }
    }

    private func mutate(_ email: String, _ change: (inout SimulatedMailbox, inout SeededRandom, Int?) -> Bool) -> Bool {
        state.withLock { state in state.withMailbox(email.lowercased(), change) ?? false }
    }

    /// One message as stored, or nil.
    public func message(id: String, in email: String) -> SimulatedMessage? {
        state.withLock { $0.mailboxes[email.lowercased()]?.message(id) }.map(SimulatedMessage.init)
    }

    /// Every message of an account, newest first (by internal date).
    public func messages(in email: String) -> [SimulatedMessage] {
        let stored = state.withLock { state in state.mailboxes[email.lowercased()].map { Array($0.messages.values) } ?? [] }
        return stored.sorted(by: MessageOrder.newestFirst).map(SimulatedMessage.init)
    }

    /// Gmail ids whose Message-ID header is `header` (angle brackets optional).
    public func ids(withMessageIDHeader header: String, in email: String) -> [String] {
        let bare = header.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        return state.withLock { $0.mailboxes[email.lowercased()]?.ids(withHeaderID: bare) ?? [] }
    }

    // MARK: - History

    /// The account's current history id (what getProfile reports), or nil.
    public func historyId(for email: String) -> String? {
        state.withLock { $0.mailboxes[email.lowercased()].map { String($0.historyID) } }
    }

    /// The oldest `startHistoryId` history.list still answers for the account, or nil.
    public func historyFloor(for email: String) -> String? {
        state.withLock { $0.mailboxes[email.lowercased()].map { String($0.historyFloor) } }
    }

    /// Drops all but the newest `count` history records; older cursors then get 404.
    public func pruneHistory(keepingLast count: Int, for email: String) {
        state.withLock { state in _ = state.withMailbox(email.lowercased()) { mailbox, _, _ in
            mailbox.pruneHistory(keepingLast: count)
        } }
    }

    /// Sets the history floor: a `startHistoryId` below it gets 404 (pass the current history id to
    /// make every earlier cursor stale).
    public func setHistoryFloor(_ historyId: UInt64, for email: String) {
        state.withLock { state in _ = state.withMailbox(email.lowercased()) { mailbox, _, _ in
            mailbox.setHistoryFloor(historyId)
        } }
    }

    /// Makes every message id (and so thread id) handed out from now on larger than `messageID` (16
    /// hex digits), and the history ids of every account it holds larger than `historyID`: for a
    /// simulator filled again over mail a client already holds (`rapport demo` after a restart), so
    /// that no id is given out twice. Ids already handed out stay as they are.
    public func continueAbove(messageID: String?, historyID: UInt64?) {
        state.withLock { state in
            if let id = messageID.flatMap({ UInt64($0, radix: 16) }) { state.raiseMessageIDs(above: id) }
            guard let historyID else { return }
            for key in state.accountOrder { _ = state.withMailbox(key) { mailbox, _, _ in mailbox.raiseHistoryID(above: historyID) } }
        }
    }

    // MARK: - Inspection

    /// Every request answered so far, oldest first (batch parts included, marked `inBatch`).
    public var requestLog: [RequestLogEntry] {
        state.withLock { $0.log }
    }

    /// Empties the request log.
    public func clearRequestLog() {
        state.withLock { $0.log.removeAll() }
    }

    /// The bytes of every message the account sent through the API, in order, exactly as the
    /// client submitted them (after base64 decoding).
    public func sentMessages(for email: String) -> [[UInt8]] {
        state.withLock { $0.mailboxes[email.lowercased()]?.sentRaw ?? [] }
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// The order messages.list returns: newest internal date first, then the larger id.
enum MessageOrder {
    static func newestFirst(_ a: StoredMessage, _ b: StoredMessage) -> Bool {
        a.internalDate != b.internalDate ? a.internalDate > b.internalDate : a.id > b.id
    }

    /// Whether `message` comes after the position (date, id) in that order.
    static func comes(_ message: StoredMessage, after position: (date: Int64, id: String)) -> Bool {
        position.date != message.internalDate ? position.date > message.internalDate : position.id > message.id
    }
}

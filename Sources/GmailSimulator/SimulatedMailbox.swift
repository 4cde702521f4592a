import DeterministicRandom
import Foundation

/// One simulated Gmail account: messages, labels, the history log and per-user counters.
/// A value inside the simulator's locked state; every method runs under that lock.
struct SimulatedMailbox: Sendable {
    let email: String
    private(set) var messages: [String: StoredMessage] = [:]
    /// Message-ID header (lower-cased) → Gmail ids carrying it.
    private var byHeaderID: [String: [String]] = [:]
    private(set) var userLabels: [UserLabel] = []
    private var nextUserLabel = 1
    private(set) var history: [HistoryRecord] = []
    /// The newest history id (what getProfile reports).
    private(set) var historyID: UInt64
    /// The oldest `startHistoryId` still answered; older ones get 404.
    private(set) var historyFloor: UInt64
    /// Raw bytes of every message accepted by send, as the client sent them.
    var sentRaw: [[UInt8]] = []
    /// Recipients counted per send, for the rolling 24-hour limit.
    var sentRecipients: [(date: Date, count: Int)] = []
    var quota: SimulatedQuota
    var inFlight = 0

    init(email: String, random: inout SeededRandom, burst: Double) {
        self.email = email
        historyID = 4_000_000 + random.next() % 100_000
        historyFloor = historyID
        quota = SimulatedQuota(capacity: burst)
    }

    // MARK: - Reading

    func message(_ id: String) -> StoredMessage? { messages[id] }

    var threadCount: Int { Set(messages.values.map(\.threadID)).count }

    func isKnownLabel(_ id: String) -> Bool {
        SystemLabel.set.contains(id) || userLabels.contains { $0.id == id }
    }

    /// A user label by id or (case-insensitively) by name.
    func userLabel(named name: String) -> UserLabel? {
        userLabels.first { $0.id == name || $0.name.lowercased() == name.lowercased() }
    }

    // MARK: - Labels

    /// Returns the id of the user label `name`, making it when missing.
    mutating func ensureUserLabel(_ name: String, id: String? = nil) -> String {
        if let existing = userLabel(named: name) { return existing.id }
        let labelID = id ?? "Label_\(nextUserLabel)"
        nextUserLabel += 1
        userLabels.append(UserLabel(id: labelID, name: name))
        return labelID
    }

    // MARK: - Changes (each appends a history record)

    /// Adds a message and records `messagesAdded`.
    mutating func insert(id: String, content: MessageContent, labels: [String], internalDate: Int64, threadID: String,
                         random: inout SeededRandom, retention: Int?) -> StoredMessage {
        var labelIDs: [String] = []
        for label in labels where !labelIDs.contains(label) { labelIDs.append(label) }
        let stored = StoredMessage(id: id, threadID: threadID, labelIDs: labelIDs, historyID: 0,
                                   internalDate: internalDate, content: content)
        messages[id] = stored
        if let header = content.messageID?.lowercased() { byHeaderID[header, default: []].append(id) }
        record([.init(kind: .messageAdded, messageID: id, threadID: threadID, labelsAfter: labelIDs)],
               random: &random, retention: retention)
        return messages[id]!
    }

    /// Adds and removes labels; records one history record holding labelsAdded and/or
    /// labelsRemoved, or none when nothing changed. Nil when the message is unknown.
    @discardableResult
    mutating func changeLabels(of id: String, add: [String], remove: [String], random: inout SeededRandom,
                               retention: Int?) -> StoredMessage? {
        guard var stored = messages[id] else { return nil }
        let removed = remove.filter { stored.labelIDs.contains($0) && !add.contains($0) }
        stored.labelIDs.removeAll { removed.contains($0) }
        var added: [String] = []
        for label in add where !stored.labelIDs.contains(label) && !added.contains(label) {
            added.append(label)
            stored.labelIDs.append(label)
        }
        if added.contains("TRASH") {
            stored.wasInInboxBeforeTrash = removed.contains("INBOX")
        } else if removed.contains("TRASH") {
            stored.wasInInboxBeforeTrash = false
        }
        messages[id] = stored
        guard !added.isEmpty || !removed.isEmpty else { return stored }
        var changes: [HistoryRecord.Change] = []
        if !added.isEmpty {
            changes.append(.init(kind: .labelAdded, messageID: id, threadID: stored.threadID,
                                 labelsAfter: stored.labelIDs, delta: added))
        }
        if !removed.isEmpty {
            changes.append(.init(kind: .labelRemoved, messageID: id, threadID: stored.threadID,
                                 labelsAfter: stored.labelIDs, delta: removed))
        }
        record(changes, random: &random, retention: retention)
        return messages[id]
    }

    /// Trash: adds TRASH and takes INBOX away (one record with both). Nil when unknown.
    mutating func trash(_ id: String, random: inout SeededRandom, retention: Int?) -> StoredMessage? {
        changeLabels(of: id, add: ["TRASH"], remove: ["INBOX", "SPAM"], random: &random, retention: retention)
    }

    /// Untrash: removes TRASH and gives INBOX back when trash took it. Nil when unknown.
    mutating func untrash(_ id: String, random: inout SeededRandom, retention: Int?) -> StoredMessage? {
        guard let stored = messages[id] else { return nil }
        let restore = stored.labelIDs.contains("TRASH") && stored.wasInInboxBeforeTrash ? ["INBOX"] : []
        return changeLabels(of: id, add: restore, remove: ["TRASH"], random: &random, retention: retention)
    }

    /// Deletes for good and records `messagesDeleted`. False when unknown.
    mutating func delete(_ id: String, random: inout SeededRandom, retention: Int?) -> Bool {
        guard let stored = messages.removeValue(forKey: id) else { return false }
        if let header = stored.content.messageID?.lowercased() {
            byHeaderID[header]?.removeAll { $0 == id }
            if byHeaderID[header]?.isEmpty == true { byHeaderID[header] = nil }
        }
        record([.init(kind: .messageDeleted, messageID: id, threadID: stored.threadID, labelsAfter: stored.labelIDs)],
               random: &random, retention: retention)
        return true
    }

    private mutating func record(_ changes: [HistoryRecord.Change], random: inout SeededRandom, retention: Int?) {
        historyID += 1 + random.next() % 50
        history.append(HistoryRecord(id: historyID, changes: changes))
        for change in changes where messages[change.messageID] != nil {
            messages[change.messageID]!.historyID = historyID
        }
        if let retention { pruneHistory(keepingLast: retention) }
    }

    // MARK: - History floor

    /// Drops all but the newest `count` records; the floor becomes the newest dropped id.
    mutating func pruneHistory(keepingLast count: Int) {
        let drop = history.count - max(count, 0)
        guard drop > 0 else { return }
        historyFloor = max(historyFloor, history[drop - 1].id)
        history.removeFirst(drop)
    }

    /// Makes the next history id larger than `id` (leaving a gap, as Gmail's history ids have).
    mutating func raiseHistoryID(above id: UInt64) {
        historyID = max(historyID, id)
    }

    /// Sets the floor (never above the current history id) and drops the records at or below it.
    mutating func setHistoryFloor(_ floor: UInt64) {
        historyFloor = min(floor, historyID)
        history.removeAll { $0.id <= historyFloor }
    }

    // MARK: - Threading

    /// The thread a new message joins: that of a message it names in In-Reply-To/References whose
    /// subject matches after Re:/Fwd: are stripped (limited to `thread` when given); nil for a new
    /// thread.
    func thread(for content: MessageContent, within thread: String? = nil) -> String? {
        for referenced in content.referencedIDs.reversed() {
            for id in byHeaderID[referenced.lowercased()] ?? [] {
                guard let candidate = messages[id] else { continue }
                if let thread, candidate.threadID != thread { continue }
                if candidate.content.threadSubject == content.threadSubject { return candidate.threadID }
            }
        }
        return nil
    }

    /// Gmail ids whose Message-ID header is `header` (without angle brackets).
    func ids(withHeaderID header: String) -> [String] {
        byHeaderID[header.lowercased()] ?? []
    }
}

import CRMCore
import CRMStore
import Foundation
import GmailAPI
import Synchronization

/// Runs the user's mailboxes: once until caught up (`rapport sync --once`), or as a daemon with a
/// partial sync every interval, a send check every few seconds, and on request (one mailbox's sync,
/// or its sends alone, which go ahead of any pull). It owns the write connection and must be used
/// from one thread (the sync queue, or the CLI's main thread).
public final class SyncService {
    /// A mailbox with what it takes to reach its Gmail account, and its owner's key, which must
    /// have sealed any mail sent from it.
    public struct Connection: Sendable {
        public let mailbox: Mailbox
        public let client: GmailClient
        public let bucket: QuotaBucket
        public let sealingKey: SealingKey

        public init(mailbox: Mailbox, client: GmailClient, bucket: QuotaBucket, sealingKey: SealingKey) {
            self.mailbox = mailbox
            self.client = client
            self.bucket = bucket
            self.sealingKey = sealingKey
        }
    }

    private let store: Store
    private let settings: SyncSettings
    private let emit: @Sendable (SyncEvent) -> Void
    private let clock: any SyncClock
    private let holder: String
    private var engines: [MailboxSync] = []
    private let control: ControlFlags
    /// When every mailbox last cycled because the interval had passed.
    private var lastCycle = Date.distantPast

    public convenience init(store: Store, connections: [Connection], settings: SyncSettings,
                            clock: any SyncClock = SystemClock(), emit: @escaping @Sendable (SyncEvent) -> Void) throws {
        try self.init(store: store, connections: connections, settings: settings, clock: clock, control: ControlFlags(),
                      emit: emit)
    }

    /// - Parameter control: the flags other threads use to stop the service or ask for a sync.
    init(store: Store, connections: [Connection], settings: SyncSettings, clock: any SyncClock, control: ControlFlags,
         emit: @escaping @Sendable (SyncEvent) -> Void) throws {
        self.control = control
        self.store = store
        store.contactCreation = settings.contactCreation
        self.settings = settings
        self.emit = emit
        self.clock = clock
        holder = LeaseHolder.make()
        let stopFlag: @Sendable () -> Bool = { [control] in control.stopRequested }
        for connection in connections {
            guard let owner = try store.user(id: connection.mailbox.userID) else { continue }
            engines.append(MailboxSync(mailbox: connection.mailbox, owner: owner, store: store, client: connection.client,
                                       bucket: connection.bucket, sealingKey: connection.sealingKey, settings: settings,
                                       holder: holder, clock: clock, emit: emit, shouldStop: stopFlag))
        }
    }

    /// Cycles until every mailbox is caught up or stops making progress (`rapport sync --once`).
    @discardableResult
    public func runUntilCaughtUp(maximumCycles: Int = 20) -> [String: SyncOutcome] {
        var outcomes: [String: SyncOutcome] = [:]
        for _ in 0..<maximumCycles {
            outcomes = runOnce()
            let unfinished = outcomes.values.filter { if case .pending = $0 { return true } else { return false } }
            if unfinished.isEmpty || control.stopRequested { break }
            control.wait(seconds: 1)
        }
        return outcomes
    }

    /// Waits for the mailboxes of `outcomes` that another process was syncing, and syncs each once
    /// that process lets go (its lease is tried every second), until `patience` seconds have passed
    /// or the service is stopped. Returns `outcomes` with theirs brought up to date.
    public func catchUpAfterOthers(_ outcomes: [String: SyncOutcome], patience: TimeInterval) -> [String: SyncOutcome] {
        var outcomes = outcomes
        let deadline = Date().addingTimeInterval(patience)
        while !control.stopRequested, Date() < deadline {
            let waiting = engines.filter { outcomes[$0.account] == .busyElsewhere }
            if waiting.isEmpty { break }
            control.wait(seconds: min(1, max(0, deadline.timeIntervalSinceNow)))
            for engine in waiting where !control.stopRequested { outcomes[engine.account] = engine.cycle() }
        }
        return outcomes
    }

    /// One cycle per mailbox, returning how each ended (keyed by address); once asked to stop, the
    /// mailboxes not yet cycled are left alone (`.stopped`).
    @discardableResult
    public func runOnce() -> [String: SyncOutcome] {
        var outcomes: [String: SyncOutcome] = [:]
        for engine in engines {
            outcomes[engine.account] = control.stopRequested ? .stopped : engine.cycle()
        }
        return outcomes
    }

    /// Runs until `stop()`: a cycle at once, then one every interval or when asked; due mail is
    /// checked every few seconds in between. The transaction in hand is finished before returning.
    public func runUntilStopped() {
        while !control.stopRequested {
            turn()
            control.wait(seconds: min(5, settings.interval))
        }
    }

    /// One turn of `runUntilStopped`: the sends asked for first, then a cycle for every mailbox when
    /// the interval has passed (or for those asked to sync) and a send check for the others. Sends
    /// asked for meanwhile go between one mailbox's cycle and the next, not after them all.
    func turn() {
        var sent = sendRequested()
        let due = clock.now().timeIntervalSince(lastCycle) >= settings.interval
        let asked = control.takeSyncRequest()
        for engine in engines {
            if control.stopRequested { return }
            if due || asked.includes(engine.account) {
                engine.cycle()
            } else if !sent.contains(engine.account) {
                engine.sendOnly()
            }
            sent.formUnion(sendRequested())
        }
        if due { lastCycle = clock.now() }
    }

    /// Runs the sender of each mailbox whose sends were asked for; returns their addresses.
    private func sendRequested() -> Set<String> {
        let accounts = control.takeSendRequests()
        for engine in engines where accounts.contains(engine.account) { engine.sendOnly() }
        return accounts
    }

    /// Asks the running service to sync `account` (every mailbox when nil) now.
    public func requestSync(account: String? = nil) {
        control.requestSync(account: account)
    }

    /// Asks the running service to stop after the transaction in hand.
    public func stop() {
        control.stop()
    }

}

extension MailboxSync {
    /// Between syncs: only the sender (scheduled mail and undo windows come due in seconds), and the
    /// label changes made here, so that Gmail has them within seconds too.
    func sendOnly() {
        guard (try? takeLease()) == true else { return }
        defer { try? store.releaseLease(mailbox: mailbox.id, holder: holder) }
        do {
            try sendDue()
            try pushLabelChanges()
        } catch let error as GmailError {
            emit(.failed(SyncFailure(account: account, kind: Self.kind(of: error), message: error.description)))
        } catch {}
    }
}

/// The stop, sync and send requests other threads (signal handlers, the UI) send to the service.
final class ControlFlags: Sendable {
    private struct State {
        var stopRequested = false
        var sync = SyncRequest()
        var sends: Set<String> = []
    }

    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)

    var stopRequested: Bool { state.withLock { $0.stopRequested } }

    func stop() {
        state.withLock { $0.stopRequested = true }
        wakeUp.signal()
    }

    /// Asks for a cycle of `account` (by address), or of every mailbox when nil.
    func requestSync(account: String?) {
        state.withLock { state in
            if let account { state.sync.accounts.insert(account.lowercased()) } else { state.sync.everyone = true }
        }
        wakeUp.signal()
    }

    /// Asks for `account`'s sender alone.
    func requestSend(account: String) {
        state.withLock { _ = $0.sends.insert(account.lowercased()) }
        wakeUp.signal()
    }

    /// The syncs requested since the last call.
    func takeSyncRequest() -> SyncRequest {
        state.withLock { state in
            defer { state.sync = SyncRequest() }
            return state.sync
        }
    }

    /// The accounts whose sends were requested since the last call.
    func takeSendRequests() -> Set<String> {
        state.withLock { state in
            defer { state.sends = [] }
            return state.sends
        }
    }

    /// Sleeps until woken by a request or `seconds` pass.
    func wait(seconds: TimeInterval) {
        _ = wakeUp.wait(timeout: .now() + seconds)
    }
}

/// Which mailboxes were asked to sync: every one, or some by address.
struct SyncRequest: Equatable {
    var everyone = false
    var accounts: Set<String> = []

    func includes(_ account: String) -> Bool { everyone || accounts.contains(account) }
}

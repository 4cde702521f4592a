import CRMCore
import CRMStore
import Foundation
import GmailAPI

/// Keeps one mailbox in step with Gmail and sends its outbox, one cycle at a time: interrupted
/// sends are checked first, label changes made here go to Gmail, then a full sync when there is no
/// cursor (or one is under way), a partial sync from the cursor, new contacts' backfill, the fetch
/// queue, the labels' names, and due mail. Each step commits its own transactions, so a killed
/// process resumes where it stopped.
///
/// Not thread-safe: one cycle at a time, on the sync queue, which owns `store`.
final class MailboxSync {
    let mailbox: Mailbox
    let owner: User
    let store: Store
    let client: GmailClient
    let bucket: QuotaBucket
    /// The owner's key: the sender sends only mail it sealed.
    let sealingKey: SealingKey
    let settings: SyncSettings
    let emit: @Sendable (SyncEvent) -> Void
    let holder: String
    let clock: any SyncClock
    let shouldStop: @Sendable () -> Bool
    var backoff = Backoff()
    var sizer = BatchSizer()

    init(mailbox: Mailbox, owner: User, store: Store, client: GmailClient, bucket: QuotaBucket, sealingKey: SealingKey,
         settings: SyncSettings, holder: String, clock: any SyncClock, emit: @escaping @Sendable (SyncEvent) -> Void,
         shouldStop: @escaping @Sendable () -> Bool) {
        self.mailbox = mailbox
        self.owner = owner
        self.store = store
        self.client = client
        self.bucket = bucket
        self.sealingKey = sealingKey
        self.settings = settings
        self.holder = holder
        self.clock = clock
        self.emit = emit
        self.shouldStop = shouldStop
        // A batch must fit the bucket: 25 gets at 20 units (the 2026 prices) would overdraw it, and
        // Gmail would refuse the parts past its own burst.
        let perMessage = max(1, client.costs.cost(of: .messagesGet))
        sizer = BatchSizer(maximum: max(1, min(settings.batchSize, Int(bucket.capacity) / perMessage)))
    }

    var account: String { mailbox.email.value }
    var now: Date { clock.now() }

    /// One whole cycle. Never throws: failures are recorded on the mailbox and reported as events.
    func cycle() -> SyncOutcome {
        do {
            guard try takeLease() else { return .busyElsewhere }
        } catch {
            return .failed("the database is not available: \(error)")
        }
        defer { try? store.releaseLease(mailbox: mailbox.id, holder: holder) }
        try? store.updateMailbox(id: mailbox.id, state: .syncing, lastError: nil)
        do {
            try recoverInterruptedSends()
            try pushLabelChanges()
            if try store.syncCursor(mailbox: mailbox.id) == nil || store.fullSyncProgress(mailbox: mailbox.id) != nil {
                try fullSync()
            }
            try partialSync()
            try backfill()
            try drainFetchQueue(phase: .partial)
            try refreshLabels()
            try sendDue()
            if shouldStop() { return finish(.stopped) }
            try store.updateMailbox(id: mailbox.id, state: .idle, lastError: nil, syncedAt: now)
            let left = try store.pendingFetchCount(mailbox: mailbox.id)
            if left > 0 { return .pending(left) }
            emit(.caughtUp(account: account))
            return .caughtUp
        } catch let error as GmailError {
            return finish(error)
        } catch is Stopped {
            return finish(.stopped)
        } catch {
            let message = "the database refused a sync step (\(error))"
            try? store.updateMailbox(id: mailbox.id, state: .error, lastError: message)
            emit(.failed(SyncFailure(account: account, kind: .temporary, message: message)))
            return .failed(message)
        }
    }

    /// Thrown between steps when the process is asked to stop.
    struct Stopped: Error {}

    private func finish(_ outcome: SyncOutcome) -> SyncOutcome {
        if outcome == .stopped { try? store.updateMailbox(id: mailbox.id, state: .idle, lastError: nil) }
        return outcome
    }

    private func finish(_ error: GmailError) -> SyncOutcome {
        let message = error.description
        if case .needsLogin = error {
            try? store.updateMailbox(id: mailbox.id, state: .needsLogin, lastError: message)
            emit(.failed(SyncFailure(account: account, kind: .needsLogin, message: message)))
            return .needsLogin
        }
        try? store.updateMailbox(id: mailbox.id, state: .error, lastError: message)
        emit(.failed(SyncFailure(account: account, kind: Self.kind(of: error), message: message)))
        return .failed(message)
    }

    static func kind(of error: GmailError) -> SyncFailure.Kind {
        switch error {
        case .needsLogin, .unauthorized: return .needsLogin
        case .rateLimited: return .rateLimited
        case .permission: return .permission
        case .permanent, .invalidConfiguration: return .permanent
        default: return .temporary
        }
    }

    // MARK: retries

    /// Runs `call`, waiting out throttling and brief outages: 429s pause the bucket (for the time Gmail
    /// asked, or a growing jittered wait) and shrink batches; 5xx and timeouts back off. Waits longer
    /// than a minute end the cycle instead (the mailbox shows why).
    func retrying<T>(_ call: () throws(GmailError) -> T) throws -> T {
        var attempts = 0
        while true {
            if shouldStop() { throw Stopped() }
            do {
                let value = try call()
                backoff.reset()
                return value
            } catch {
                attempts += 1
                guard error.isRetryable, attempts < 8 else { throw error }
                var retryAfter: TimeInterval?
                if case .rateLimited(let after, _) = error {
                    retryAfter = after
                    sizer.throttled()
                }
                let wait = backoff.next(retryAfter: retryAfter)
                guard wait <= 60 else { throw error }
                emit(.failed(SyncFailure(account: account, kind: Self.kind(of: error),
                                         message: "\(error.description); retrying in \(Int(wait.rounded(.up))) s")))
                if case .rateLimited = error {
                    bucket.pause(until: now.addingTimeInterval(wait))
                } else {
                    clock.sleep(seconds: wait)
                }
            }
        }
    }

    /// Takes the mailbox's lease: free, expired, ours, or held by a process of this machine that no
    /// longer exists (killed before it could let go).
    func takeLease() throws -> Bool {
        if try store.acquireLease(mailbox: mailbox.id, holder: holder, ttl: settings.leaseDuration, now: now) { return true }
        guard let current = try store.leaseHolder(mailbox: mailbox.id), LeaseHolder.isDeadLocalProcess(current.holder)
        else { return false }
        return try store.takeOverLease(mailbox: mailbox.id, from: current.holder, holder: holder,
                                       ttl: settings.leaseDuration, now: now)
    }

    /// Extends this process's lease on the mailbox during long work.
    func renewLease() throws {
        guard try store.acquireLease(mailbox: mailbox.id, holder: holder, ttl: settings.leaseDuration, now: now) else {
            throw GmailError.temporary("another Rapport took over this mailbox")
        }
    }
}

import CRMStore
import Dispatch
import Foundation

/// The heartbeat of a `rapport sync` daemon: a thread of its own, with its own connection, records
/// every `period` seconds that the daemon serves its mailboxes (see `Store.beat`), so the beat goes
/// on while a long cycle runs; `stop` removes the rows at once.
public final class SyncHeartbeat: Sendable {
    /// Seconds between beats.
    public static let period: TimeInterval = 10
    /// How long a beat counts: several periods, so that a beat delayed by a busy database is not a death.
    public static let lifetime: TimeInterval = 45

    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts beating for `mailboxes` in the database at `path`, as `holder` (see `LeaseHolder`).
    public init(databasePath path: String, mailboxes: [Int64], holder: String = LeaseHolder.make(),
                period: TimeInterval = SyncHeartbeat.period, lifetime: TimeInterval = SyncHeartbeat.lifetime) {
        Thread.detachNewThread { [stopped, finished] in
            let store = try? Store(path: path, create: false)
            repeat {
                try? store?.beat(mailboxes: mailboxes, holder: holder, ttl: lifetime, now: Date())
            } while stopped.wait(timeout: .now() + period) == .timedOut
            try? store?.endHeartbeat(holder: holder)
            finished.signal()
        }
    }

    /// Stops beating and removes this daemon's heartbeats; returns when they are gone.
    public func stop() {
        stopped.signal()
        finished.wait()
    }
}

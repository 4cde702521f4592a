import CRMCore
import CRMStore
import Dispatch
import Foundation

/// Sync for the full-screen app: a `SyncService` on its own serial queue with its own database
/// connection, driven through `SyncControl` and reporting through the event sink.
public final class BackgroundSync: SyncControl {
    private let control = ControlFlags()
    private let finished = DispatchSemaphore(value: 0)

    /// Starts syncing `connections` at once: a cycle now, then every interval and on request (one
    /// mailbox's cycle, or its sends alone ahead of any pull).
    public init(databasePath: String, connections: [SyncService.Connection], settings: SyncSettings,
                sink: @escaping SyncEventSink) {
        let control = control
        let finished = finished
        DispatchQueue(label: "rapport.sync", qos: .utility).async {
            defer { finished.signal() }
            do {
                let store = try Store(path: databasePath, create: false)
                let service = try SyncService(store: store, connections: connections, settings: settings,
                                              clock: SystemClock(), control: control, emit: sink)
                service.runUntilStopped()
            } catch {
                sink(.failed(SyncFailure(account: connections.first?.mailbox.email.value ?? "sync", kind: .temporary,
                                         message: "sync could not start (\(error)); mail will not update in this window")))
            }
        }
    }

    public func requestSync(account: String?) {
        control.requestSync(account: account)
    }

    public func requestSend(account: String) {
        control.requestSend(account: account)
    }

    public func stop() {
        control.stop()
    }

    /// Stops and waits up to `seconds` for the transaction in hand to finish; false if it did not.
    @discardableResult
    public func stopAndWait(seconds: TimeInterval = 10) -> Bool {
        stop()
        return finished.wait(timeout: .now() + seconds) == .success
    }
}

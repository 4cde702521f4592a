import Dispatch
import Foundation

/// Ctrl-C and SIGTERM turned into a call, so a long-running command can finish what it is doing and
/// exit 0 instead of dying mid-transaction.
final class StopSignals {
    private var sources: [DispatchSourceSignal] = []

    /// Starts delivering SIGINT and SIGTERM to `handler` (on a background queue) until `cancel()`.
    init(_ handler: @escaping () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
    }

    /// Stops listening (the signals stay ignored until the process exits).
    func cancel() {
        sources.forEach { $0.cancel() }
        sources = []
    }
}

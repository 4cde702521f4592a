import Dispatch
import Foundation

/// Signals (Ctrl-C, SIGTERM, a hang-up) turned into a call, so a long-running command can finish what it is doing and
/// exit 0 instead of dying mid-transaction.
public final class StopSignals {
    private var sources: [DispatchSourceSignal] = []

    /// Starts delivering `signals` (by default SIGINT and SIGTERM) to `handler` on `queue` until `cancel()`.
    public init(_ signals: [Int32] = [SIGINT, SIGTERM], queue: DispatchQueue = .global(), _ handler: @escaping () -> Void) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
    }

    /// Stops listening (the signals stay ignored until the process exits).
    public func cancel() {
        sources.forEach { $0.cancel() }
        sources = []
    }
}

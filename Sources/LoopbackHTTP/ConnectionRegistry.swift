import Dispatch
import Synchronization

/// The server's mutable state, behind one lock: the listening socket's read source, the open
/// connections, and whether the server has stopped.
final class ConnectionRegistry: Sendable {
    private struct State {
        var stopped = false
        var source: DispatchSourceRead?
        var connections: Set<Int32> = []
    }

    private let state = Mutex(State())
    /// Signalled by the read source's cancel handler once the listening socket is closed.
    private let listenerClosed = DispatchSemaphore(value: 0)

    /// Watches the listening socket: `accept` runs on `queue` whenever connections wait, and
    /// `closeListener` once the watch is cancelled by `stop()`.
    func watch(listener: Int32, on queue: DispatchQueue, accept: @escaping @Sendable () -> Void,
               closeListener: @escaping @Sendable () -> Void) {
        state.withLock { state in
            let source = DispatchSource.makeReadSource(fileDescriptor: listener, queue: queue)
            source.setEventHandler(handler: accept)
            source.setCancelHandler(handler: closeListener)
            source.resume()
            state.source = source
        }
    }

    func listenerDidClose() {
        listenerClosed.signal()
    }

    /// Records a new connection; false (and the caller closes it) once the server has stopped.
    func add(_ fd: Int32) -> Bool {
        state.withLock { state in
            guard !state.stopped else { return false }
            state.connections.insert(fd)
            return true
        }
    }

    /// Forgets a connection and closes it. The descriptor is closed under the lock, so `stop()`
    /// never shuts down a number the system has already handed to someone else.
    func close(_ fd: Int32) {
        state.withLock { state in
            state.connections.remove(fd)
            Socket.close(fd)
        }
    }

    /// Closes the listening socket (waiting until it is closed) and wakes every connection so that
    /// it ends. Idempotent.
    func stop() {
        let source: DispatchSourceRead? = state.withLock { state in
            guard !state.stopped else { return nil }
            state.stopped = true
            for fd in state.connections { Socket.shutdownBoth(fd) }
            let source = state.source
            state.source = nil
            return source
        }
        guard let source else { return }
        source.cancel()
        _ = listenerClosed.wait(timeout: .now() + 5)
    }
}

import Dispatch
import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 (POSIX sockets and Dispatch) for OAuth redirects and
/// simulated services.
///
/// Each connection is served on its own Dispatch queue, so requests on different connections run
/// in parallel and the handler may block (to simulate latency, say). Keep-alive is the default for
/// HTTP/1.1; bodies may come with Content-Length or chunked; `Expect: 100-continue` is answered;
/// responses always carry Content-Length. Garbage gets a 400 and the connection closes; a client
/// that stalls for `idleTimeout` is dropped.
public final class LoopbackServer: Sendable {
    /// The port the server listens on (the one the system chose when 0 was asked for).
    public let port: UInt16
    private let registry: ConnectionRegistry

    /// Binds 127.0.0.1:`port` (0 = an ephemeral port) and starts answering with `handler`.
    /// `idleTimeout` (seconds) closes a keep-alive connection that sends nothing, and drops a
    /// client that stalls in the middle of a request.
    public init(port: UInt16 = 0, idleTimeout: Double = 30,
                handler: @escaping @Sendable (ServerRequest) -> ServerResponse) throws {
        let (listener, actualPort) = try Socket.listen(port: port)
        self.port = actualPort
        let registry = ConnectionRegistry()
        self.registry = registry

        let acceptQueue = DispatchQueue(label: "LoopbackServer.accept.\(actualPort)")
        registry.watch(listener: listener, on: acceptQueue, accept: {
            while let fd = Socket.accept(listener) {
                guard registry.add(fd) else {
                    Socket.close(fd)
                    continue
                }
                // One serial queue per connection, not a shared concurrent queue: on Linux a concurrent
                // queue runs blocking work only about as wide as the core count, while a serial queue
                // targets the overcommitting root queue and gets a thread of its own when all are busy.
                DispatchQueue(label: "LoopbackServer.connection.\(fd)").async {
                    var connection = HTTPConnection(fd: fd, idleTimeout: idleTimeout, handler: handler)
                    connection.serve()
                    registry.close(fd)
                }
            }
        }, closeListener: {
            Socket.close(listener)
            registry.listenerDidClose()
        })
    }

    /// "http://127.0.0.1:PORT", without a trailing slash.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Stops listening and closes every connection (a handler still running finishes, but its
    /// answer goes nowhere). Idempotent; returns once the port is released.
    public func stop() {
        registry.stop()
    }

    deinit {
        registry.stop()
    }
}

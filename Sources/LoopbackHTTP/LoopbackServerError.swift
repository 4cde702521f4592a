#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a loopback server could not start listening.
public struct LoopbackServerError: Error, Equatable, CustomStringConvertible {
    /// The system call that failed: "socket", "bind" or "listen".
    public let operation: String
    /// The port asked for (0 = any).
    public let port: UInt16
    /// The errno value.
    public let code: Int32

    /// "could not listen on 127.0.0.1:PORT (bind: Address already in use)".
    public var description: String {
        let reason = String(cString: strerror(code))
        return "could not listen on 127.0.0.1:\(port) (\(operation): \(reason))"
    }

    /// Whether another process already listens on the port.
    public var isAddressInUse: Bool { code == EADDRINUSE }
}

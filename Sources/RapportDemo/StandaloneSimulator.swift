import CRMCore
import Dispatch
import Foundation
import GmailSimulator
import RapportTerminal

/// The Gmail simulator on its own (`rapport dev simulator`), for developers and scripted set-ups:
/// accounts empty or loaded from Maildirs, refresh tokens in files, served until Ctrl-C.
public final class StandaloneSimulator {
    /// How the simulator behaves; nil leaves the simulator's default.
    public struct Options: Sendable {
        /// Seconds added to every request.
        public var latency: TimeInterval?
        /// Quota units per second per user; 0 for no quota.
        public var unitsPerSecond: Double?
        /// Charge the 2026 cost table instead of the legacy one.
        public var costs2026 = false

        public init() {}
    }

    private let simulator: GmailSimulator
    /// The OAuth client the simulator accepts.
    public let clientID: String
    public let clientSecret: String

    public init(options: Options) throws {
        var configuration = SimulatorConfiguration()
        if let latency = options.latency { configuration.latency = latency }
        if let units = options.unitsPerSecond {
            configuration.unitsPerSecond = units == 0 ? nil : units
            configuration.burstUnits = max(units, 100)
        }
        if options.costs2026 { configuration.costTable = .y2026 }
        simulator = try GmailSimulator(configuration: configuration)
        clientID = configuration.clientID
        clientSecret = configuration.clientSecret
    }

    /// Adds an empty account.
    public func addAccount(_ email: EmailAddress) {
        simulator.addAccount(email: email.value)
    }

    /// Adds an account holding the messages of a Maildir; returns how many there were.
    public func load(maildir: URL, into email: EmailAddress) throws -> Int {
        simulator.addAccount(email: email.value)
        return try simulator.load(maildir: maildir, into: email.value)
    }

    /// Starts serving on 127.0.0.1 (`port` 0: any free one); returns the base address.
    public func start(port: UInt16) throws -> URL {
        try simulator.start(port: port)
    }

    /// Writes `EMAIL.token` (mode 0600) holding a refresh token for each account into `folder` (made 0700).
    public func writeRefreshTokens(for accounts: [EmailAddress], into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        for email in accounts {
            let path = (folder as NSString).appendingPathComponent(email.value + ".token")
            let token = simulator.issueRefreshToken(for: email.value)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw CRMError("cannot write \(path): \(String(cString: strerror(errno)))") }
            _ = token.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
            close(descriptor)
        }
    }

    /// Serves until Ctrl-C or SIGTERM, then stops.
    public func serveUntilStopped() {
        let stop = DispatchSemaphore(value: 0)
        let signals = StopSignals { stop.signal() }
        stop.wait()
        signals.cancel()
        simulator.stop()
    }
}

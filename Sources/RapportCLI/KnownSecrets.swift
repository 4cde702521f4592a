import Synchronization

/// The secrets this run has in hand (a client secret, a refresh token read from a file), so that
/// `Redaction` can take them out of anything printed on standard error, however they are shaped.
final class KnownSecrets: Sendable {
    private let secrets = Mutex<[String]>([])

    /// Remembers `secret` until the process ends.
    func add(_ secret: String) {
        secrets.withLock { $0.append(secret) }
    }

    var all: [String] { secrets.withLock { $0 } }
}

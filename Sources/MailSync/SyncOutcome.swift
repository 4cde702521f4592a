/// How one sync cycle of a mailbox ended.
public enum SyncOutcome: Sendable, Equatable, CustomStringConvertible {
    case caughtUp
    /// Another process holds this mailbox's lease.
    case busyElsewhere
    case needsLogin
    /// Something went wrong; the next cycle tries again.
    case failed(String)
    case stopped
    /// Messages Gmail would not give yet wait in the queue for the next cycle.
    case pending(Int)

    /// For people: "caught up", "needs sign-in"…
    public var description: String {
        switch self {
        case .caughtUp: return "caught up"
        case .busyElsewhere: return "another Rapport is syncing it"
        case .needsLogin: return "needs sign-in"
        case .failed(let message): return message
        case .stopped: return "stopped"
        case .pending(let count): return "\(count) message\(count == 1 ? "" : "s") left to fetch; tried again soon"
        }
    }
}

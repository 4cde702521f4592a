import CRMCore
import CRMStore
import Foundation

/// Whether mail flows for a mailbox: a sync holds its lease now, or one finished a cycle within
/// two sync intervals and a minute (a daemon cycles every interval), or neither.
enum SyncActivity: Equatable {
    case running(holder: String)
    case recent(lag: TimeInterval)
    case stale(lag: TimeInterval?)

    init(_ mailbox: Mailbox, store: Store, interval: TimeInterval) throws {
        if try store.liveLeases().contains(mailbox.id), let holder = try store.leaseHolder(mailbox: mailbox.id) {
            self = .running(holder: holder.holder)
            return
        }
        let lag = mailbox.lastSyncAt.map { max(0, Date().timeIntervalSince($0)) }
        if let lag, lag <= 2 * interval + 60 { self = .recent(lag: lag) } else { self = .stale(lag: lag) }
    }

    var isAlive: Bool { if case .stale = self { return false } else { return true } }

    /// For people: "a sync is running (process 12 on host)", "last synced 40 s ago"…
    var words: String {
        switch self {
        case .running(let holder):
            let parts = holder.split(separator: ":")
            return parts.count >= 2 ? "a sync is running (process \(parts[1]) on \(parts[0]))" : "a sync is running"
        case .recent(let lag): return "last synced \(Int(lag)) s ago"
        case .stale(let lag): return "no sync is running for it (" + (lag.map { "last synced \(Int($0)) s ago" } ?? "never synced") + ")"
        }
    }
}

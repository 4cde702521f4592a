import CRMCore
import CRMStore
import Foundation
import TerminalUI

/// Whether mail flows for a mailbox: a `rapport sync` daemon beats for it, or a sync holds its lease
/// now, or one finished a cycle within two sync intervals and a minute (cron, or the app), or neither.
enum SyncActivity: Equatable {
    case daemon(holder: String)
    case running(holder: String)
    case recent(lag: TimeInterval)
    case stale(lag: TimeInterval?)

    init(_ mailbox: Mailbox, store: Store, interval: TimeInterval) throws {
        if let daemon = try store.liveDaemons()[mailbox.id] {
            self = .daemon(holder: daemon.holder)
            return
        }
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
        case .daemon(let holder):
            return "a sync daemon is alive" + Self.process(holder)
        case .running(let holder):
            return "a sync is running" + Self.process(holder)
        case .recent(let lag): return "last synced \(Int(lag)) s ago"
        case .stale(let lag): return "no sync is running for it (" + (lag.map { "last synced \(Int($0)) s ago" } ?? "never synced") + ")"
        }
    }

    /// " (process 12 on host)" from a lease holder's name, or nothing.
    private static func process(_ holder: String) -> String {
        let parts = holder.split(separator: ":")
        return parts.count >= 2 ? " (process \(SafeText.line(String(parts[1]))) on \(SafeText.line(String(parts[0]))))" : ""
    }
}

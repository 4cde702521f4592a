import Foundation

/// Names a lease holder "host:pid:random", so a process can tell a lease left by a dead process of
/// its own machine from one held by a live process or another machine. Sync takes leases under
/// these names; the store reads them to tell a running sync from one that was killed.
public enum LeaseHolder {
    /// A new name for this process.
    public static func make() -> String {
        "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
    }

    /// Whether `holder` names a process on this machine that no longer runs.
    public static func isDeadLocalProcess(_ holder: String) -> Bool {
        let parts = holder.split(separator: ":")
        guard parts.count >= 3, String(parts[0]) == ProcessInfo.processInfo.hostName,
              let pid = pid_t(parts[1]), pid > 0, pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}

import Dispatch

/// A per-user token bucket in quota units: fills at `rate` per second up to `capacity`.
struct SimulatedQuota: Sendable {
    private var units: Double
    private var updated: UInt64

    init(capacity: Double) {
        units = capacity
        updated = DispatchTime.now().uptimeNanoseconds
    }

    /// Takes `cost` units if the bucket holds them; false (and nothing taken) otherwise.
    mutating func take(_ cost: Int, rate: Double, capacity: Double) -> Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        let elapsed = Double(now &- updated) / 1e9
        updated = now
        units = min(capacity, units + elapsed * rate)
        guard units >= Double(cost) else { return false }
        units -= Double(cost)
        return true
    }

    /// Empties the bucket (tests use it to force the next call over quota).
    mutating func drain() {
        units = 0
        updated = DispatchTime.now().uptimeNanoseconds
    }
}

/// Summary figures of a set of timings, in milliseconds.
struct LatencyStats {
    private let sorted: [Double]

    init(milliseconds: [Double]) {
        sorted = milliseconds.sorted()
    }

    var count: Int { sorted.count }
    var p50: Double { percentile(50) }
    var p99: Double { percentile(99) }
    var max: Double { sorted.last ?? 0 }
    var mean: Double { sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count) }

    /// The nearest-rank percentile: the smallest timing at or above `percent`% of all timings.
    func percentile(_ percent: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}

extension Duration {
    /// This duration in milliseconds.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    /// This duration in seconds.
    var seconds: Double { milliseconds / 1_000 }
}

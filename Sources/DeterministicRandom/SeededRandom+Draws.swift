import Foundation

/// The draws synthetic data and fuzzing need, on top of the repeatable generator.
extension SeededRandom {
    /// A whole number in 0..<count.
    public mutating func below(_ count: Int) -> Int {
        Int(next() % UInt64(max(count, 1)))
    }

    /// A number in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with the given probability.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An element, each equally likely.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An index in 0..<count where small indices are far more likely (the more so as `skew` grows).
    public mutating func skewedIndex(_ count: Int, skew: Double = 2.2) -> Int {
        min(count - 1, Int(Double(count) * pow(unit(), skew)))
    }
}

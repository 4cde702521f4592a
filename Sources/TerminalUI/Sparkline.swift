/// A row of block characters showing numbers over time ("▁▂▄█"), newest on the right.
public enum Sparkline {
    /// The eight bars, lowest first.
    public static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The last `width` values as bars scaled to the largest of them, right-aligned in exactly
    /// `width` columns (spaces where there are no values). Zero and negative values get the lowest
    /// bar, any positive value at least the second, the largest the full bar.
    public static func render(_ values: [Int], width: Int) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width).map { max(0, $0) }
        let largest = shown.max() ?? 0
        var result = String(repeating: " ", count: width - shown.count)
        for value in shown {
            guard value > 0, largest > 0 else {
                result.append(bars[0])
                continue
            }
            let level = Int((Double(value) / Double(largest) * Double(bars.count - 1)).rounded())
            result.append(bars[min(bars.count - 1, max(1, level))])
        }
        return result
    }
}

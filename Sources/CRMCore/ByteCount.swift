import Foundation

/// A size in bytes as people read it, the same on the command line and on the screen.
public enum ByteCount {
    /// "900 bytes", "48 KB", "12.3 MB".
    public static func text(_ count: Int) -> String {
        if count < 1024 { return "\(count) bytes" }
        if count < 1 << 20 { return "\(Int((Double(count) / 1024).rounded())) KB" }
        return String(format: "%.1f MB", Double(count) / 1_048_576)
    }
}

import Foundation

/// A new, empty folder under the system's temporary directory, removed with the last reference to it.
public final class TemporaryFolder: Sendable {
    public let url: URL

    /// Makes `PREFIX-UUID`.
    public init(_ prefix: String = "rapport-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

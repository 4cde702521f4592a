import CRMStore
import Foundation

/// A new Rapport database, `rapport.db` in a temporary folder of its own; the folder goes with the fixture.
public final class TestDatabase {
    private let temporary: TemporaryFolder
    public let store: Store

    public init(_ prefix: String = "rapport-test") throws {
        temporary = try TemporaryFolder(prefix)
        store = try Store(path: temporary.url.appendingPathComponent("rapport.db").path)
    }

    public var folder: URL { temporary.url }

    public var path: String { folder.appendingPathComponent("rapport.db").path }
}

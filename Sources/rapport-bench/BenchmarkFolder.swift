import CRMCore
import Foundation

/// Where a benchmark works: the folder `--dir` names, which must not exist yet (a benchmark needs a
/// fresh one) and is kept, or a new temporary one, removed at the end.
struct BenchmarkFolder {
    let url: URL
    let isTemporary: Bool

    /// Makes the folder for `directory` (nil: a temporary one named after `prefix`).
    /// - Throws: `CRMError` when something already stands there, or it cannot be made.
    init(_ directory: String?, prefix: String) throws {
        isTemporary = directory == nil
        url = URL(fileURLWithPath: directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)").path)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw CRMError("\(url.path) already exists; give a --dir that does not")
        }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The Rapport database a benchmark builds in it.
    var database: String { url.appendingPathComponent("rapport.db").path }

    /// "database: PATH (temporary, removed at exit)", for the report's head.
    var databaseLine: String { "database: \(database)\(isTemporary ? " (temporary, removed at exit)" : "")" }

    /// Removes a temporary folder; a folder `--dir` named stays.
    func removeIfTemporary() {
        if isTemporary { try? FileManager.default.removeItem(at: url) }
    }
}

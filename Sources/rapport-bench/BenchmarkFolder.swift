import CRMCore
import Foundation

/// Where a benchmark works: the folder `--dir` names, which must not exist yet (a benchmark needs a
/// fresh one, and keeps it), or a new temporary one, which it removes at the end.
enum BenchmarkFolder {
    /// The folder to create for `directory` (nil: a temporary one named after `prefix`).
    /// - Throws: `CRMError` when something already stands there.
    static func fresh(_ directory: String?, prefix: String) throws -> URL {
        let folder = URL(fileURLWithPath: directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)").path)
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw CRMError("\(folder.path) already exists; give a --dir that does not")
        }
        return folder
    }
}

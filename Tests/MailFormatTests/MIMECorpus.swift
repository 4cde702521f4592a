import Foundation

/// The shared corpus of real messages from other parsers' suites (../shared/corpus/mime), read at
/// test time and never copied into the project. Tests skip, saying so, when it is absent.
enum MIMECorpus {
    static let root: URL? = {
        if let override = ProcessInfo.processInfo.environment["RAPPORT_MIME_CORPUS"] {
            return URL(fileURLWithPath: override)
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = package.deletingLastPathComponent().appendingPathComponent("shared/corpus/mime")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static var isAvailable: Bool { root != nil }

    /// Every file under `folder` (recursively) whose name ends with one of `suffixes`, sorted.
    static func files(in folder: String, suffixes: [String]) -> [URL] {
        guard let root, let enumerator = FileManager.default.enumerator(
            at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { return [] }
        var result: [URL] = []
        for case let url as URL in enumerator where suffixes.contains(where: { url.lastPathComponent.hasSuffix($0) }) {
            result.append(url)
        }
        return result.sorted { $0.path < $1.path }
    }

    static func bytes(_ url: URL) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: url))) ?? []
    }

    static func skipNote() {
        print("MIME corpus not found at ../shared/corpus/mime (set RAPPORT_MIME_CORPUS): corpus tests skipped")
    }
}

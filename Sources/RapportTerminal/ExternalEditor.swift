import Foundation

/// Edits text in the user's `$VISUAL` or `$EDITOR` (vi when neither is set), through a private
/// temporary file that is removed afterwards.
struct ExternalEditor {
    let environment: [String: String]

    /// The edited text, or nil when the editor could not run or exited with an error.
    func edit(_ text: String) -> String? {
        let folder = FileManager.default.temporaryDirectory
        let file = folder.appendingPathComponent("rapport-\(UUID().uuidString).txt")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else { return nil }
        defer { try? FileManager.default.removeItem(at: file) }
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The editor may carry arguments ("code -w"); the file goes in as "$1", never through the shell's parser.
        process.arguments = ["-c", editor + " \"$1\"", "rapport-editor", file.path]
        process.environment = environment
        do {
            try process.run()
        } catch {
            return nil
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: file.path) else { return nil }
        var edited = String(decoding: data, as: UTF8.self)
        if edited.hasSuffix("\n") && !text.hasSuffix("\n") { edited.removeLast() }
        return edited
    }
}

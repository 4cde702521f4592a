import Foundation
import Hardening

/// Edits text in the user's `$VISUAL` or `$EDITOR` (vi when neither is set), through a file made
/// 0600 in a new private folder (0700, `mkdtemp`), so no other user can read the draft or swap the
/// file for a link; both are removed afterwards.
struct ExternalEditor {
    let environment: [String: String]

    /// The edited text, or nil when the editor could not run or exited with an error.
    func edit(_ text: String) -> String? {
        guard let folderPath = try? SafeFile.temporaryFolder(prefix: "rapport-edit") else { return nil }
        defer { try? FileManager.default.removeItem(atPath: folderPath) }
        let name = "draft.txt"
        do {
            let folder = try SafeFile(folderPath, for: .folder(creating: nil))
            try SafeFile(name, in: folder, for: .createNew(mode: 0o600)).write(Array(text.utf8))
        } catch {
            return nil
        }
        let path = folderPath + "/" + name
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        // The editor may carry arguments ("code -w"); the file goes in as "$1", never through the shell's parser.
        let command = ForegroundCommand(script: editor + " \"$1\"", name: "rapport-editor", arguments: [path],
                                        environment: environment)
        guard command.run() == 0,
              let bytes = try? SafeFile(path, for: .read).readAll(limit: Self.largestText) else { return nil }
        // As saved: the app reads the file's text back (`TextEditor(fileText:)`).
        return String(decoding: bytes, as: UTF8.self)
    }

    /// More text than any email body Rapport sends; a larger file is not read back.
    static let largestText = 64 << 20
}

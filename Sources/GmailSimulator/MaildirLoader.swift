import Foundation

/// Reads a Maildir tree for `GmailSimulator.load(maildir:into:)`.
enum MaildirLoader {
    struct Item {
        let bytes: [UInt8]
        /// System label ids and user label names.
        let labels: [String]
        /// The file's modification time (used when the message has no readable Date).
        let fallbackDate: Date
    }

    static func items(at root: URL) throws -> [Item] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: root.path])
        }
        var items: [Item] = []
        try collect(root, folder: [], into: &items, depth: 0)
        return items
    }

    private static func collect(_ directory: URL, folder: [String], into items: inout [Item], depth: Int) throws {
        guard depth < 32 else { return }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        let folderLabels = labels(forFolder: folder)
        for sub in ["cur", "new"] where names.contains(sub) {
            let files = directory.appendingPathComponent(sub)
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: files.path)) ?? []).sorted()
            where !name.hasPrefix(".") {
                let url = files.appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: url.path) else { continue }
                let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
                let modified = attributes?[.modificationDate] as? Date ?? Date()
                let flags = name.range(of: ":2,").map { String(name[$0.upperBound...]) }
                var labels = folderLabels
                let isOwnMail = labels.contains("SENT") || labels.contains("DRAFT")
                if !isOwnMail && (sub == "new" || !(flags ?? "").contains("S")) { labels.append("UNREAD") }
                if (flags ?? "").contains("F") { labels.append("STARRED") }
                items.append(Item(bytes: [UInt8](data), labels: labels, fallbackDate: modified))
            }
        }
        for name in names where !["cur", "new", "tmp"].contains(name) && !name.hasPrefix("..") {
            let child = directory.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isFolder), isFolder.boolValue else {
                continue
            }
            // Maildir++ names subfolders ".Sent", ".Clients.Acme"; other layouts nest directories.
            let pieces = name.hasPrefix(".") ? name.dropFirst().split(separator: ".").map(String.init) : [name]
            try collect(child, folder: folder + pieces, into: &items, depth: depth + 1)
        }
    }

    /// The labels a folder gives its messages.
    static func labels(forFolder path: [String]) -> [String] {
        guard let last = path.last else { return ["INBOX"] }
        let key = last.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]. "))
        if path.count == 1 && key == "inbox" { return ["INBOX"] }
        if key.contains("sent") || key.contains("gesendet") { return ["SENT"] }
        if key.contains("trash") || key.contains("deleted") || key == "bin" { return ["TRASH"] }
        if key.contains("spam") || key.contains("junk") { return ["SPAM"] }
        if key.contains("draft") { return ["DRAFT"] }
        if key == "archive" || key == "all mail" || key == "allmail" { return [] }
        return [path.joined(separator: "/")]
    }
}

import Foundation

/// A Maildir, or a tree of them (Maildir++ subfolders, notmuch and mutt layouts): every file in every
/// `cur` and `new` folder is a message.
public enum Maildir {
    /// The messages under `root`, in a stable order. Throws when `root` is not a folder.
    public static func items(at root: URL) throws -> [MailItem] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: root.path])
        }
        var items: [MailItem] = []
        try collect(root, folderName: "", into: &items, depth: 0)
        return items
    }

    private static func collect(_ folder: URL, folderName: String, into items: inout [MailItem], depth: Int) throws {
        guard depth < 32 else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        for sub in ["cur", "new"] where names.contains(sub) {
            let directory = folder.appendingPathComponent(sub)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.sorted() ?? []
            for file in files where !file.hasPrefix(".") {
                let url = directory.appendingPathComponent(file)
                var labels = FolderLabels.labels(forFolder: folderName)
                if let flags = file.range(of: ":2,")?.upperBound, !file[flags...].contains("S") || sub == "new" {
                    labels.append("UNREAD")
                } else if !file.contains(":2,") && sub == "new" {
                    labels.append("UNREAD")
                }
                items.append(MailItem(location: url.path, labels: labels) { try FileBytes.read(url.path) })
            }
        }
        for name in names where !["cur", "new", "tmp"].contains(name) {
            let child = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: child.path, isDirectory: &isFolder), isFolder.boolValue {
                try collect(child, folderName: folderName.isEmpty ? name : folderName + "/" + name, into: &items,
                            depth: depth + 1)
            }
        }
    }
}

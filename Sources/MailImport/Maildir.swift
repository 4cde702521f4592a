import Foundation
import Hardening

/// A Maildir, or a tree of them (Maildir++ subfolders, notmuch and mutt layouts): every regular
/// file in every `cur` and `new` folder is a message. Anything else found there (a FIFO, a socket,
/// a device, a folder, a symbolic link) is skipped and listed, never opened in a way that could block.
public enum Maildir {
    /// The largest message file read.
    public static let messageLimit = 100 << 20

    /// What a Maildir tree holds: its messages, in a stable order, and what was skipped and why.
    public struct Contents: Sendable {
        public var items: [MailItem] = []
        public var skipped: [Skipped] = []

        public init() {}
    }

    /// An entry that is not a message file.
    public struct Skipped: Sendable, Equatable {
        public let location: String
        /// "it is a named pipe (FIFO), not a file"
        public let reason: String
    }

    /// The messages under `root`. Throws when `root` is not a folder.
    public static func contents(at root: URL) throws -> Contents {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: root.path])
        }
        var contents = Contents()
        collect(root, folderName: "", into: &contents, depth: 0)
        return contents
    }

    private static func collect(_ folder: URL, folderName: String, into contents: inout Contents, depth: Int) {
        guard depth < 32 else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        for sub in ["cur", "new"] where names.contains(sub) {
            let directory = folder.appendingPathComponent(sub)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.sorted() ?? []
            for file in files where !file.hasPrefix(".") {
                let path = directory.appendingPathComponent(file).path
                let input = BoundedInput(file: path, followingOwnLink: false, limit: messageLimit,
                                         overLimit: "a message that large is not imported")
                do {
                    _ = try input.size()
                } catch let refusal where refusal.isWrongKind {
                    contents.skipped.append(Skipped(location: path, reason: refusal.fact))
                    continue
                } catch {
                    // Unreadable or too large: reading it says so, among the messages that failed.
                }
                var labels = FolderLabels.labels(forFolder: folderName)
                if let flags = file.range(of: ":2,")?.upperBound, !file[flags...].contains("S") || sub == "new" {
                    labels.append("UNREAD")
                } else if !file.contains(":2,") && sub == "new" {
                    labels.append("UNREAD")
                }
                contents.items.append(MailItem(location: path, labels: labels) { try input.read() })
            }
        }
        for name in names where !["cur", "new", "tmp"].contains(name) {
            let child = folder.appendingPathComponent(name)
            switch (kind(of: child.path, following: false), kind(of: child.path, following: true)) {
            case (S_IFDIR, _):
                collect(child, folderName: folderName.isEmpty ? name : folderName + "/" + name, into: &contents,
                        depth: depth + 1)
            case (S_IFLNK, S_IFDIR):
                contents.skipped.append(Skipped(location: child.path,
                                                reason: "it is a symbolic link to a folder, which Rapport does not follow"))
            default:
                break
            }
        }
    }

    /// The file type bits of `path` (S_IFDIR, S_IFLNK…), of the link itself unless `following`; nil when missing.
    private static func kind(of path: String, following: Bool) -> mode_t? {
        var info = stat()
        guard (following ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }
}

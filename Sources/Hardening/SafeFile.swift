import Foundation

/// A file or folder opened without following a symbolic link at the last step of its path and
/// checked through the descriptor it was opened with, so the file checked is the file used. What
/// stands at the name is looked at before it is opened (opening a FIFO can block and opening a
/// device can have effects of its own) and again once open, in case it was swapped in between. A
/// folder opened this way names files inside it (`SafeFile(name, in: folder, …)`), so a folder
/// swapped for a link after the check is not followed either. Closed when released.
///
/// How Rapport opens any file another user may have planted or swapped: the log, config files,
/// credentials, temporary files, and (through `BoundedInput`) every file people name.
public final class SafeFile {
    /// What the file is opened for.
    public enum Purpose: Sendable {
        /// Reading a regular file.
        case read
        /// Appending to a regular file with no other name (hard link); made with exactly `creating`'s
        /// mode when missing (nil: not made).
        case append(creating: mode_t?)
        /// Writing a new regular file with exactly this mode; refused when the name exists.
        case createNew(mode: mode_t)
        /// A folder, to open files in; made with `creating`'s permissions when missing (nil: not made).
        case folder(creating: mode_t?)

        /// What a refusal says was being done: "cannot read …".
        var action: String {
            switch self {
            case .read: return "read"
            case .append: return "write to"
            case .createNew: return "create"
            case .folder: return "open the folder"
            }
        }

        var isFolder: Bool {
            if case .folder = self { return true }
            return false
        }
    }

    public let descriptor: Int32
    /// The path it was opened by, for messages.
    public let path: String
    let status: stat

    /// Opens `name`, a path, or a plain name inside `folder`. Only the last step is never followed
    /// when it is a link; the folders leading to a path are the caller's to trust.
    public init(_ name: String, in folder: SafeFile? = nil, for purpose: Purpose) throws(FileRefusal) {
        let base = folder?.descriptor ?? AT_FDCWD
        let path = folder.map { $0.path + "/" + name } ?? name
        let opening = Opening(name: name, base: base, path: path, purpose: purpose)
        let descriptor = try opening.open()
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = opening.refusal(.system(errno), action: "look at")
            close(descriptor)
            throw error
        }
        if let wrong = FileRefusal.Kind(mode: status.st_mode, wantingFolder: purpose.isFolder) {
            close(descriptor)
            throw opening.refusal(wrong)
        }
        // A second name of a file (made where others may write, such as a shared logs/) would let
        // whoever made it have this process append to a file of its user's, or of root's.
        if case .append = purpose, status.st_nlink > 1 {
            close(descriptor)
            throw opening.refusal(.hardLinked)
        }
        // Opened without blocking (a FIFO would hang the open); a regular file reads the same either way.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        self.descriptor = descriptor
        self.path = path
        self.status = status
    }

    deinit { close(descriptor) }

    /// The OS user that owns it.
    public var owner: uid_t { status.st_uid }

    /// Its permission bits (`0o640`, with setuid, setgid and sticky bits).
    public var permissions: mode_t { status.st_mode & 0o7777 }

    /// Its size in bytes when it was opened.
    public var size: Int { Int(status.st_size) }

    /// Whether its owner is the user running this process.
    public var isOwnedByMe: Bool { status.st_uid == geteuid() }

    /// Whether users other than its owner may change it (group or world write bits).
    public var isWritableByOthers: Bool { status.st_mode & 0o022 != 0 }

    /// Whether users other than its owner may read it (group or world read bits).
    public var isReadableByOthers: Bool { status.st_mode & 0o044 != 0 }

    /// Writes every byte (at the end, for `.append`).
    public func write(_ bytes: [UInt8]) throws(FileRefusal) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileRefusal(path, .system(errno), action: "write to")
            }
            offset += count
        }
    }

    /// Flushes it to the disk (for a folder: the names made, renamed or removed in it).
    public func sync() throws(FileRefusal) {
        guard fsync(descriptor) == 0 else { throw FileRefusal(path, .system(errno), action: "flush") }
    }

    /// Sets its permission bits.
    public func setPermissions(_ mode: mode_t) throws(FileRefusal) {
        guard fchmod(descriptor, mode) == 0 else {
            throw FileRefusal(path, .system(errno), action: "set the permissions of")
        }
    }

    /// Gives it to OS group `group` (its owner stays).
    public func setGroup(_ group: gid_t) throws(FileRefusal) {
        guard fchown(descriptor, uid_t.max, group) == 0 else {
            throw FileRefusal(path, .system(errno), action: "change the group of")
        }
    }

    // MARK: - Names in a folder

    /// Removes the file `name` in this folder (a link is removed, not followed); false when there was none.
    @discardableResult
    public func remove(_ name: String) throws(FileRefusal) -> Bool {
        guard unlinkat(descriptor, name, 0) == 0 else {
            if errno == ENOENT { return false }
            throw FileRefusal(path + "/" + name, .system(errno), action: "remove")
        }
        return true
    }

    /// Renames `name` to `newName` in this folder, replacing what had that name.
    public func rename(_ name: String, to newName: String) throws(FileRefusal) {
        guard renameat(descriptor, name, descriptor, newName) == 0 else {
            throw FileRefusal(path + "/" + newName, .system(errno), action: "replace")
        }
    }

    /// Gives the file `name` in this folder the further name `newName`, unless something has that
    /// name already (false then; it is left alone). A link at `name` is not followed. With a file
    /// written whole under a temporary name, this puts it in place only if nobody else did first.
    public func link(_ name: String, as newName: String) throws(FileRefusal) -> Bool {
        guard linkat(descriptor, name, descriptor, newName, 0) == 0 else {
            if errno == EEXIST { return false }
            throw FileRefusal(path + "/" + newName, .system(errno), action: "create")
        }
        return true
    }

    // MARK: - Temporary files

    /// Makes a new folder only this user can enter (0700, a name nobody could guess) in the system's
    /// temporary folder, and returns its path. Files made in it cannot be swapped by other users.
    public static func temporaryFolder(prefix: String) throws(FileRefusal) -> String {
        var root = FileManager.default.temporaryDirectory.path
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        var template = Array((root + "/" + prefix + "-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw FileRefusal(root, .system(errno), action: "make a private folder in")
        }
        return String(cString: made)
    }
}

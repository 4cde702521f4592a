import Foundation

/// A file or folder opened without following a symbolic link at the last step of its path and
/// checked through the descriptor it was opened with, so the file checked is the file used. A
/// folder opened this way names files inside it (`SafeFile(name, in: folder, …)`), so a folder
/// swapped for a link after the check is not followed either. Closed when released.
///
/// Used wherever another OS user may have planted a link or a FIFO: the log of a shared home,
/// config files, credentials, secret files named on the command line and temporary files.
public final class SafeFile {
    /// What the file is opened for.
    public enum Purpose: Sendable {
        /// Reading a regular file.
        case read
        /// Appending to a regular file; made with exactly `creating`'s mode when missing (nil: not made).
        case append(creating: mode_t?)
        /// Writing a new regular file with exactly this mode; refused when the name exists.
        case createNew(mode: mode_t)
        /// A folder, to open files in; made with `creating`'s permissions when missing (nil: not made).
        case folder(creating: mode_t?)
    }

    public let descriptor: Int32
    /// The path it was opened by, for messages.
    public let path: String
    private let status: stat

    /// Opens `name`, a path, or a plain name inside `folder`. Only the last step is never followed
    /// when it is a link; the folders leading to a path are the caller's to trust.
    public init(_ name: String, in folder: SafeFile? = nil, for purpose: Purpose) throws(SafeFileError) {
        let base = folder?.descriptor ?? AT_FDCWD
        let path = folder.map { $0.path + "/" + name } ?? name
        self.path = path
        let descriptor = try Self.open(name, in: base, path: path, for: purpose)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = SafeFileError(path: path, .system(action: "look at", reason: Self.reason(errno)))
            close(descriptor)
            throw error
        }
        let kind = status.st_mode & S_IFMT
        let expected: mode_t
        if case .folder = purpose { expected = S_IFDIR } else { expected = S_IFREG }
        guard kind == expected else {
            close(descriptor)
            throw SafeFileError(path: path, expected == S_IFDIR ? .notFolder : .notRegularFile)
        }
        // Opened without blocking (a FIFO would hang the open); a regular file reads the same either way.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        self.descriptor = descriptor
        self.status = status
    }

    deinit { close(descriptor) }

    /// The OS user that owns it.
    public var owner: uid_t { status.st_uid }

    /// Its permission bits (`0o640`, with setuid, setgid and sticky bits).
    public var permissions: mode_t { status.st_mode & 0o7777 }

    /// Whether its owner is the user running this process.
    public var isOwnedByMe: Bool { status.st_uid == geteuid() }

    /// Whether users other than its owner may change it (group or world write bits).
    public var isWritableByOthers: Bool { status.st_mode & 0o022 != 0 }

    /// Whether users other than its owner may read it (group or world read bits).
    public var isReadableByOthers: Bool { status.st_mode & 0o044 != 0 }

    /// The whole file, refused when it holds more than `limit` bytes.
    public func readAll(limit: Int) throws(SafeFileError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SafeFileError(path: path, .system(action: "read", reason: Self.reason(errno)))
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else { throw SafeFileError(path: path, .tooLarge(limit: limit)) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Writes every byte (at the end, for `.append`).
    public func write(_ bytes: [UInt8]) throws(SafeFileError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SafeFileError(path: path, .system(action: "write", reason: Self.reason(errno)))
            }
            offset += count
        }
    }

    /// Flushes it to the disk (for a folder: the names made, renamed or removed in it).
    public func sync() throws(SafeFileError) {
        guard fsync(descriptor) == 0 else {
            throw SafeFileError(path: path, .system(action: "flush", reason: Self.reason(errno)))
        }
    }

    /// Sets its permission bits.
    public func setPermissions(_ mode: mode_t) throws(SafeFileError) {
        guard fchmod(descriptor, mode) == 0 else {
            throw SafeFileError(path: path, .system(action: "set the permissions of", reason: Self.reason(errno)))
        }
    }

    // MARK: - Names in a folder

    /// Removes the file `name` in this folder (a link is removed, not followed); false when there was none.
    @discardableResult
    public func remove(_ name: String) throws(SafeFileError) -> Bool {
        guard unlinkat(descriptor, name, 0) == 0 else {
            if errno == ENOENT { return false }
            throw SafeFileError(path: path + "/" + name, .system(action: "remove", reason: Self.reason(errno)))
        }
        return true
    }

    /// Renames `name` to `newName` in this folder, replacing what had that name.
    public func rename(_ name: String, to newName: String) throws(SafeFileError) {
        guard renameat(descriptor, name, descriptor, newName) == 0 else {
            throw SafeFileError(path: path + "/" + newName, .system(action: "replace", reason: Self.reason(errno)))
        }
    }

    // MARK: - Temporary files

    /// Makes a new folder only this user can enter (0700, a name nobody could guess) in the system's
    /// temporary folder, and returns its path. Files made in it cannot be swapped by other users.
    public static func temporaryFolder(prefix: String) throws(SafeFileError) -> String {
        var root = FileManager.default.temporaryDirectory.path
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        var template = Array((root + "/" + prefix + "-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SafeFileError(path: root, .system(action: "make a private folder in", reason: reason(errno)))
        }
        return String(cString: made)
    }

    // MARK: - Opening

    private static func open(_ name: String, in base: Int32, path: String, for purpose: Purpose) throws(SafeFileError)
        -> Int32 {
        let common = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
        switch purpose {
        case .read:
            return try openExisting(name, in: base, path: path, flags: O_RDONLY | common)
        case .append(let mode):
            let flags = O_WRONLY | O_APPEND | common
            guard let mode else { return try openExisting(name, in: base, path: path, flags: flags) }
            if let made = try create(name, in: base, path: path, flags: flags, mode: mode) { return made }
            return try openExisting(name, in: base, path: path, flags: flags)
        case .createNew(let mode):
            guard let made = try create(name, in: base, path: path, flags: O_WRONLY | common, mode: mode) else {
                throw SafeFileError(path: path, .alreadyExists)
            }
            return made
        case .folder(let mode):
            let flags = O_RDONLY | O_DIRECTORY | common
            if let mode, mkdirat(base, name, mode) == 0 {
                let made = try openExisting(name, in: base, path: path, flags: flags)
                // Exactly `mode` whatever the umask, keeping the setgid bit a shared parent passes on.
                var status = stat()
                if fstat(made, &status) == 0 { _ = fchmod(made, mode | (status.st_mode & S_ISGID)) }
                return made
            }
            return try openExisting(name, in: base, path: path, flags: flags)
        }
    }

    /// A new file with exactly `mode`; nil when the name exists already.
    private static func create(_ name: String, in base: Int32, path: String, flags: Int32, mode: mode_t)
        throws(SafeFileError) -> Int32? {
        let made = openat(base, name, flags | O_CREAT | O_EXCL, mode)
        guard made >= 0 else {
            if errno == EEXIST { return nil }
            throw failure(errno, name: name, in: base, path: path)
        }
        guard fchmod(made, mode) == 0 else {
            let error = SafeFileError(path: path, .system(action: "set the permissions of", reason: reason(errno)))
            close(made)
            throw error
        }
        return made
    }

    private static func openExisting(_ name: String, in base: Int32, path: String, flags: Int32)
        throws(SafeFileError) -> Int32 {
        let opened = openat(base, name, flags)
        guard opened >= 0 else { throw failure(errno, name: name, in: base, path: path) }
        return opened
    }

    /// Why an open failed, telling a link (refused) from a missing file and other errors.
    private static func failure(_ code: Int32, name: String, in base: Int32, path: String) -> SafeFileError {
        var status = stat()
        if code == ELOOP || code == ENOTDIR || code == EISDIR || code == ENXIO,
           fstatat(base, name, &status, AT_SYMLINK_NOFOLLOW) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFLNK: return SafeFileError(path: path, .symbolicLink)
            case S_IFDIR: return SafeFileError(path: path, .notRegularFile)
            default: if code == ENOTDIR { return SafeFileError(path: path, .notFolder) }
            }
            if code == ENXIO || code == EISDIR { return SafeFileError(path: path, .notRegularFile) }
        }
        if code == ENOENT { return SafeFileError(path: path, .missing) }
        return SafeFileError(path: path, .system(action: "open", reason: reason(code)))
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

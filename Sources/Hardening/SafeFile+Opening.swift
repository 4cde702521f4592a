import Foundation

extension SafeFile {
    /// The path to open for a name people gave (on the command line, in their own config): `path`
    /// itself, or, when it is a link that belongs to the caller or root, where the link leads.
    /// Refusals say what was being done: `action`.
    static func followingOwnLink(_ path: String, action: String = "read") throws(FileRefusal) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return path }
        guard info.st_uid == geteuid() || info.st_uid == 0 else {
            throw FileRefusal(path, .someoneElsesLink, action: action)
        }
        guard let resolved = realpath(path, nil) else { throw FileRefusal(path, .system(errno), action: action) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// One opening of a name for a purpose: what stands there is looked at without following a
    /// link, refused unless it is what the purpose wants, and only then opened (never following a
    /// link, never blocking, never becoming the controlling terminal).
    struct Opening {
        let name: String
        /// The folder `name` is in (`AT_FDCWD` for a path).
        let base: Int32
        /// `name` as people know it, for refusals.
        let path: String
        let purpose: Purpose

        private static let flags = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY

        /// A descriptor for what the purpose wants at the name.
        func open() throws(FileRefusal) -> Int32 {
            switch purpose {
            case .read:
                return try existing(O_RDONLY)
            case .append(let mode):
                let flags = O_WRONLY | O_APPEND
                if let mode, let made = try create(flags, mode: mode) { return made }
                return try existing(flags)
            case .createNew(let mode):
                guard let made = try create(O_WRONLY, mode: mode) else { throw refusal(.system(EEXIST)) }
                return made
            case .folder(let mode):
                let flags = O_RDONLY | O_DIRECTORY
                guard let mode, mkdirat(base, name, mode) == 0 else { return try existing(flags) }
                let made = try existing(flags)
                // Exactly `mode` whatever the umask, keeping the setgid bit a shared parent passes on.
                var status = stat()
                if fstat(made, &status) == 0 { _ = fchmod(made, mode | (status.st_mode & S_ISGID)) }
                return made
            }
        }

        /// `kind`, said of this path while doing `action` (by default what the purpose does).
        func refusal(_ kind: FileRefusal.Kind, action: String? = nil) -> FileRefusal {
            FileRefusal(path, kind, action: action ?? purpose.action)
        }

        /// A new file with exactly `mode`; nil when the name exists already (a link too).
        private func create(_ flags: Int32, mode: mode_t) throws(FileRefusal) -> Int32? {
            let made = openat(base, name, flags | Self.flags | O_CREAT | O_EXCL, mode)
            guard made >= 0 else {
                if errno == EEXIST { return nil }
                throw refusal(.system(errno))
            }
            guard fchmod(made, mode) == 0 else {
                let error = refusal(.system(errno), action: "set the permissions of")
                close(made)
                throw error
            }
            return made
        }

        /// What stands at the name, opened once it is seen to be what the purpose wants.
        private func existing(_ flags: Int32) throws(FileRefusal) -> Int32 {
            try lookAtName()
            let opened = openat(base, name, flags | Self.flags)
            guard opened >= 0 else {
                let code = errno
                try lookAtName()  // swapped in between: say what it is now
                throw refusal(code == ELOOP ? .link : .system(code))
            }
            return opened
        }

        /// Refused unless what stands at the name, not followed, is what the purpose wants.
        private func lookAtName() throws(FileRefusal) {
            var status = stat()
            guard fstatat(base, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { throw refusal(.system(errno)) }
            if let wrong = FileRefusal.Kind(mode: status.st_mode, wantingFolder: purpose.isFolder) { throw refusal(wrong) }
        }
    }
}

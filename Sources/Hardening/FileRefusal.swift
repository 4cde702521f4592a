import Foundation

/// Why a file, folder or standard input was not opened, read or written: what it is and what to
/// do, in words people know ("cannot read /tmp/x: it is a named pipe (FIFO), not a file; name a
/// regular file"). The one wording of what a path is, for `SafeFile` and `BoundedInput` alike.
public struct FileRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong with it.
    public enum Kind: Sendable, Equatable {
        /// A folder where a file was wanted.
        case folder
        case namedPipe
        case socket
        case device
        /// Something other than a folder where a folder was wanted.
        case notFolder
        /// A symbolic link where none is followed.
        case link
        /// A symbolic link named on the command line that belongs to someone else.
        case someoneElsesLink
        /// A file with other names (hard links) where one is written to: any name of any file its
        /// maker could reach, which writing would change.
        case hardLinked
        /// Standard input is closed, or open only for writing.
        case closed
        /// Larger than `limit` bytes.
        case tooLarge(limit: Int)
        /// The system refused (`errno`): missing (`ENOENT`), taken (`EEXIST`), not allowed…
        case system(Int32)

        /// What a file of type `mode` (`st_mode`) is when it is not what was wanted (a regular file, or a
        /// folder when `folder`); nil when it is.
        public init?(mode: mode_t, wantingFolder folder: Bool = false) {
            let type = mode & S_IFMT
            if folder {
                switch type {
                case S_IFDIR: return nil
                case S_IFLNK: self = .link
                default: self = .notFolder
                }
                return
            }
            switch type {
            case S_IFREG: return nil
            case S_IFDIR: self = .folder
            case S_IFIFO: self = .namedPipe
            case S_IFSOCK: self = .socket
            case S_IFLNK: self = .link
            default: self = .device
            }
        }
    }

    /// The path as given, or "standard input".
    public let name: String
    public let kind: Kind
    /// What was being done, for `description`: "read", "write to", "open the folder", "flush"…
    public let action: String
    let isStandardInput: Bool
    /// Whether the command takes "-" for standard input instead of a file.
    let takesStandardInput: Bool
    /// What to do about an input over the limit ("share it by link instead").
    let overLimit: String

    /// "it is a named pipe (FIFO), not a file"
    public var fact: String {
        switch kind {
        case .folder: return "it is a folder, not a file"
        case .namedPipe: return "it is a named pipe (FIFO), not a file"
        case .socket: return "it is a socket, not a file"
        case .device: return "it is a device, not a file"
        case .notFolder: return "it is not a folder"
        case .link: return "it is a symbolic link, which Rapport does not follow here"
        case .someoneElsesLink: return "it is a symbolic link that belongs to another user, which Rapport does not follow"
        case .hardLinked: return "it has other names (hard links), which Rapport does not write through"
        case .closed: return "it is closed"
        case .tooLarge(let limit): return "it is larger than \(Self.size(limit))"
        case .system(let code): return String(cString: strerror(code))
        }
    }

    /// What to do about it; empty when the fact says enough.
    public var advice: String {
        switch kind {
        case .closed: return "give the input with < FILE or a pipe, or name a file instead of -"
        case .folder where isStandardInput, .device where isStandardInput:
            return "give a file with < FILE or a pipe instead"
        case .folder: return "name a file in it"
        case .namedPipe where takesStandardInput: return "to read from a pipe, give - and pipe it into standard input"
        case .namedPipe, .socket, .device: return "name a regular file"
        case .link: return "name the file it points to"
        case .someoneElsesLink: return "name the file it points to if you trust it"
        case .tooLarge: return overLimit
        case .hardLinked: return "remove this name"
        case .notFolder, .system: return ""
        }
    }

    /// Whether the path is the wrong kind of thing (a folder, FIFO, socket, device or link where a
    /// file was wanted, a file with other names where one is written, or not a folder where one
    /// was), as opposed to one that could not be read.
    public var isWrongKind: Bool {
        switch kind {
        case .folder, .namedPipe, .socket, .device, .notFolder, .link, .someoneElsesLink, .hardLinked: return true
        case .closed, .tooLarge, .system: return false
        }
    }

    /// Whether there is nothing at the path.
    public var isMissing: Bool { kind == .system(ENOENT) }

    /// "it is a named pipe (FIFO), not a file; to read from a pipe, …"
    public var reason: String { reason(advice: advice) }

    /// "cannot read /tmp/x: it is a named pipe (FIFO), not a file; …"
    public var description: String { described(advice: advice) }

    /// The description with the caller's own advice ("cannot write to /x/rapport.log: it is a
    /// symbolic link, which Rapport does not follow here; remove it and …").
    public func described(advice: String) -> String { "cannot \(action) \(name): " + reason(advice: advice) }

    private func reason(advice: String) -> String { advice.isEmpty ? fact : fact + "; " + advice }

    /// "100 MB", "64 KB", "1500 bytes"
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }
}

extension FileRefusal {
    /// Refused while doing `action` to the path `name` (named by the program, not given for "-").
    public init(_ name: String, _ kind: Kind, action: String = "read") {
        self.init(name: name, kind: kind, action: action, isStandardInput: false, takesStandardInput: false, overLimit: "")
    }
}

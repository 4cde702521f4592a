import Foundation

/// A file a person named, or standard input, read whole and at most `limit` bytes of it. It never
/// blocks opening something that is not a file: a named file is opened through `SafeFile`, so it
/// must be a regular file (folders, FIFOs, sockets and devices are refused before a byte is read),
/// and standard input may be a file, a pipe or a terminal but not a folder, a disk or closed. A
/// symbolic link is followed only when it was named on the command line and belongs to the caller
/// (or root); a file found inside a folder (a Maildir's message) or holding a secret is never read
/// through a link.
public struct BoundedInput: Sendable {
    /// Where the bytes come from.
    public enum Source: Sendable, Equatable {
        case standardInput
        case file(String)
    }

    public let source: Source
    /// The most bytes read; anything longer is refused.
    public let limit: Int
    /// What to do when the input is over the limit, e.g. "share it by link instead".
    public let overLimit: String
    private let followsOwnLink: Bool
    /// Whether "-" would have meant standard input (the advice for a FIFO mentions it then).
    private let takesStandardInput: Bool

    /// The input a person named on the command line: a path, or "-" for standard input.
    public init(_ argument: String, limit: Int, overLimit: String) {
        self.init(source: argument == "-" ? .standardInput : .file(argument), followsOwnLink: true,
                  takesStandardInput: true, limit: limit, overLimit: overLimit)
    }

    /// The file at `path` ("-" too). `followingOwnLink` false for a file that is never read through
    /// a link: one found inside a folder being read (a message in a Maildir), or a secret.
    public init(file path: String, followingOwnLink: Bool = true, limit: Int, overLimit: String) {
        self.init(source: .file(path), followsOwnLink: followingOwnLink, takesStandardInput: false, limit: limit,
                  overLimit: overLimit)
    }

    private init(source: Source, followsOwnLink: Bool, takesStandardInput: Bool, limit: Int, overLimit: String) {
        self.source = source
        self.followsOwnLink = followsOwnLink
        self.takesStandardInput = takesStandardInput
        self.limit = limit
        self.overLimit = overLimit
    }

    /// "standard input", or the path as given.
    public var name: String {
        switch source {
        case .standardInput: return "standard input"
        case .file(let path): return path
        }
    }

    /// All its bytes. `inspect` sees a named file once it is open and checked, before a byte is read
    /// (to warn that others can read a secret, say); it is not called for standard input.
    public func read(inspecting inspect: (SafeFile) -> Void = { _ in }) throws(FileRefusal) -> [UInt8] {
        do {
            guard case .file(let path) = source else { return try readStandardInput() }
            let file = try open(path)
            inspect(file)
            return try file.readAll(limit: limit)
        } catch {
            throw refusal(error.kind)
        }
    }

    /// The size in bytes of the regular file it names, checked as `read()` would (for a file to be
    /// read later, such as an attachment).
    public func size() throws(FileRefusal) -> Int {
        do throws(FileRefusal) {
            let size: Int
            if case .file(let path) = source {
                size = try open(path).size
            } else {
                size = Int(try standardInput().st_size)
            }
            guard size <= limit else { throw FileRefusal(name, .tooLarge(limit: limit)) }
            return size
        } catch {
            throw refusal(error.kind)
        }
    }

    /// The named file opened and checked as `read()` would, to be read piece by piece (a file too large
    /// to hold at once); nil for standard input.
    public func opened() throws(FileRefusal) -> SafeFile? {
        do throws(FileRefusal) {
            guard case .file(let path) = source else { return nil }
            let file = try open(path)
            guard file.size <= limit else { throw FileRefusal(name, .tooLarge(limit: limit)) }
            return file
        } catch {
            throw refusal(error.kind)
        }
    }

    /// The whole file mapped into memory rather than read, for files too large to copy (an mbox);
    /// standard input, which cannot be mapped, is read.
    public func mapped() throws(FileRefusal) -> Data {
        do {
            guard case .file(let path) = source else { return Data(try readStandardInput()) }
            return try open(path).mapped(limit: limit)
        } catch {
            throw refusal(error.kind)
        }
    }

    // MARK: - Opening

    /// The named file, opened without following a link at the last step (after following the
    /// caller's own link named on the command line).
    private func open(_ path: String) throws(FileRefusal) -> SafeFile {
        try SafeFile(followsOwnLink ? SafeFile.followingOwnLink(path) : path, for: .read)
    }

    /// Standard input to its end.
    private func readStandardInput() throws(FileRefusal) -> [UInt8] {
        let info = try standardInput()
        let expected = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
        return try SafeFile.read(STDIN_FILENO, name: name, limit: limit, expected: expected)
    }

    /// What standard input is, refused when it is closed, a folder or a disk.
    private func standardInput() throws(FileRefusal) -> stat {
        let flags = fcntl(STDIN_FILENO, F_GETFL)
        guard flags >= 0, flags & O_ACCMODE != O_WRONLY else { throw FileRefusal(name, .closed) }
        var info = stat()
        guard fstat(STDIN_FILENO, &info) == 0 else { throw FileRefusal(name, .system(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw FileRefusal(name, .folder)
        case S_IFBLK: throw FileRefusal(name, .device)
        default: return info
        }
    }

    /// `kind` said of this input, with the advice that suits how it was given.
    private func refusal(_ kind: FileRefusal.Kind) -> FileRefusal {
        FileRefusal(name: name, kind: kind, action: "read", isStandardInput: source == .standardInput,
                    takesStandardInput: takesStandardInput, overLimit: overLimit)
    }
}

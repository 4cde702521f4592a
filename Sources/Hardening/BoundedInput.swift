import Foundation

/// A file a person named, or standard input, read whole and at most `limit` bytes of it. It never
/// blocks opening something that is not a file: a named file must be a regular file (folders,
/// FIFOs, sockets and devices are refused before a byte is read), and standard input may be a
/// file, a pipe or a terminal but not a folder, a disk or closed. A symbolic link is followed only
/// when it was named on the command line and belongs to the caller (or root); a file found inside
/// a folder (a Maildir's message) is never read through a link.
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

    /// The file at `path` ("-" too). `followingOwnLink` false for a file found inside a folder being
    /// read (a message in a Maildir), which is never read through a link.
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

    /// All its bytes.
    public func read() throws(InputRefusal) -> [UInt8] {
        let (descriptor, info) = try open()
        defer { if source != .standardInput { close(descriptor) } }
        if source != .standardInput, Int(info.st_size) > limit { throw refusal(.tooLarge(limit: limit)) }
        var bytes = [UInt8]()
        if (info.st_mode & S_IFMT) == S_IFREG { bytes.reserveCapacity(min(Int(info.st_size), limit) + 1) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN: Self.waitUntilReadable(descriptor)
                case EBADF: throw refusal(.closed)
                case let code: throw refusal(.system(code))
                }
                continue
            }
            guard bytes.count + count <= limit else { throw refusal(.tooLarge(limit: limit)) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The size in bytes of the regular file it names, checked as `read()` would (for a file to be
    /// read later, such as an attachment).
    public func size() throws(InputRefusal) -> Int {
        let (descriptor, info) = try open()
        if source != .standardInput { close(descriptor) }
        guard Int(info.st_size) <= limit else { throw refusal(.tooLarge(limit: limit)) }
        return Int(info.st_size)
    }

    /// The whole file mapped into memory rather than read, for files too large to copy (an mbox);
    /// standard input, which cannot be mapped, is read.
    public func mapped() throws(InputRefusal) -> Data {
        guard source != .standardInput else { return Data(try read()) }
        let (descriptor, info) = try open()
        defer { close(descriptor) }
        let size = Int(info.st_size)
        guard size <= limit else { throw refusal(.tooLarge(limit: limit)) }
        guard size > 0 else { return Data() }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw refusal(.system(errno))
        }
        return Data(bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in
            munmap(pointer, count)
        })
    }

    // MARK: opening

    /// An open descriptor and what it is, refused unless it may be read.
    private func open() throws(InputRefusal) -> (Int32, stat) {
        switch source {
        case .standardInput:
            let flags = fcntl(STDIN_FILENO, F_GETFL)
            guard flags >= 0, flags & O_ACCMODE != O_WRONLY else { throw refusal(.closed) }
            var info = stat()
            guard fstat(STDIN_FILENO, &info) == 0 else { throw refusal(.system(errno)) }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw refusal(.folder)
            case S_IFBLK: throw refusal(.device)
            default: return (STDIN_FILENO, info)
            }
        case .file(let given):
            let path = try followingOwnLink(given)
            var info = stat()
            // Looked at before opening: opening a FIFO or a device can block or have effects of its own.
            guard lstat(path, &info) == 0 else { throw refusal(.system(errno)) }
            try requireRegular(info)
            let descriptor = Foundation.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
            guard descriptor >= 0 else { throw refusal(errno == ELOOP ? .link : .system(errno)) }
            // And again once open, in case it was replaced in between.
            guard fstat(descriptor, &info) == 0 else {
                let code = errno
                close(descriptor)
                throw refusal(.system(code))
            }
            do {
                try requireRegular(info)
            } catch {
                close(descriptor)
                throw error
            }
            return (descriptor, info)
        }
    }

    /// The path to open: `path` itself, or, for a link named on the command line that belongs to
    /// the caller or root, the file it leads to.
    private func followingOwnLink(_ path: String) throws(InputRefusal) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return path }
        guard followsOwnLink else { throw refusal(.link) }
        guard info.st_uid == geteuid() || info.st_uid == 0 else { throw refusal(.someoneElsesLink) }
        guard let resolved = realpath(path, nil) else { throw refusal(.system(errno)) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func requireRegular(_ info: stat) throws(InputRefusal) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw refusal(.folder)
        case S_IFIFO: throw refusal(.namedPipe)
        case S_IFSOCK: throw refusal(.socket)
        case S_IFLNK: throw refusal(.link)
        default: throw refusal(.device)
        }
    }

    private func refusal(_ kind: InputRefusal.Kind) -> InputRefusal {
        InputRefusal(name: name, kind: kind, isStandardInput: source == .standardInput,
                     takesStandardInput: takesStandardInput, overLimit: overLimit)
    }

    /// Waits for a non-blocking standard input (left so by another program) to have bytes or end.
    private static func waitUntilReadable(_ descriptor: Int32) {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&request, 1, -1)
    }
}

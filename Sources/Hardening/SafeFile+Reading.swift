import Foundation

extension SafeFile {
    /// The whole file, refused when it holds more than `limit` bytes (before a byte is read when its
    /// size says so).
    public func readAll(limit: Int) throws(FileRefusal) -> [UInt8] {
        guard size <= limit else { throw FileRefusal(path, .tooLarge(limit: limit)) }
        return try Self.read(descriptor, name: path, limit: limit, expected: size)
    }

    /// The next bytes of the file from where the last read stopped, at most `count`; empty at its end.
    public func readChunk(_ count: Int) throws(FileRefusal) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: count)
        while true {
            let got = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, count) }
            if got >= 0 { return Array(chunk.prefix(got)) }
            guard errno == EINTR else { throw FileRefusal(path, .system(errno)) }
        }
    }

    /// The whole file mapped into memory rather than read, for files too large to copy (an mbox);
    /// refused over `limit` bytes.
    public func mapped(limit: Int) throws(FileRefusal) -> Data {
        guard size <= limit else { throw FileRefusal(path, .tooLarge(limit: limit)) }
        guard size > 0 else { return Data() }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw FileRefusal(path, .system(errno))
        }
        return Data(bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in
            munmap(pointer, count)
        })
    }

    /// What `descriptor` holds up to its end, stopped at `limit` bytes even when it grows while
    /// read; room is made for `expected` bytes. Standard input (left non-blocking by another
    /// program, or closed) is read with it too.
    static func read(_ descriptor: Int32, name: String, limit: Int, expected: Int) throws(FileRefusal) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(min(expected, limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN: waitUntilReadable(descriptor)
                case EBADF: throw FileRefusal(name, .closed)
                case let code: throw FileRefusal(name, .system(code))
                }
                continue
            }
            guard bytes.count + count <= limit else { throw FileRefusal(name, .tooLarge(limit: limit)) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Waits for a non-blocking descriptor to have bytes or end.
    private static func waitUntilReadable(_ descriptor: Int32) {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&request, 1, -1)
    }
}

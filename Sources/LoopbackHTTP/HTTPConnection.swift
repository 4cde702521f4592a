import Dispatch

/// One accepted connection: reads requests, runs the handler, writes responses, until the client
/// closes, asks to close, goes idle, or the server stops. Runs on one thread of the connection
/// queue and may block there (the handler may too).
struct HTTPConnection {
    static let headerLimit = 64 * 1024
    static let bodyLimit = 64 * 1024 * 1024

    let fd: Int32
    let idleTimeout: Double
    let handler: @Sendable (ServerRequest) -> ServerResponse

    private var buffer: [UInt8] = []
    /// Bytes of `buffer` before this index are consumed.
    private var consumed = 0

    init(fd: Int32, idleTimeout: Double, handler: @escaping @Sendable (ServerRequest) -> ServerResponse) {
        self.fd = fd
        self.idleTimeout = idleTimeout
        self.handler = handler
    }

    /// What reading one request came to.
    private enum Outcome {
        case request(ServerRequest, keepAlive: Bool)
        /// Answer with this status and close.
        case refuse(Int)
        /// Close without a word (client gone, or idle between requests).
        case hangUp
    }

    mutating func serve() {
        while true {
            switch readRequest() {
            case .hangUp:
                return
            case .refuse(let status):
                let text = HTTPStatus.reasonPhrase(status) + "\n"
                let response = ServerResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")],
                                              body: Array(text.utf8))
                _ = Socket.write(fd, Self.serialize(response, keepAlive: false, headOnly: false))
                return
            case .request(let request, let keepAlive):
                let response = handler(request)
                let keep = keepAlive && !(response.header("Connection")?.lowercased().contains("close") ?? false)
                guard Socket.write(fd, Self.serialize(response, keepAlive: keep, headOnly: request.method == "HEAD")),
                      keep else { return }
            }
        }
    }

    // MARK: - Reading

    private mutating func readRequest() -> Outcome {
        // Between requests: wait up to the idle timeout for the first byte.
        let headEnd: Int
        let started = DispatchTime.now()
        var scanFrom = consumed
        while true {
            if let end = Self.findHeadEnd(buffer, from: scanFrom, start: consumed) {
                headEnd = end
                break
            }
            scanFrom = max(consumed, buffer.count - 3)
            if let status = Self.earlyRefusal(buffer[consumed...]) { return .refuse(status) }
            if buffer.count - consumed > Self.headerLimit { return .refuse(431) }
            let hadBytes = buffer.count > consumed && !Self.onlyBlankLines(buffer[consumed...])
            switch fill(deadline: started + idleTimeout) {
            case .bytes:
                continue
            case .closed:
                return .hangUp
            case .timedOut:
                return hadBytes ? .refuse(408) : .hangUp
            }
        }
        if headEnd - consumed > Self.headerLimit { return .refuse(431) }
        let head: RequestHead
        let framing: RequestHead.BodyFraming
        do {
            head = try RequestHead.parse(buffer[consumed..<headEnd])
            framing = try head.bodyFraming(limit: Self.bodyLimit)
        } catch {
            switch error {
            case .badRequest: return .refuse(400)
            case .versionNotSupported: return .refuse(505)
            case .notImplemented: return .refuse(501)
            case .payloadTooLarge: return .refuse(413)
            }
        }
        consumed = Self.afterBlankLine(buffer, headEnd)
        compact()

        let expectations = head.tokens("Expect")
        if !expectations.isEmpty {
            guard expectations == ["100-continue"] else { return .refuse(417) }
            if framing != .none && head.minorVersion >= 1 && buffer.count == consumed {
                guard Socket.write(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return .hangUp }
            }
        }

        let body: [UInt8]
        switch framing {
        case .none:
            body = []
        case .length(let length):
            guard let bytes = readExactly(length) else { return .hangUp }
            body = bytes
        case .chunked:
            switch readChunked() {
            case .success(let bytes): body = bytes
            case .failure(let status): return status == 0 ? .hangUp : .refuse(status)
            }
        }
        // A request with both Transfer-Encoding and Content-Length is answered, then the connection
        // closes (RFC 9112 §6.1), so nothing smuggled after it is read.
        let ambiguous = framing == .chunked && !head.values("Content-Length").isEmpty
        let request = ServerRequest(method: head.method, target: head.target, headers: head.headers, body: body)
        return .request(request, keepAlive: head.keepsAlive && !ambiguous)
    }

    private enum ChunkedResult {
        case success([UInt8])
        /// 0 means hang up; anything else is the status to refuse with.
        case failure(Int)
    }

    private mutating func readChunked() -> ChunkedResult {
        var body: [UInt8] = []
        while true {
            guard let line = readLine(limit: 4096) else { return .failure(0) }
            guard let sizeLine = line else { return .failure(400) }
            let sizeText = sizeLine.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != 0x20 && $0 != 0x09 }
            guard !sizeText.isEmpty, sizeText.count <= 15,
                  let size = Int(String(decoding: sizeText, as: UTF8.self), radix: 16) else { return .failure(400) }
            if size == 0 {
                // Trailer fields, up to the blank line.
                var trailerBytes = 0
                while true {
                    guard let trailer = readLine(limit: Self.headerLimit) else { return .failure(0) }
                    guard let text = trailer else { return .failure(400) }
                    if text.isEmpty { return .success(body) }
                    trailerBytes += text.count
                    if trailerBytes > Self.headerLimit { return .failure(431) }
                }
            }
            guard body.count + size <= Self.bodyLimit else { return .failure(413) }
            guard let data = readExactly(size) else { return .failure(0) }
            body.append(contentsOf: data)
            guard let end = readLine(limit: 2) else { return .failure(0) }
            guard let ending = end, ending.isEmpty else { return .failure(400) }
        }
    }

    /// One line without its CRLF/LF. nil: the connection ended; .some(nil): the line is too long.
    private mutating func readLine(limit: Int) -> [UInt8]?? {
        var scanFrom = consumed
        while true {
            if let newline = buffer[scanFrom...].firstIndex(of: 0x0A) {
                var end = newline
                if end > consumed, buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[consumed..<end])
                consumed = newline + 1
                compact()
                return .some(line)
            }
            if buffer.count - consumed > limit { return .some(nil) }
            scanFrom = buffer.count
            switch fill(deadline: .now() + idleTimeout) {
            case .bytes: continue
            case .closed, .timedOut: return nil
            }
        }
    }

    /// Exactly `count` bytes, or nil when the client went away or stalled for the idle timeout.
    private mutating func readExactly(_ count: Int) -> [UInt8]? {
        while buffer.count - consumed < count {
            switch fill(deadline: .now() + idleTimeout) {
            case .bytes: continue
            case .closed, .timedOut: return nil
            }
        }
        let bytes = Array(buffer[consumed..<consumed + count])
        consumed += count
        compact()
        return bytes
    }

    private mutating func fill(deadline: DispatchTime) -> Socket.ReadResult {
        let now = DispatchTime.now()
        guard deadline > now else { return .timedOut }
        let milliseconds = Int((deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1_000_000) + 1
        let chunk = 64 * 1024
        let oldCount = buffer.count
        buffer.reserveCapacity(oldCount + chunk)
        var result = Socket.ReadResult.closed
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        buffer.withUnsafeMutableBytes { raw in
            result = Socket.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[oldCount...]),
                                 milliseconds: milliseconds)
        }
        if case .bytes(let count) = result {
            buffer.removeLast(chunk - count)
        } else {
            buffer.removeLast(chunk)
        }
        return result
    }

    private mutating func compact() {
        if consumed == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            consumed = 0
        } else if consumed > 64 * 1024 && consumed > buffer.count / 2 {
            buffer.removeFirst(consumed)
            consumed = 0
        }
    }

    /// The index of the LF that ends the line before the blank line that ends the head.
    static func findHeadEnd(_ bytes: [UInt8], from: Int, start: Int) -> Int? {
        // Skip leading blank lines (RFC 9112 §2.2) so they do not look like an empty head.
        var begin = start
        while begin < bytes.count {
            if bytes[begin] == 0x0A { begin += 1 } else if bytes[begin] == 0x0D, begin + 1 < bytes.count,
                                                         bytes[begin + 1] == 0x0A { begin += 2 } else { break }
        }
        var index = max(from, begin)
        while index < bytes.count {
            if bytes[index] == 0x0A {
                // LF then (CR) LF ends the head.
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return index }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { return index }
            }
            index += 1
        }
        return nil
    }

    /// The index just after the blank line that follows `headEnd`.
    static func afterBlankLine(_ bytes: [UInt8], _ headEnd: Int) -> Int {
        bytes[headEnd + 1] == 0x0A ? headEnd + 2 : headEnd + 3
    }

    /// A status to refuse with as soon as the request line shows garbage (binary, a TLS hello,
    /// a malformed line), without waiting for a head that may never end.
    static func earlyRefusal(_ bytes: ArraySlice<UInt8>) -> Int? {
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == 0x0D || bytes[start] == 0x0A { start += 1 }
        let pending = bytes[start...]
        guard !pending.isEmpty else { return nil }
        let lineEnd = pending.firstIndex(of: 0x0A)
        let line = pending[..<(lineEnd ?? pending.endIndex)]
        let method = line.prefix { $0 != 0x20 }
        let tokenBytes = Array("!#$%&'*+-.^_`|~".utf8)
        let isToken: (UInt8) -> Bool = { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || tokenBytes.contains(byte)
        }
        if !method.allSatisfy(isToken) && !(lineEnd != nil && method.last == 0x0D && method.dropLast().allSatisfy(isToken)) {
            return 400
        }
        if method.count > 64 { return 400 }
        if lineEnd == nil {
            return line.count > 16 * 1024 ? 414 : nil
        }
        do {
            _ = try RequestHead.parse(line)
            return nil
        } catch {
            return error == .versionNotSupported ? 505 : 400
        }
    }

    private static func onlyBlankLines(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x0D || $0 == 0x0A }
    }

    // MARK: - Writing

    /// The response on the wire: status line, the handler's fields (framing fields are the
    /// server's), Content-Length, and Connection: close when the connection ends.
    static func serialize(_ response: ServerResponse, keepAlive: Bool, headOnly: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(HTTPStatus.reasonPhrase(response.status))\r\n"
        for field in response.headers {
            let name = field.name.lowercased()
            if name == "content-length" || name == "transfer-encoding" || name == "connection" { continue }
            let value = field.value.filter { $0 != "\r" && $0 != "\n" }
            head += "\(field.name): \(value)\r\n"
        }
        let bodyAllowed = response.status >= 200 && response.status != 204 && response.status != 304
        if bodyAllowed {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        if !keepAlive {
            head += "Connection: close\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if bodyAllowed && !headOnly {
            bytes.append(contentsOf: response.body)
        }
        return bytes
    }
}

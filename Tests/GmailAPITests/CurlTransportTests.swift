#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import GmailAPI

/// A one-purpose HTTP server on 127.0.0.1 over raw POSIX sockets: each accepted connection is
/// handed to `handle` on its own thread. `stop()` closes the listener and releases held connections.
private final class TinyServer: Sendable {
    let port: UInt16
    private let listener: Int32
    private let released = DispatchSemaphore(value: 0)
    private let heads = Mutex<[String]>([])

    init(handle: @escaping @Sendable (_ connection: Int32, _ server: TinyServer) -> Void) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let listening = fd
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(listening, nil, nil)
                guard connection >= 0 else { return }
                Thread.detachNewThread { [self] in
                    handle(connection, self)
                    close(connection)
                }
            }
        }
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Request heads received so far.
    var requests: [String] { heads.withLock { $0 } }

    /// Reads one request head (and a Content-Length body) from the connection.
    @discardableResult
    func readRequest(_ connection: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !bytes.contains(subsequence: Array("\r\n\r\n".utf8)) {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        let head = String(decoding: bytes, as: UTF8.self)
        heads.withLock { $0.append(head) }
        return head
    }

    func write(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    /// Blocks a handler until `stop()`.
    func holdUntilStopped() {
        released.wait()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for _ in 0..<8 { released.signal() }
    }
}

private extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard count >= subsequence.count else { return false }
        return (0...(count - subsequence.count)).contains { self[$0..<($0 + subsequence.count)].elementsEqual(subsequence) }
    }
}

/// A port nothing listens on: bound, then closed at once.
private func closedPort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return UInt16(bigEndian: address.sin_port)
}

/// `{"id":"gz1","snippet":"compressed compressed …"}` (245 bytes) gzipped with Python's gzip, mtime 0.
private let gzippedJSON: [UInt8] = [
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xab, 0x56, 0xca, 0x4c, 0x51, 0xb2, 0x52, 0x4a, 0xaf,
    0x32, 0x54, 0xd2, 0x51, 0x2a, 0xce, 0xcb, 0x2c, 0x28, 0x48, 0x2d, 0x01, 0xf2, 0x93, 0xf3, 0x73, 0x0b, 0x8a, 0x52,
    0x8b, 0x8b, 0x53, 0x53, 0x14, 0x86, 0x1d, 0x53, 0xa9, 0x16, 0x00, 0xfa, 0xde, 0x12, 0xad, 0xf5, 0x00, 0x00, 0x00,
]

private func temporaryMessage(_ error: any Error) -> String? {
    guard case GmailError.temporary(let message) = error else { return nil }
    return message
}

/// CurlTransport against real sockets: what reaches the wire, and how failures map.
@Suite(.serialized)
struct CurlTransportTests {
    @Test func sendsGzipHeadersAndReturnsTheDecompressedBody() throws {
        let server = try TinyServer { connection, server in
            server.readRequest(connection)
            server.write(connection, Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: \(gzippedJSON.count)\r\nX-Thing: yes\r\nConnection: close\r\n\r\n".utf8) + gzippedJSON)
        }
        defer { server.stop() }
        let transport = CurlTransport()
        let response = try transport.perform(HTTPRequest(method: "GET", url: URL(string: server.url + "/gmail/v1/users/me/messages/gz1")!,
                                                         headers: ["Authorization": "Bearer secret-token"], timeout: 5))
        #expect(response.status == 200)
        #expect(response.header("x-thing") == "yes")
        let message = try JSONDecoder().decode(GmailMessage.self, from: response.body)
        #expect(message.id == "gz1")
        #expect(message.snippet.count == 220)
        let head = try #require(server.requests.first).lowercased()
        #expect(head.hasPrefix("get /gmail/v1/users/me/messages/gz1 http/1.1\r\n"))
        #expect(head.contains("\r\naccept-encoding: gzip"))
        #expect(head.range(of: #"\r\nuser-agent: [^\r]*gzip"#, options: .regularExpression) != nil)
        #expect(head.contains("\r\nauthorization: bearer secret-token"))
    }

    @Test func postsTheBodyAndReturnsErrorStatusesAsResponses() throws {
        let server = try TinyServer { connection, server in
            server.readRequest(connection)
            let body = Array(#"{"error":{"code":404}}"#.utf8)
            server.write(connection, Array("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8) + body)
        }
        defer { server.stop() }
        let response = try CurlTransport().perform(HTTPRequest(method: "POST", url: URL(string: server.url + "/x")!,
                                                                     headers: ["Content-Type": "application/json"],
                                                                     body: Data("{}".utf8), timeout: 5))
        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"error":{"code":404}}"#)
        #expect(server.requests.first?.hasPrefix("POST /x HTTP/1.1\r\n") == true)
    }

    @Test func connectionRefusedIsTemporary() {
        let port = closedPort()
        #expect {
            try CurlTransport().perform(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(port)/")!, timeout: 5))
        } throws: { error in
            temporaryMessage(error) == "cannot connect to 127.0.0.1 (connection refused)"
        }
    }

    @Test func halfABodyThenCloseIsTemporary() throws {
        let server = try TinyServer { connection, server in
            server.readRequest(connection)
            server.write(connection, Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":\"abc".utf8))
        }
        defer { server.stop() }
        #expect {
            try CurlTransport().perform(HTTPRequest(method: "GET", url: URL(string: server.url + "/")!, timeout: 5))
        } throws: { error in
            temporaryMessage(error) == "the answer from 127.0.0.1 was cut off before it was complete"
        }
    }

    @Test func aServerThatClosesWithoutAnsweringIsTemporary() throws {
        let server = try TinyServer { connection, server in server.readRequest(connection) }
        defer { server.stop() }
        #expect {
            try CurlTransport().perform(HTTPRequest(method: "GET", url: URL(string: server.url + "/")!, timeout: 5))
        } throws: { error in
            temporaryMessage(error) == "127.0.0.1 closed the connection without answering"
        }
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try TinyServer { connection, server in
            server.readRequest(connection)
            server.holdUntilStopped()
        }
        defer { server.stop() }
        let started = Date()
        #expect {
            try CurlTransport().perform(HTTPRequest(method: "GET", url: URL(string: server.url + "/")!, timeout: 1))
        } throws: { error in
            temporaryMessage(error) == "no answer from 127.0.0.1 within 1.0 s"
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.9 && elapsed < 5, "took \(elapsed) s")
    }

    @Test func aServerThatAcceptsNothingTimesOut() throws {
        // Accepts the connection but never reads or writes.
        let server = try TinyServer { _, server in server.holdUntilStopped() }
        defer { server.stop() }
        #expect(throws: GmailError.temporary("no answer from 127.0.0.1 within 1.0 s")) {
            try CurlTransport().perform(HTTPRequest(method: "GET", url: URL(string: server.url + "/")!, timeout: 1))
        }
    }

    @Test(arguments: ["ftp://127.0.0.1/x", "file:///etc/hosts", "mailto:x"])
    func aURLThatCannotBeFetchedIsInvalidConfiguration(address: String) {
        #expect(throws: GmailError.invalidConfiguration("The Gmail API address is not a valid http(s) URL")) {
            try CurlTransport().perform(HTTPRequest(method: "GET", url: URL(string: address)!, timeout: 1))
        }
    }

    @Test func userAgentAlwaysMentionsGzip() {
        #expect(CurlTransport().userAgent == "Rapport/1.0 (gzip)")
        #expect(CurlTransport(userAgent: "Rapport-test/2").userAgent == "Rapport-test/2 (gzip)")
        #expect(CurlTransport(userAgent: "x gzip y").userAgent == "x gzip y")
    }

    @Test func worksThroughTheClient() throws {
        let server = try TinyServer { connection, server in
            server.readRequest(connection)
            let body = Array(#"{"emailAddress":"dana@example.com","historyId":"77"}"#.utf8)
            server.write(connection, Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8) + body)
        }
        defer { server.stop() }
        let client = GmailClient(baseURL: URL(string: server.url + "/")!, transport: CurlTransport(), tokens: CountingTokens())
        #expect(try client.profile().historyID == 77)
        #expect(server.requests.first?.hasPrefix("GET /gmail/v1/users/me/profile HTTP/1.1\r\n") == true)
    }
}

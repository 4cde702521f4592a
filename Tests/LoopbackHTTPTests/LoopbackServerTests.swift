import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RapportTestSupport
import Synchronization
import Testing
@testable import LoopbackHTTP

/// An echo handler: answers with what it saw, as "METHOD TARGET bodyLength" plus the body.
private func echo(_ request: ServerRequest) -> ServerResponse {
    var body = Array("\(request.method) \(request.target) \(request.body.count)\n".utf8)
    body.append(contentsOf: request.body)
    return ServerResponse(status: 200, headers: [("Content-Type", "text/plain")], body: body)
}

@Suite("LoopbackServer over raw sockets")
struct LoopbackServerTests {
    @Test("a keep-alive connection serves several requests, pipelined ones too")
    func keepAliveReuse() throws {
        let server = try LoopbackServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
        let first = try client.readResponse()
        #expect(first.status == 200)
        #expect(first.text == "GET /one 0\n")
        #expect(first.header("Connection") == nil)
        try client.send("POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        #expect(try client.readResponse().text == "POST /two 5\nhello")
        // Two requests in one write: both answered, in order.
        try client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(try client.readResponse().text == "GET /a 0\n")
        let last = try client.readResponse()
        #expect(last.text == "GET /b 0\n")
        #expect(last.header("Connection") == "close")
        #expect(client.isClosedByPeer())
    }

    @Test("HTTP/1.0 gets its answer and the connection closes")
    func http10Closes() throws {
        let server = try LoopbackServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET /old HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Content-Length") == "11")
        #expect(client.isClosedByPeer())
    }

    @Test("a chunked body arrives whole, even split across writes, with extensions and trailers")
    func chunkedUpload() throws {
        let server = try LoopbackServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")
        Thread.sleep(forTimeInterval: 0.05)
        try client.send("lo\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.text == "POST /up 12\nhello, world")
        // The connection is still usable afterwards.
        try client.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().text == "GET /next 0\n")
    }

    @Test("a malformed chunk size is a 400")
    func badChunk() throws {
        let server = try LoopbackServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.send("POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        #expect(try client.readResponse().status == 400)
    }

    @Test("Expect: 100-continue is answered before the body is sent")
    func expectContinue() throws {
        let server = try LoopbackServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.send("PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        try client.send("abc")
        #expect(try client.readResponse().text == "PUT /big 3\nabc")
    }

    @Test("requests on separate connections run in parallel")
    func parallelRequests() throws {
        let server = try LoopbackServer { request in
            Thread.sleep(forTimeInterval: 0.4)
            return echo(request)
        }
        defer { server.stop() }
        let started = Date()
        let statuses = Mutex<[Int]>([])
        let group = DispatchGroup()
        for index in 0..<8 {
            group.enter()
            // Threads, not concurrentPerform: that runs only as wide as the cores.
            Thread.detachNewThread {
                defer { group.leave() }
                guard let client = try? RawHTTPClient(port: server.port),
                      (try? client.send("GET /p\(index) HTTP/1.1\r\nHost: x\r\n\r\n")) != nil,
                      let response = try? client.readResponse() else { return }
                statuses.withLock { $0.append(response.status) }
            }
        }
        group.wait()
        let elapsed = Date().timeIntervalSince(started)
        #expect(statuses.withLock { $0 } == Array(repeating: 200, count: 8))
        // Serially this would take 3.2 s.
        #expect(elapsed < 2.4, "8 requests of 0.4 s took \(elapsed) s")
    }

    @Test("garbage gets a 400 at once and the connection closes", arguments: [
        "HELLO\r\n\r\n",
        "GET /\r\n\r\n",
        "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
        "GET / HTTP/1.1\r\n folded: value\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: -4\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}",
    ])
    func garbage(_ text: String) throws {
        let server = try LoopbackServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.send(text)
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByPeer())
    }

    @Test("an unsupported HTTP version is a 505; an unknown transfer coding a 501")
    func versionAndCoding() throws {
        let server = try LoopbackServer(handler: echo)
        defer { server.stop() }
        let one = try RawHTTPClient(port: server.port)
        try one.send("GET / HTTP/2.0\r\n\r\n")
        #expect(try one.readResponse().status == 505)
        let two = try RawHTTPClient(port: server.port)
        try two.send("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")
        #expect(try two.readResponse().status == 501)
    }

    @Test("a head over 64 KiB is refused with 431")
    func headerCap() throws {
        let server = try LoopbackServer(handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let filler = String(repeating: "a", count: 1000)
        var request = "GET / HTTP/1.1\r\n"
        for index in 0..<70 { request += "X-Filler-\(index): \(filler)\r\n" }
        try? client.send(request + "\r\n")
        #expect(try client.readResponse().status == 431)
    }

    @Test("a client that vanishes mid-request or stalls does not wedge the server")
    func robustness() throws {
        let server = try LoopbackServer(idleTimeout: 0.5, handler: echo)
        defer { server.stop() }
        do {
            let quitter = try RawHTTPClient(port: server.port)
            try quitter.send("POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part")
        }  // closed here, mid-body
        let staller = try RawHTTPClient(port: server.port)
        try staller.send("GET /never-finishes HTTP/1.1\r\nHost: x\r\n")
        let healthy = try RawHTTPClient(port: server.port)
        try healthy.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try healthy.readResponse().text == "GET /ok 0\n")
        // The staller is told it took too long, then dropped.
        #expect(try staller.readResponse().status == 408)
        #expect(staller.isClosedByPeer())
    }

    @Test("an idle keep-alive connection is closed after the idle timeout")
    func idleTimeout() throws {
        let server = try LoopbackServer(idleTimeout: 0.3, handler: echo)
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let started = Date()
        #expect(client.isClosedByPeer())
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test("stop closes the port and open connections, and may be called twice")
    func stop() throws {
        let mark = Array(UUID().uuidString.utf8)
        let server = try LoopbackServer { _ in ServerResponse(status: 200, headers: [], body: mark) }
        let port = server.port
        let client = try RawHTTPClient(port: port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().body == mark)
        server.stop()
        server.stop()
        #expect(client.isClosedByPeer())
        // Nothing of this server answers on its port any more. Tests run side by side, so another
        // test's server may have been given the freed port; it must not be this one.
        if let later = try? RawHTTPClient(port: port) {
            try? later.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect((try? later.readResponse().body) != mark)
        }
    }

    @Test("a port in use is reported")
    func portInUse() throws {
        let server = try LoopbackServer(handler: echo)
        defer { server.stop() }
        #expect {
            try LoopbackServer(port: server.port, handler: echo)
        } throws: { error in
            (error as? LoopbackServerError)?.isAddressInUse == true
        }
    }

    @Test("HEAD gets the length but no body; 204 gets neither")
    func headAndNoContent() throws {
        let server = try LoopbackServer { request in
            request.target == "/empty" ? ServerResponse(status: 204) : .text(200, "twelve bytes")
        }
        defer { server.stop() }
        let client = try RawHTTPClient(port: server.port)
        try client.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try client.readResponse(headOnly: true)
        #expect(head.header("Content-Length") == "12")
        #expect(head.body.isEmpty)
        try client.send("GET /empty HTTP/1.1\r\nHost: x\r\n\r\n")
        let empty = try client.readResponse()
        #expect(empty.status == 204)
        #expect(empty.header("Content-Length") == nil)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().text == "twelve bytes")
    }
}

@Suite("LoopbackServer with URLSession")
struct LoopbackServerURLSessionTests {
    private func fetch(_ request: URLRequest) throws -> (HTTPURLResponse, Data) {
        let result = Mutex<(HTTPURLResponse, Data)?>(nil)
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, _ in
            if let response = response as? HTTPURLResponse {
                result.withLock { $0 = (response, data ?? Data()) }
            }
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 10)
        guard let value = result.withLock({ $0 }) else { throw RawHTTPClient.Failure(what: "no response") }
        return value
    }

    @Test("query items are decoded in order with repeats, and form bodies are read")
    func queryAndForm() throws {
        let seen = Mutex<[ServerRequest]>([])
        let server = try LoopbackServer { request in
            seen.withLock { $0.append(request) }
            return .json(200, Array(#"{"ok":true}"#.utf8))
        }
        defer { server.stop() }
        var components = URLComponents(url: server.baseURL.appendingPathComponent("search"), resolvingAgainstBaseURL: false)!
        components.percentEncodedQuery = "labelIds=INBOX&labelIds=UNREAD&q=from%3Aann%40x.com%20is%3Aunread&empty"
        let (response, data) = try fetch(URLRequest(url: components.url!))
        #expect(response.statusCode == 200)
        #expect(response.value(forHTTPHeaderField: "Content-Type") == "application/json; charset=UTF-8")
        #expect(String(decoding: data, as: UTF8.self) == #"{"ok":true}"#)

        var post = URLRequest(url: server.baseURL.appendingPathComponent("token"))
        post.httpMethod = "POST"
        post.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        post.httpBody = Data("grant_type=refresh_token&refresh_token=1%2F%2F0g&scope=a+b".utf8)
        _ = try fetch(post)

        let requests = seen.withLock { $0 }
        #expect(requests.count == 2)
        let get = requests[0]
        #expect(get.path == "/search")
        #expect(get.queryValues("labelIds") == ["INBOX", "UNREAD"])
        #expect(get.queryValue("q") == "from:ann@x.com is:unread")
        #expect(get.queryValue("empty") == "")
        #expect(get.header("host")?.hasPrefix("127.0.0.1") == true)
        let form = requests[1]
        #expect(form.formValue("grant_type") == "refresh_token")
        #expect(form.formValue("refresh_token") == "1//0g")
        #expect(form.formValue("scope") == "a b")
    }

    @Test("URLSession gets answers to sequential requests over keep-alive")
    func sessionKeepAlive() throws {
        let server = try LoopbackServer { request in .text(200, request.path) }
        defer { server.stop() }
        for index in 0..<5 {
            let (response, data) = try fetch(URLRequest(url: server.baseURL.appendingPathComponent("n\(index)")))
            #expect(response.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self) == "/n\(index)")
        }
    }

    @Test("a redirect carries its Location")
    func redirect() {
        let response = ServerResponse.redirect(to: "http://127.0.0.1:9/?code=x")
        #expect(response.status == 302)
        #expect(response.header("location") == "http://127.0.0.1:9/?code=x")
    }
}

internal import CCurl
import Foundation
import Synchronization

/// `HTTPTransport` over the system's libcurl: gzip on, bounded waits, no redirects followed, and
/// transport failures as `GmailError`.
///
/// libcurl is loaded on the first exchange, not at start-up: a one-shot command that never reaches
/// Gmail (search, timeline, help) does not pay for mapping libcurl and its TLS libraries, which was
/// about half of a `rapport` process's start (decision 127). Each call blocks its thread for the
/// whole exchange, bounded by `HTTPRequest.timeout`; handles (and their kept-alive connections) are
/// reused across calls and threads, one exchange per handle at a time.
public final class CurlTransport: HTTPTransport {
    /// What we call ourselves; Google compresses only for a User-Agent containing "gzip".
    public static let defaultUserAgent = "Rapport/1.0 (gzip)"

    /// The User-Agent sent with every request (always containing "gzip").
    public let userAgent: String
    /// The most any exchange may take; each request's own `timeout` is usually the tighter bound.
    public let resourceTimeout: TimeInterval
    private let idle = Mutex<[Handle]>([])

    public init(userAgent: String = CurlTransport.defaultUserAgent, resourceTimeout: TimeInterval = 600) {
        self.userAgent = userAgent.range(of: "gzip", options: .caseInsensitive) == nil ? userAgent + " (gzip)" : userAgent
        self.resourceTimeout = resourceTimeout
    }

    public func perform(_ request: HTTPRequest) throws(GmailError) -> HTTPResponse {
        let host = try Self.checkedHost(request.url)
        let timeout = max(0.001, min(request.timeout, resourceTimeout))
        guard let handle = idle.withLock({ $0.popLast() }) ?? Handle() else {
            throw .invalidConfiguration("Rapport reaches Gmail through libcurl, which is not installed here; "
                + "install it (on Debian: apt-get install libcurl4) and try again")
        }
        defer { idle.withLock { $0.append(handle) } }
        let lines = request.headers.filter { name, _ in
            !["accept-encoding", "user-agent"].contains(name.lowercased())
        }.map { name, value in "\(name): \(value)" }
        let exchange = handle.perform(method: request.method, url: request.url.absoluteString, headerLines: lines,
                                      body: request.body, timeoutMilliseconds: Int(max(1, (timeout * 1000).rounded())),
                                      userAgent: userAgent)
        return try Self.response(exchange, host: host, timeout: timeout)
    }

    /// The URL's host, or `.invalidConfiguration` when the URL cannot be fetched at all.
    private static func checkedHost(_ url: URL) throws(GmailError) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            throw .invalidConfiguration("The Gmail API address is not a valid http(s) URL")
        }
        return host
    }

    /// The answer, or the failure in words; libcurl's own text is never shown, as it may name the URL.
    private static func response(_ exchange: Exchange, host: String, timeout: TimeInterval) throws(GmailError) -> HTTPResponse {
        switch exchange.code {
        case 0:
            break
        case -1:
            throw .invalidConfiguration("Rapport reaches Gmail through libcurl, which is not installed here; "
                + "install it (on Debian: apt-get install libcurl4) and try again")
        case 1, 3:  // unsupported protocol, malformed URL
            throw .invalidConfiguration("The Gmail API address is not a valid http(s) URL")
        case 5, 6:  // proxy or host not resolved
            throw .temporary("cannot find \(host) (DNS lookup failed)")
        case 7:
            throw .temporary("cannot connect to \(host) (connection refused)")
        case 28:
            throw .temporary("no answer from \(host) within \(seconds(timeout))")
        case 18:    // partial file
            throw .temporary("the answer from \(host) was cut off before it was complete")
        case 52:    // got nothing
            throw .temporary("\(host) closed the connection without answering")
        case 55, 56 where exchange.status == 0:  // send or receive failure before any answer
            throw .temporary("the connection to \(host) was reset")
        case 55, 56:
            throw .temporary("the connection to \(host) dropped before the answer was complete")
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91, 98:  // TLS
            throw .temporary("the secure connection to \(host) failed (TLS)")
        case 8, 23, 61:  // weird reply, write error, bad content encoding
            throw .temporary("the answer from \(host) was damaged or cut off")
        case 27:
            throw .temporary("Rapport ran out of memory reading the answer from \(host)")
        default:
            throw .temporary("the connection to \(host) failed (curl error \(exchange.code))")
        }
        guard exchange.status > 0 else {
            throw .temporary("the connection to \(host) ended without an HTTP answer")
        }
        let result = HTTPResponse(status: exchange.status, headers: headers(exchange.head), body: exchange.body)
        // An identity body shorter than its Content-Length was cut off, even if libcurl let it pass.
        if exchange.status != 204, exchange.status != 304,
           result.header("Content-Encoding").map({ $0.lowercased() == "identity" }) ?? true,
           let declared = result.header("Content-Length").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
           exchange.body.count < declared {
            throw .temporary("the answer from \(host) was cut off (\(exchange.body.count) of \(declared) bytes)")
        }
        return result
    }

    /// The header fields of a head (its status line skipped); a repeated field keeps its first value.
    private static func headers(_ head: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in head.split(whereSeparator: \.isNewline).dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    static func seconds(_ value: TimeInterval) -> String {
        value < 10 ? String(format: "%.1f s", value) : "\(Int(value.rounded())) s"
    }
}

/// What one exchange brought back: libcurl's result code, the status (0 before any head), the last
/// head's text and the body, un-gzipped.
private struct Exchange {
    var code: Int32
    var status: Int
    var head: String
    var body: Data
}

/// One libcurl easy handle: used by one exchange at a time, freed with the transport.
private final class Handle: @unchecked Sendable {
    private let pointer: UnsafeMutableRawPointer

    init?() {
        guard let pointer = rapport_curl_handle_new() else { return nil }
        self.pointer = pointer
    }

    deinit {
        rapport_curl_handle_free(pointer)
    }

    func perform(method: String, url: String, headerLines: [String], body: Data?, timeoutMilliseconds: Int,
                 userAgent: String) -> Exchange {
        var exchange = rapport_curl_exchange()
        let code: Int32 = method.withCString { method in
            url.withCString { url in
                userAgent.withCString { userAgent in
                    withCStrings(headerLines) { lines in
                        withBytes(body) { bytes, length in
                            exchange.method = method
                            exchange.url = url
                            exchange.user_agent = userAgent
                            exchange.header_lines = lines
                            exchange.header_count = Int32(headerLines.count)
                            exchange.body = bytes
                            exchange.body_length = length
                            exchange.timeout_ms = timeoutMilliseconds
                            return rapport_curl_perform(pointer, &exchange)
                        }
                    }
                }
            }
        }
        defer { rapport_curl_exchange_release(&exchange) }
        let body = exchange.response_body.map { Data(bytes: $0, count: exchange.response_body_length) } ?? Data()
        let head = exchange.response_head.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: exchange.response_head_length), as: UTF8.self) } ?? ""
        return Exchange(code: code, status: exchange.status, head: head, body: body)
    }
}

/// Calls `body` with the strings as a C array of NUL-terminated strings, valid only during the call.
private func withCStrings<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result) -> Result {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}

/// Calls `body` with the bytes of `data` (NULL and 0 for no body), valid only during the call.
private func withBytes<Result>(_ data: Data?, _ body: (UnsafePointer<UInt8>?, Int) -> Result) -> Result {
    guard let data else { return body(nil, 0) }
    return data.withUnsafeBytes { raw in
        // An empty body still needs a pointer: it means "POST nothing", not "no body".
        raw.isEmpty ? [UInt8(0)].withUnsafeBufferPointer { body($0.baseAddress, 0) }
            : body(raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
    }
}

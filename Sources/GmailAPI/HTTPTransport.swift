import Foundation

/// One HTTP request the Gmail client (or OAuth) makes.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    /// Header names as they should be sent.
    public var headers: [String: String]
    public var body: Data?
    /// Seconds to wait for the whole exchange before giving up.
    public var timeout: TimeInterval

    public init(method: String, url: URL, headers: [String: String] = [:], body: Data? = nil, timeout: TimeInterval = 60) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// The answer to an `HTTPRequest`: status, headers (names lower-cased) and the body, already
/// un-gzipped.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    /// The value of a header (any case).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Carries HTTP requests. Blocking by design: Gmail work runs on MailSync's own serial queue.
public protocol HTTPTransport: Sendable {
    /// Performs the request; transport failures (unreachable, timeout, cut-off body) throw a
    /// `GmailError`; any HTTP status is returned as a response.
    func perform(_ request: HTTPRequest) throws(GmailError) -> HTTPResponse
}

/// One HTTP/1.1 request as the loopback server received it.
public struct ServerRequest: Sendable {
    /// "GET", "POST"…
    public let method: String
    /// The request target as sent: path and query, e.g. "/gmail/v1/users/me/messages?q=x".
    public let target: String
    /// Header fields in the order received (names as sent).
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}

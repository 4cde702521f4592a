/// A response the loopback server writes back.
public struct ServerResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields to send; the server adds Content-Length (and Connection: close) itself.
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]

    /// A response with the given status, fields and body.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

extension ServerResponse {
    /// A JSON body (`application/json; charset=UTF-8`).
    public static func json(_ status: Int, _ bytes: [UInt8]) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", "application/json; charset=UTF-8")], body: bytes)
    }

    /// A plain-text body (`text/plain; charset=utf-8`).
    public static func text(_ status: Int, _ text: String) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// A 302 Found pointing at `location`.
    public static func redirect(to location: String) -> ServerResponse {
        ServerResponse(status: 302, headers: [("Location", location)])
    }

    /// The first header field named `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// One HTTP/1.1 request as the loopback server received it.
public struct ServerRequest: Sendable {
    /// "GET", "POST"…
    public let method: String
    /// The request target as sent: path and query, e.g. "/gmail/v1/users/me/messages?q=x".
    public let target: String
    /// Header fields in the order received (names as sent).
    public let headers: [(name: String, value: String)]
    /// The body, de-chunked when it came chunked.
    public let body: [UInt8]

    /// A request as given (tests and batch parts build their own).
    public init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}

extension ServerRequest {
    /// The path of the target, percent-decoded, without the query ("/gmail/v1/users/me/profile").
    public var path: String {
        URLEncoding.decode(rawPath, plusAsSpace: false)
    }

    /// The path exactly as sent (still percent-encoded), without the query.
    public var rawPath: String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        return String(target[..<mark])
    }

    /// The query string as sent (still percent-encoded), without "?"; empty when there is none.
    public var rawQuery: String {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return String(target[target.index(after: mark)...])
    }

    /// The query's name=value pairs in order, repeated names kept, percent-decoded ("+" reads as a
    /// space, as Google's servers read it).
    public var queryItems: [(name: String, value: String)] {
        URLEncoding.pairs(rawQuery)
    }

    /// The first query value named `name` (exact, case-sensitive match), or nil.
    public func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Every query value named `name`, in order.
    public func queryValues(_ name: String) -> [String] {
        queryItems.filter { $0.name == name }.map(\.value)
    }

    /// The first header field named `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The fields of an `application/x-www-form-urlencoded` body, in order, percent-decoded; empty
    /// for any other body.
    public var formFields: [(name: String, value: String)] {
        if let type = header("Content-Type"),
           !type.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            return []
        }
        return URLEncoding.pairs(String(decoding: body, as: UTF8.self))
    }

    /// The first form field named `name`, or nil.
    public func formValue(_ name: String) -> String? {
        formFields.first { $0.name == name }?.value
    }
}

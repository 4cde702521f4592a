import Foundation

/// One Gmail REST call: where it goes, what it carries, and how a successful answer is read.
public protocol GmailRequest: Sendable {
    /// What a 2xx answer decodes to.
    associatedtype Response: Sendable

    /// Which method this is, for quota accounting and error mapping.
    var method: GmailMethod { get }
    /// "GET" or "POST".
    var httpMethod: String { get }
    /// The path after the API base, without a leading slash: "gmail/v1/users/me/messages".
    var path: String { get }
    /// Query parameters, in order (repeated names allowed).
    var queryItems: [URLQueryItem] { get }
    /// The request body, if any.
    var body: RequestBody? { get }
    /// Reads a 2xx answer; anything that is not the promised shape is `.badResponse`.
    func decode(_ response: HTTPResponse) throws(GmailError) -> Response
}

/// A request body with its content type.
public struct RequestBody: Sendable, Equatable {
    public var contentType: String
    public var data: Data

    public init(contentType: String, data: Data) {
        self.contentType = contentType
        self.data = data
    }
}

extension GmailRequest {
    public var httpMethod: String { "GET" }
    public var queryItems: [URLQueryItem] { [] }
    public var body: RequestBody? { nil }
}

extension GmailRequest where Response: Decodable {
    /// Decodes the JSON answer tolerantly (see `KeyedDecodingContainer+Lenient`).
    public func decode(_ response: HTTPResponse) throws(GmailError) -> Response {
        try JSONBody.decode(Response.self, from: response.body, method: method)
    }
}

extension GmailRequest {
    /// The full URL of this call under `base` (e.g. https://gmail.googleapis.com/).
    func url(base: URL) throws(GmailError) -> URL {
        try APIAddress.url(base: base, path: path, query: queryItems)
    }
}

/// A Content-Type header: media type, subtype and parameters (RFC 2045, RFC 2231).
public struct ContentType: Sendable, Equatable {
    /// Lower-cased, e.g. "text".
    public let type: String
    /// Lower-cased, e.g. "plain".
    public let subtype: String
    /// Parameter names lower-cased; values decoded (RFC 2231 continuations and charset'lang'value
    /// joined and converted; quotes removed; RFC 2047 in values decoded as a courtesy).
    public let parameters: [String: String]

    /// A content type from its parts, taken as given.
    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// text/plain; charset=us-ascii: what a part without Content-Type is.
    public static let defaultText = ContentType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"])

    /// "text/plain"
    public var mimeType: String { "\(type)/\(subtype)" }

    /// Parses a header value (unfolded, or raw with its folds); nil when it holds no type/subtype at
    /// all. Type and subtype are lower-cased, comments and stray white space ignored ("text / html
    /// (x)"). A lone "text" is text/plain and a lone "multipart" with a boundary multipart/mixed;
    /// any other type without a subtype is nil, like junk, so the caller falls back to its default.
    public init?(headerValue: some Collection<UInt8>) {
        guard let value = MIMEHeaderValue(Array(headerValue)) else { return nil }
        var subtype = value.subtype
        if subtype == nil {
            if value.type == "text" {
                subtype = "plain"
            } else if value.type == "multipart" && value.parameters["boundary"] != nil {
                subtype = "mixed"
            }
        }
        guard let subtype, !value.type.contains("=") else { return nil }
        self.init(type: value.type, subtype: subtype, parameters: value.parameters)
    }

    /// The charset parameter as written, e.g. "utf-8".
    public var charset: String? { parameters["charset"] }
    /// The multipart boundary, its bytes exactly as written (never decoded).
    public var boundary: String? { parameters["boundary"] }
    /// The name parameter (an attachment's file name for old clients), decoded.
    public var name: String? { parameters["name"] }
}

/// A Content-Disposition header: inline or attachment, with a filename.
public struct ContentDisposition: Sendable, Equatable {
    /// Lower-cased: "inline", "attachment", or whatever the sender wrote.
    public let kind: String
    /// Parameter names lower-cased; values decoded as for Content-Type.
    public let parameters: [String: String]

    /// A disposition from its parts, taken as given.
    public init(kind: String, parameters: [String: String] = [:]) {
        self.kind = kind
        self.parameters = parameters
    }

    /// Parses a header value (unfolded, or raw with its folds) with the same parameter rules as
    /// Content-Type. A value that starts with a parameter (`filename="a.pdf"`) has kind ""; nil when
    /// there is neither a kind nor a parameter.
    public init?(headerValue: some Collection<UInt8>) {
        let input = Array(headerValue)
        if let value = MIMEHeaderValue(input), !value.type.contains("=") {
            self.init(kind: value.subtype.map { value.type + "/" + $0 } ?? value.type, parameters: value.parameters)
            return
        }
        // Parameters with no disposition type ("; filename=a.png") are not a disposition at all, as
        // stalwart reads them; the part's name then comes from Content-Type.
        return nil
    }

    /// Whether the sender marked the part as an attachment.
    public var isAttachment: Bool { kind == "attachment" }
    /// The filename parameter, decoded; untrusted (may hold a path).
    public var filename: String? { parameters["filename"] }
}

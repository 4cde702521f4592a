import Foundation

/// Builds call URLs under the configured API base, and refuses a base that cannot work.
enum APIAddress {
    /// Checks that `base` is an absolute http(s) URL with a host and no query or fragment.
    static func validate(_ base: URL) throws(GmailError) {
        let scheme = base.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else {
            throw .invalidConfiguration("The Gmail API address must start with http:// or https://")
        }
        guard let host = base.host, !host.isEmpty else {
            throw .invalidConfiguration("The Gmail API address has no host name")
        }
        guard base.query == nil, base.fragment == nil else {
            throw .invalidConfiguration("The Gmail API address must not carry a query or fragment")
        }
    }

    /// `base` + `path` + `?query`, with `base` treated as a directory.
    static func url(base: URL, path: String, query: [URLQueryItem]) throws(GmailError) -> URL {
        try validate(base)
        var text = base.absoluteString
        if !text.hasSuffix("/") { text += "/" }
        text += path
        if !query.isEmpty { text += "?" + REST.queryString(query) }
        guard let url = URL(string: text) else {
            throw .invalidConfiguration("The Gmail API address does not form valid URLs")
        }
        return url
    }

    /// The path and query of `url` as sent on a request line ("/gmail/v1/…?format=full").
    static func target(of url: URL) -> String {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "/" }
        var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery, !query.isEmpty { target += "?" + query }
        return target
    }
}

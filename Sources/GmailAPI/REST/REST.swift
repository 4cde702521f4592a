import Foundation
import LoopbackHTTP

/// Gmail's REST resources as namespaces, so each method reads like its ID:
/// `REST.Messages.List` is `users.messages.list`.
public enum REST {
    /// `users.getProfile`.
    public enum Profile {}
    /// `users.messages.*`.
    public enum Messages {
        /// `users.messages.attachments.*`.
        public enum Attachments {}
    }
    /// `users.history.*`.
    public enum History {}
    /// `users.labels.*`.
    public enum Labels {}

    /// The path every method lives under (`userId` is always `me`).
    static let usersMe = "gmail/v1/users/me"

    /// Percent-encodes one path segment (a message or attachment ID): only RFC 3986 unreserved
    /// characters stay as they are.
    static func segment(_ text: String) -> String {
        URLEncoding.encode(text)
    }

    /// Encodes query items strictly: unlike `URLComponents`, "+" becomes %2B (servers read a bare "+"
    /// as a space) and a space becomes %20.
    static func queryString(_ items: [URLQueryItem]) -> String {
        URLEncoding.form(items.map { ($0.name, $0.value ?? "") })
    }

    /// The paging parameters the list methods share: `maxResults` held to 1…500, and the page token
    /// when there is one.
    static func paging(maxResults: Int?, pageToken: String?) -> [URLQueryItem] {
        var items: [URLQueryItem] = []
        if let maxResults { items.append(URLQueryItem(name: "maxResults", value: String(min(max(maxResults, 1), 500)))) }
        if let pageToken, !pageToken.isEmpty { items.append(URLQueryItem(name: "pageToken", value: pageToken)) }
        return items
    }

    /// `count` random bytes as lower-case hex (multipart boundaries).
    static func randomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        for _ in 0..<count {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text += String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }
        return text
    }
}

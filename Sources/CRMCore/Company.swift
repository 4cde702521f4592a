import Foundation

/// An organisation contacts work for; its domain helps match mail to it.
public struct Company: Sendable, Hashable {
    public let id: Int64
    public let teamID: Int64
    public let name: String
    public let domain: String?

    public init(id: Int64, teamID: Int64, name: String, domain: String?) {
        self.id = id
        self.teamID = teamID
        self.name = name
        self.domain = domain
    }

    /// Normalises a user-typed domain ("https://www.Acme.com/" → "acme.com"), or nil when it is not one.
    public static func normalizedDomain(_ raw: String) -> String? {
        var text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
        }
        if let slash = text.firstIndex(of: "/") { text = String(text[..<slash]) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        guard EmailAddress("x@" + text) != nil else { return nil }
        return text
    }
}

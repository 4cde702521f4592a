import Foundation

/// A team's addresses and domains kept off every timeline: "ann@example.com" blocks that address,
/// "@example.com" that domain and the domains below it.
public struct Blocklist: Sendable, Hashable {
    /// The entries, each normalised (`Blocklist.entry`).
    public let entries: [String]

    public init(_ entries: [String] = []) {
        self.entries = entries
    }

    /// The entry that blocks `address`, if any.
    public func entry(blocking address: EmailAddress) -> String? {
        let domain = String(address.domain)
        return entries.first { entry in
            if entry.hasPrefix("@") {
                let blocked = entry.dropFirst()
                return domain == blocked || domain.hasSuffix("." + blocked)
            }
            return entry == address.value
        }
    }

    /// "Ann@Example.com" → "ann@example.com", "@Example.com" or "example.com" → "@example.com";
    /// nil when it is neither an address nor a domain.
    public static func entry(_ text: String) -> String? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.contains("@"), !text.hasPrefix("@") { return EmailAddress(text)?.value }
        let domain = text.hasPrefix("@") ? String(text.dropFirst()) : text
        guard !domain.contains("/"), let normalized = Company.normalizedDomain(domain), normalized.contains(".")
        else { return nil }
        return "@" + normalized
    }
}

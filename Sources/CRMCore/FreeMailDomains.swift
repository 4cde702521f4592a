import Foundation

/// Mail domains anyone can sign up to: an address there says nothing about a company, and a team
/// mailbox there does not make the whole domain the team's.
public enum FreeMailDomains {
    /// Domains taken exactly (or with a subdomain).
    static let domains: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
        "ymail.com", "rocketmail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
        "protonmail.ch", "pm.me", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "zoho.com", "zohomail.com",
        "yandex.com", "yandex.ru", "mail.ru", "fastmail.com", "hey.com", "tutanota.com", "tuta.io", "qq.com",
        "163.com", "126.com", "t-online.de", "orange.fr", "free.fr", "laposte.net", "libero.it", "seznam.cz",
    ]

    /// Providers whose every country domain is free mail: yahoo.co.uk, hotmail.fr, gmx.at …
    static let families: Set<String> = ["yahoo", "hotmail", "outlook", "live", "gmx", "aol", "yandex"]

    /// Whether `domain` (lower case) is a free-mail domain or below one.
    public static func contains(_ domain: String) -> Bool {
        let labels = domain.lowercased().split(separator: ".").map(String.init)
        guard labels.count >= 2 else { return false }
        for start in 0..<(labels.count - 1) where domains.contains(labels[start...].joined(separator: ".")) {
            return true
        }
        // "yahoo.co.uk", "gmx.at": the provider's name right before a country ending of one or two labels.
        let ending = labels.count - 1
        let provider = labels.count >= 3 && labels[ending - 1].count <= 3 ? labels[ending - 2] : labels[ending - 1]
        return families.contains(provider) && (labels.count == 2 || labels.count == 3)
    }
}

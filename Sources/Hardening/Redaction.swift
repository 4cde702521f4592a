import Foundation

/// Takes secrets out of text that leaves the process (standard error, the log) or enters the
/// database (a mailbox's or an email's last error): OAuth tokens by their shape (`ya29.…`, `1//…`,
/// `Bearer …`), the values of secret-bearing parameters in addresses, form bodies and JSON
/// (`refresh_token=…&`, `"refresh_token": "…"`), and the exact secrets the caller knows, also
/// percent-encoded or JSON-escaped. The one place Rapport decides what a secret looks like.
public enum Redaction {
    /// What a secret is replaced by.
    public static let marker = "[redacted]"

    /// Parameter names whose values are secrets wherever they appear.
    public static let secretNames = ["code", "code_verifier", "client_secret", "refresh_token", "access_token", "id_token",
                                     "assertion", "password"]

    /// Known secrets shorter than this are not searched for (they would cut ordinary words).
    public static let shortestKnownSecret = 4

    /// `text` with every secret replaced by `marker`; text holding none comes back unchanged.
    public static func redact(_ text: String, secrets: [String] = []) -> String {
        var result = text
        let known = Set(secrets.filter { $0.count >= shortestKnownSecret }.flatMap(spellings)).sorted { $0.count > $1.count }
        for secret in known where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: marker)
        }
        guard mayHoldSecret(result) else { return result }
        for pattern in patterns {
            result = pattern.replace(in: result)
        }
        return result
    }

    /// A secret as it may be echoed: as is, percent-encoded (a form body or an address) and
    /// JSON-escaped (`/` as `\/`).
    private static func spellings(_ secret: String) -> [String] {
        var unreserved = CharacterSet.alphanumerics
        unreserved.insert(charactersIn: "-._~")
        let encoded = secret.addingPercentEncoding(withAllowedCharacters: unreserved) ?? secret
        return [secret, encoded, encoded.replacingOccurrences(of: "%", with: "%25"),
                secret.replacingOccurrences(of: "/", with: "\\/")]
    }

    /// A quick look before the patterns run: most text (every log line) holds none of these.
    private static func mayHoldSecret(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.contains("ya29.") || lowered.contains("1//") || lowered.contains("1\\/\\/")
            || lowered.contains("bearer") || secretNames.contains { lowered.contains($0) }
    }

    /// One shape of secret: the match's group `keep` (if any) stays, the rest becomes the marker.
    private struct Pattern: Sendable {
        let expression: NSRegularExpression
        let template: String

        init(_ pattern: String, keeping template: String) {
            expression = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            self.template = template
        }

        func replace(in text: String) -> String {
            expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                withTemplate: template)
        }
    }

    private static let patterns: [Pattern] = {
        let names = secretNames.joined(separator: "|")
        // Characters a token may hold.
        let token = #"[A-Za-z0-9._~+/=\\-]"#
        let marker = NSRegularExpression.escapedTemplate(for: Self.marker)
        // A value already replaced stays as it is, so redacting twice changes nothing.
        let unredacted = "(?!" + NSRegularExpression.escapedPattern(for: Self.marker) + ")"
        return [
            // "refresh_token": "…" and 'password': '…' (JSON, and the way many tools print maps).
            Pattern(#"((["'])(?:"# + names + #")\2\s*:\s*(["']))(?:\\.|(?!\3).)*\3"#, keeping: "$1" + marker + "$3"),
            // refresh_token=… in an address or a form body, up to the next separator.
            Pattern(#"((?<![A-Za-z0-9_])(?:"# + names + #")=)"# + unredacted + #"[^\s&"',;)\]}<>]+"#, keeping: "$1" + marker),
            // Authorization: Bearer …
            Pattern(#"(\bbearer\s+)"# + unredacted + #"[^\s"',;)\]}<>]+"#, keeping: "$1" + marker),
            // Google's access tokens (ya29.…) and refresh tokens (1//…, or 1\/\/… inside JSON).
            Pattern(#"(?<![A-Za-z0-9_])ya29\."# + token + "*", keeping: marker),
            Pattern(#"(?<![A-Za-z0-9_./:\\])1(?://|\\/\\/)"# + token + "+", keeping: marker),
        ]
    }()
}

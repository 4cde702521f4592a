import Foundation
import Hardening

/// Turns a non-200 answer of the token endpoint into the `GmailError` Rapport acts on.
struct TokenEndpointFailure {
    let error: GmailError

    init(response: HTTPResponse, grant: TokenEndpoint.Grant, mailbox: String?, secrets: [String]) {
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        let code = object?["error"] as? String
        let detail = (object?["error_description"] as? String).map { Self.sanitized($0, hiding: secrets) }
        let because = detail.map { " (\($0))" } ?? ""
        let account = mailbox.map { "rapport account add \($0)" } ?? "rapport account add EMAIL"
        let mailboxName = mailbox ?? "this mailbox"

        switch (code, response.status) {
        case ("invalid_grant", _):
            switch grant {
            case .refreshToken:
                let why = detail.map(Self.clause) ?? "the access was revoked or has expired"
                error = .needsLogin("Google no longer accepts Rapport's access to \(mailboxName): \(why); run `\(account)` to sign in again")
            case .authorizationCode:
                let why = detail.map(Self.clause) ?? "it expired or was already used"
                error = .needsLogin("Google did not accept the sign-in code: \(why); run `\(account)` again")
            }
        case ("invalid_client", _), ("unauthorized_client", _):
            error = .invalidConfiguration("Google does not accept Rapport's OAuth client (\(code!))\(because); check the client id and client secret (--client-id, --client-secret-file)")
        case ("invalid_request", _), ("invalid_scope", _), ("unsupported_grant_type", _):
            error = .permanent("the token endpoint refused the request (\(code!))\(because)")
        case (_, 500...599):
            error = .temporary("the token endpoint answered HTTP \(response.status)")
        case (_, 429):
            error = .temporary("the token endpoint asks to slow down (HTTP 429)")
        case (.some(let other), _):
            error = .permanent("the token endpoint refused the request (\(Self.sanitized(other, hiding: secrets)))\(because)")
        case (nil, _):
            error = .badResponse("the token endpoint answered HTTP \(response.status) without an OAuth error")
        }
    }

    /// Google's sentence as a clause: "Token has been expired or revoked." → "token has been
    /// expired or revoked".
    static func clause(_ sentence: String) -> String {
        var text = sentence
        while text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first, first.isUppercase,
              text.dropFirst().first.map({ !$0.isUppercase }) ?? true else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// Google's text, one line, at most 200 characters, through `Redaction` with what Rapport sent
    /// as a secret (code, verifier, refresh token, client secret) in case the server echoes it.
    static func sanitized(_ text: String, hiding secrets: [String]) -> String {
        let printable = text.unicodeScalars.map { scalar -> Character in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format ? " " : Character(scalar)
        }
        let line = Redaction.redact(String(printable), secrets: secrets).trimmingCharacters(in: .whitespaces)
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}

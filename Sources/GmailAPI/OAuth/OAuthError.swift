import Hardening

/// Why connecting a mailbox (`rapport account add`) did not finish. Every description is one line
/// for people and names no token, code or secret.
public enum OAuthError: Error, Sendable, Equatable {
    /// The redirect carried another attempt's state (or none): refused, its code unused.
    case stateMismatch
    /// The person chose "Cancel" (or did not allow access) on Google's consent page.
    case accessDenied
    /// Google sent back another error code instead of a code (`invalid_request`, …).
    case authorizationFailed(String)
    /// What was pasted holds no code Rapport can read; the text says what to paste instead.
    case unreadableRedirect(String)
    /// Nobody finished signing in within this many seconds.
    case timedOut(seconds: Int)
    /// The attempt was cancelled (Ctrl-C, or the caller gave up).
    case cancelled
    /// Google granted fewer scopes than Rapport asked for (a box left unticked).
    case missingScopes([String])
    /// The person signed in to another Google account than the mailbox being added.
    case wrongAccount(expected: String)
    /// The loopback listener for the redirect could not start.
    case loopbackUnavailable(String)
    /// The token endpoint or Gmail refused or failed.
    case token(GmailError)
    /// The credentials folder could not be written.
    case store(CredentialStoreError)
}

extension OAuthError: CustomStringConvertible {
    /// What happened and what to do next (through `Redaction`, like every error text).
    public var description: String { Redaction.redact(text) }

    private var text: String {
        switch self {
        case .stateMismatch:
            return "the sign-in answer does not belong to this attempt (its state does not match), so Rapport did not use it; run rapport account add again and use the newest link"
        case .accessDenied:
            return "access was not granted on Google's consent page; run rapport account add again and choose Allow"
        case .authorizationFailed(let code):
            return "Google could not sign you in (\(code)); check the client id and run rapport account add again"
        case .unreadableRedirect(let why):
            return why
        case .timedOut(let seconds):
            return "nobody finished signing in within \(seconds / 60 >= 1 ? "\(seconds / 60) min" : "\(seconds) s"); run rapport account add again"
        case .cancelled:
            return "signing in was cancelled"
        case .missingScopes(let scopes):
            let names = scopes.map { $0.replacingPrefix("https://www.googleapis.com/auth/", with: "") }
            return "Google did not grant Rapport \(names.joined(separator: ", ")) (a box was left unticked on the consent screen); run rapport account add again and allow Gmail access"
        case .wrongAccount(let expected):
            return "you signed in to Google with another account than \(expected); run rapport account add again and pick \(expected) in the browser"
        case .loopbackUnavailable(let why):
            return "Rapport could not listen for the browser on 127.0.0.1 (\(why))"
        case .token(let error):
            return error.description
        case .store(let error):
            return error.description
        }
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}

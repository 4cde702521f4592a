import Foundation
import LoopbackHTTP

/// The consent-page link for one sign-in attempt: client, loopback redirect, scopes, PKCE
/// challenge and a random state, asking for offline access (a refresh token).
public struct AuthorizationRequest: Sendable {
    public let configuration: OAuthConfiguration
    /// `http://127.0.0.1:PORT`, sent again, byte for byte, with the code exchange.
    public let redirectURI: String
    public let pkce: PKCE
    /// Random; the redirect must bring it back unchanged.
    public let state: String

    public init(configuration: OAuthConfiguration, redirectURI: String,
                pkce: PKCE = .random(), state: String = AuthorizationRequest.randomState()) {
        self.configuration = configuration
        self.redirectURI = redirectURI
        self.pkce = pkce
        self.state = state
    }

    /// 32 random unreserved characters from the system generator.
    public static func randomState() -> String { RandomText.state() }

    /// The loopback redirect URI for a port: the IP literal, as Google recommends.
    public static func loopbackRedirectURI(port: Int) -> String { "http://127.0.0.1:\(port)" }

    /// The link to open in a browser. Fields already in the configured URL's query are kept.
    public var url: URL {
        var fields: [(String, String)] = [
            ("client_id", configuration.clientID),
            ("redirect_uri", redirectURI),
            ("response_type", "code"),
            ("scope", configuration.scopes.joined(separator: " ")),
            ("code_challenge", pkce.challenge),
            ("code_challenge_method", pkce.method),
            ("state", state),
            ("access_type", "offline"),
            ("prompt", "consent"),
        ]
        if let hint = configuration.loginHint, !hint.isEmpty { fields.append(("login_hint", hint)) }
        let base = configuration.authorizationURL.absoluteString
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return URL(string: base + separator + URLEncoding.form(fields))!
    }
}

extension AuthorizationRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The link (which holds nothing secret); the PKCE verifier stays out.
    public var description: String { "AuthorizationRequest(\(url.absoluteString))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["configuration": configuration, "redirectURI": redirectURI,
                                "pkce": pkce, "state": state], displayStyle: .struct)
    }
}

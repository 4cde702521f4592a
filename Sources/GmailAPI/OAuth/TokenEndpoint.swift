import Foundation
import LoopbackHTTP

/// Google's token endpoint: trades an authorization code, or a refresh token, for an access token.
public struct TokenEndpoint: Sendable {
    public let url: URL
    public let clientID: String
    private let clientSecret: String
    private let transport: any HTTPTransport
    /// Seconds to wait for one answer.
    public var timeout: TimeInterval

    public init(url: URL, clientID: String, clientSecret: String, transport: any HTTPTransport, timeout: TimeInterval = 30) {
        self.url = url
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.transport = transport
        self.timeout = timeout
    }

    /// The endpoint of a configuration.
    public init(configuration: OAuthConfiguration, transport: any HTTPTransport, timeout: TimeInterval = 30) {
        self.init(url: configuration.tokenURL, clientID: configuration.clientID,
                  clientSecret: configuration.clientSecret, transport: transport, timeout: timeout)
    }

    /// The endpoint that issued a mailbox's credentials.
    public init(credentials: Credentials, transport: any HTTPTransport, timeout: TimeInterval = 30) {
        self.init(url: credentials.tokenURL, clientID: credentials.clientID,
                  clientSecret: credentials.clientSecret, transport: transport, timeout: timeout)
    }

    /// Exchanges the code from the redirect (with the PKCE verifier and the same redirect URI).
    /// `mailbox` only shapes error messages.
    public func exchange(code: String, verifier: String, redirectURI: String, mailbox: String? = nil) throws(GmailError) -> TokenResponse {
        try post([
            ("code", code),
            ("client_id", clientID),
            ("client_secret", clientSecret),
            ("redirect_uri", redirectURI),
            ("grant_type", "authorization_code"),
            ("code_verifier", verifier),
        ], grant: .authorizationCode, mailbox: mailbox, secrets: [code, verifier])
    }

    /// A new access token for a refresh token. `invalid_grant` (revoked, expired, password
    /// changed…) throws `.needsLogin`.
    public func refresh(refreshToken: String, mailbox: String? = nil) throws(GmailError) -> TokenResponse {
        try post([
            ("grant_type", "refresh_token"),
            ("refresh_token", refreshToken),
            ("client_id", clientID),
            ("client_secret", clientSecret),
        ], grant: .refreshToken, mailbox: mailbox, secrets: [refreshToken])
    }

    enum Grant { case authorizationCode, refreshToken }

    private func post(_ fields: [(String, String)], grant: Grant, mailbox: String?, secrets: [String]) throws(GmailError) -> TokenResponse {
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Data(URLEncoding.form(fields).utf8), timeout: timeout)
        let response = try transport.perform(request)
        if response.status == 200 {
            guard let token = TokenResponse(json: response.body) else {
                throw .badResponse("the token endpoint answered 200 without an access token")
            }
            return token
        }
        throw TokenEndpointFailure(response: response, grant: grant, mailbox: mailbox,
                                   secrets: secrets + [clientSecret]).error
    }
}

extension TokenEndpoint: CustomStringConvertible, CustomReflectable {
    /// The endpoint and client; not the secret.
    public var description: String { "TokenEndpoint(\(url.absoluteString), client: \(clientID))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["url": url, "clientID": clientID, "clientSecret": "<redacted>", "timeout": timeout],
               displayStyle: .struct)
    }
}

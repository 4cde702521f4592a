import Foundation

/// Everything Rapport needs to reach one mailbox without the person: the OAuth client, the
/// refresh token, the current access token and where to send them. Lives only in the
/// credentials folder (see `CredentialStore`); `description`, `debugDescription` and `dump`
/// never show a token or the client secret.
public struct Credentials: Sendable, Equatable, Codable {
    /// The mailbox as given to `rapport account add`.
    public var email: String
    public var clientID: String
    public var clientSecret: String
    public var refreshToken: String
    /// The last access token; nil before the first refresh.
    public var accessToken: String?
    public var accessTokenExpiresAt: Date?
    /// The token endpoint that issued the refresh token (Google's, or the simulator's).
    public var tokenURL: URL
    /// The Gmail API base when not Google's (the simulator, a test server).
    public var apiBase: URL?
    /// The scopes Google granted.
    public var scopes: [String]

    public init(email: String, clientID: String, clientSecret: String, refreshToken: String,
                accessToken: String? = nil, accessTokenExpiresAt: Date? = nil,
                tokenURL: URL = OAuthConfiguration.googleTokenURL, apiBase: URL? = nil,
                scopes: [String] = [OAuthConfiguration.gmailModifyScope]) {
        self.email = email
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.accessToken = accessToken
        self.accessTokenExpiresAt = accessTokenExpiresAt
        self.tokenURL = tokenURL
        self.apiBase = apiBase
        self.scopes = scopes
    }

    enum CodingKeys: String, CodingKey {
        case email
        case clientID = "client_id"
        case clientSecret = "client_secret"
        case refreshToken = "refresh_token"
        case accessToken = "access_token"
        case accessTokenExpiresAt = "access_token_expires_at"
        case tokenURL = "token_url"
        case apiBase = "api_base"
        case scopes
    }

    /// The access token when it stays valid for more than `margin` seconds after `now`.
    public func validAccessToken(at now: Date, margin: TimeInterval) -> String? {
        guard let accessToken, let expiry = accessTokenExpiresAt,
              expiry.timeIntervalSince(now) > margin else { return nil }
        return accessToken
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Mailbox, client, endpoints, scopes and expiry; secrets as `<redacted>`.
    public var description: String {
        let expiry = accessTokenExpiresAt.map { "expires \(Self.iso8601($0))" } ?? "none"
        return "Credentials(email: \(email), client: \(clientID), client secret: <redacted>, refresh token: <redacted>, "
            + "access token: \(accessToken == nil ? "none" : "<redacted>, \(expiry)"), token URL: \(tokenURL.absoluteString), "
            + "API base: \(apiBase?.absoluteString ?? "Google"), scopes: \(scopes.joined(separator: " ")))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "email": email,
            "clientID": clientID,
            "clientSecret": "<redacted>",
            "refreshToken": "<redacted>",
            "accessToken": accessToken == nil ? "none" : "<redacted>",
            "accessTokenExpiresAt": accessTokenExpiresAt as Any,
            "tokenURL": tokenURL,
            "apiBase": apiBase as Any,
            "scopes": scopes,
        ], displayStyle: .struct)
    }

    private static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

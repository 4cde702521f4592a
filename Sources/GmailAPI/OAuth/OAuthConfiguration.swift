import Foundation

/// Which Google OAuth client Rapport signs in with, where, and for what.
///
/// Google issues a client secret to "Desktop app" clients but does not treat it as secret; the
/// token endpoint still wants it. Rapport keeps it out of logs and descriptions all the same.
public struct OAuthConfiguration: Sendable, Equatable {
    /// Google's consent page for installed apps.
    public static let googleAuthorizationURL = URL(string: "https://accounts.google.com/o/oauth2/v2/auth")!
    /// Google's token endpoint (code exchange and refresh).
    public static let googleTokenURL = URL(string: "https://oauth2.googleapis.com/token")!
    /// Read, label and send: everything Rapport does, without permanent deletion.
    public static let gmailModifyScope = "https://www.googleapis.com/auth/gmail.modify"

    public var clientID: String
    public var clientSecret: String
    public var authorizationURL: URL
    public var tokenURL: URL
    public var scopes: [String]
    /// The address to suggest on Google's account chooser.
    public var loginHint: String?

    public init(clientID: String, clientSecret: String,
                authorizationURL: URL = OAuthConfiguration.googleAuthorizationURL,
                tokenURL: URL = OAuthConfiguration.googleTokenURL,
                scopes: [String] = [OAuthConfiguration.gmailModifyScope],
                loginHint: String? = nil) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authorizationURL = authorizationURL
        self.tokenURL = tokenURL
        self.scopes = scopes
        self.loginHint = loginHint
    }
}

extension OAuthConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The client and endpoints, never the client secret.
    public var description: String {
        "OAuthConfiguration(client: \(clientID), secret: <redacted>, auth: \(authorizationURL.absoluteString), "
            + "token: \(tokenURL.absoluteString), scopes: \(scopes.joined(separator: " ")))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "clientID": clientID,
            "clientSecret": "<redacted>",
            "authorizationURL": authorizationURL,
            "tokenURL": tokenURL,
            "scopes": scopes,
            "loginHint": loginHint as Any,
        ], displayStyle: .struct)
    }
}

import Foundation

/// A 200 answer from the token endpoint: a short-lived access token, maybe a refresh token,
/// and the scopes actually granted.
public struct TokenResponse: Sendable, Equatable {
    public let accessToken: String
    /// Seconds the access token lives (Google: 3599).
    public let expiresIn: TimeInterval
    /// Present after a code exchange; after a refresh only when Google rotates it.
    public let refreshToken: String?
    /// Granted scopes; nil when the endpoint left `scope` out (RFC 6749: then as requested).
    public let scopes: [String]?
    public let tokenType: String

    public init(accessToken: String, expiresIn: TimeInterval, refreshToken: String?, scopes: [String]?, tokenType: String = "Bearer") {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
        self.scopes = scopes
        self.tokenType = tokenType
    }

    /// Reads Google's JSON; nil when it is not a token answer (no `access_token`).
    public init?(json: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
              let access = object["access_token"] as? String, !access.isEmpty else { return nil }
        accessToken = access
        // A missing or odd `expires_in` is read as Google's usual hour.
        if let seconds = object["expires_in"] as? NSNumber {
            expiresIn = max(0, seconds.doubleValue)
        } else if let text = object["expires_in"] as? String, let seconds = Double(text) {
            expiresIn = max(0, seconds)
        } else {
            expiresIn = 3599
        }
        refreshToken = (object["refresh_token"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        scopes = (object["scope"] as? String).map { $0.split(separator: " ").map(String.init) }
        tokenType = object["token_type"] as? String ?? "Bearer"
    }

    /// The requested scopes Google did not grant. `https://mail.google.com/` covers every Gmail
    /// scope; an answer without `scope` granted everything asked.
    public func missingScopes(of requested: [String]) -> [String] {
        guard let scopes else { return [] }
        let granted = Set(scopes)
        let gmailPrefix = "https://www.googleapis.com/auth/gmail."
        return requested.filter { scope in
            if granted.contains(scope) { return false }
            if scope.hasPrefix(gmailPrefix), granted.contains("https://mail.google.com/") { return false }
            return true
        }
    }
}

extension TokenResponse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Lifetime and scopes; the tokens themselves never.
    public var description: String {
        "TokenResponse(access token: <redacted>, expires in: \(Int(expiresIn)) s, refresh token: "
            + (refreshToken == nil ? "none" : "<redacted>") + ", scopes: \(scopes?.joined(separator: " ") ?? "as requested"))"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessToken": "<redacted>",
            "expiresIn": expiresIn,
            "refreshToken": refreshToken == nil ? "none" : "<redacted>",
            "scopes": scopes as Any,
            "tokenType": tokenType,
        ], displayStyle: .struct)
    }
}

import Foundation
import LoopbackHTTP
import MailFormat

/// Google's OAuth endpoints for installed apps (gmail-api.md §12): consent with PKCE, the token
/// endpoint's two grants, and revocation.
extension GmailSimulator {
    // MARK: - GET /o/oauth2/v2/auth

    /// Checks the authorization request like Google's consent page, then "the user" approves at
    /// once: 302 to redirect_uri with state, code and scope (or error=access_denied).
    func consentEndpoint(_ request: ServerRequest) -> ServerResponse {
        func page(_ status: Int, _ error: String, _ detail: String) -> ServerResponse {
            .text(status, "Error \(status): \(error)\n\(detail)\n")
        }
        let clientID = request.queryValue("client_id") ?? ""
        guard state.withLock({ $0.clientSecret(for: clientID) }) != nil else {
            return page(401, "invalid_client", "The OAuth client was not found.")
        }
        guard let redirect = request.queryValue("redirect_uri"), !redirect.isEmpty else {
            return page(400, "invalid_request", "Missing required parameter: redirect_uri")
        }
        guard Self.isLoopback(redirect) else {
            return page(400, "redirect_uri_mismatch", "The redirect URI must be a loopback address (http://127.0.0.1:PORT).")
        }
        guard request.queryValue("response_type") == "code" else {
            return page(400, "invalid_request", "Invalid response_type: use code.")
        }
        guard let scope = request.queryValue("scope"), !scope.trimmingCharacters(in: .whitespaces).isEmpty else {
            return page(400, "invalid_request", "Missing required parameter: scope")
        }
        guard let challenge = request.queryValue("code_challenge"), !challenge.isEmpty else {
            return page(400, "invalid_request", "Missing required parameter: code_challenge")
        }
        guard request.queryValue("code_challenge_method") == "S256" else {
            return page(400, "invalid_request", "Invalid code_challenge_method: use S256.")
        }
        let requestedState = request.queryValue("state")
        let hint = request.queryValue("login_hint")?.lowercased()
        let asked = scope.split(separator: " ").map(String.init)
        let outcome = state.withLock { state -> (code: String, scopes: [String])? in
            guard state.configuration.consentApproves else { return nil }
            let account = hint.flatMap { state.mailboxes[$0] != nil ? $0 : nil } ?? state.accountOrder.first
            guard let account else { return nil }
            let granted = state.configuration.grantedScopes ?? asked
            let code = "4/0Asim-" + state.token(40)
            state.codes[code] = AuthorizationCode(account: account, clientID: clientID, redirectURI: redirect,
                                                  codeChallenge: challenge, scopes: granted,
                                                  expires: Date().addingTimeInterval(600))
            return (code, granted)
        }
        var query: [(String, String)] = []
        if let requestedState { query.append(("state", requestedState)) }
        if let outcome {
            query += [("code", outcome.code), ("scope", outcome.scopes.joined(separator: " "))]
        } else {
            query.append(("error", "access_denied"))
        }
        return .redirect(to: redirect + (redirect.contains("?") ? "&" : "?") + URLEncoding.form(query))
    }

    /// http://127.0.0.1[:port][/…], http://[::1]… or http://localhost…
    static func isLoopback(_ uri: String) -> Bool {
        guard let url = URL(string: uri), url.scheme == "http", let host = url.host else { return false }
        return host == "127.0.0.1" || host == "::1" || host == "[::1]" || host == "localhost"
    }

    // MARK: - POST /token

    func tokenEndpoint(_ request: ServerRequest) -> ServerResponse {
        let response = tokenAnswer(request)
        guard response.status != 200, state.withLock({ $0.configuration.tokenErrorsEchoRequest }),
              let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              let error = object["error"] as? String else { return response }
        let sent = request.formValue("refresh_token") ?? request.formValue("code") ?? ""
        let description = (object["error_description"] as? String ?? "")
            + " Token \(sent) was refused. Request: \(String(decoding: request.body, as: UTF8.self))"
        return Self.tokenError(response.status, error, description)
    }

    private func tokenAnswer(_ request: ServerRequest) -> ServerResponse {
        func value(_ name: String) -> String? {
            request.formValue(name).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let grantType = value("grant_type") else {
            return Self.tokenError(400, "invalid_request", "Required parameter is missing: grant_type")
        }
        guard let clientID = value("client_id") else {
            return Self.tokenError(400, "invalid_request", "Could not determine client ID from request.")
        }
        guard let secret = state.withLock({ $0.clientSecret(for: clientID) }) else {
            return Self.tokenError(401, "invalid_client", "The OAuth client was not found.")
        }
        guard let givenSecret = value("client_secret") else {
            return Self.tokenError(400, "invalid_request", "client_secret is missing.")
        }
        guard givenSecret == secret else { return Self.tokenError(401, "invalid_client", "Unauthorized") }
        switch grantType {
        case "authorization_code": return exchangeCode(value, clientID: clientID)
        case "refresh_token": return refresh(value, clientID: clientID)
        default: return Self.tokenError(400, "unsupported_grant_type", "Invalid grant_type: \(grantType)")
        }
    }

    private func exchangeCode(_ value: (String) -> String?, clientID: String) -> ServerResponse {
        guard let code = value("code") else {
            return Self.tokenError(400, "invalid_request", "Missing required parameter: code")
        }
        let now = Date()
        // A code works once, whatever happens next.
        guard let grant = state.withLock({ $0.codes.removeValue(forKey: code) }) else {
            return Self.tokenError(400, "invalid_grant", "Malformed auth code.")
        }
        guard grant.expires > now, grant.clientID == clientID else {
            return Self.tokenError(400, "invalid_grant", "Bad Request")
        }
        guard value("redirect_uri") == grant.redirectURI else {
            return Self.tokenError(400, "redirect_uri_mismatch", "Bad Request")
        }
        guard let verifier = value("code_verifier") else {
            return Self.tokenError(400, "invalid_request", "Missing code verifier.")
        }
        let digest = Base64.encodeURLSafe(SHA256.digest(Array(verifier.utf8)), padded: false)
        guard digest == grant.codeChallenge else {
            return Self.tokenError(400, "invalid_grant", "Invalid code verifier.")
        }
        let issued = state.withLock { state -> (access: String, refresh: String, lifetime: TimeInterval)? in
            guard !state.invalidGrant.contains(grant.account) else { return nil }
            let refresh = "1//sim-" + state.token(40)
            state.refreshTokens[refresh] = RefreshGrant(account: grant.account, clientID: clientID, scopes: grant.scopes)
            let access = state.issueAccessToken(account: grant.account, clientID: clientID, scopes: grant.scopes)
            return (access, refresh, state.configuration.accessTokenLifetime)
        }
        guard let issued else { return Self.tokenError(400, "invalid_grant", "Token has been expired or revoked.") }
        return Self.tokenJSON([
            ("access_token", .string(issued.access)),
            ("expires_in", .number(max(Int(issued.lifetime) - 1, 0))),
            ("refresh_token", .string(issued.refresh)),
            ("scope", .string(grant.scopes.joined(separator: " "))),
            ("token_type", .string("Bearer")),
        ])
    }

    private func refresh(_ value: (String) -> String?, clientID: String) -> ServerResponse {
        guard let token = value("refresh_token") else {
            return Self.tokenError(400, "invalid_request", "Missing required parameter: refresh_token")
        }
        enum Outcome { case unknown, wrongClient, revoked, issued(String, TimeInterval, [String]) }
        let outcome = state.withLock { state -> Outcome in
            guard let grant = state.refreshTokens[token], state.mailboxes[grant.account] != nil else { return .unknown }
            guard grant.clientID == clientID else { return .wrongClient }
            guard !state.invalidGrant.contains(grant.account) else { return .revoked }
            let access = state.issueAccessToken(account: grant.account, clientID: clientID, scopes: grant.scopes)
            return .issued(access, state.configuration.accessTokenLifetime, grant.scopes)
        }
        switch outcome {
        case .unknown: return Self.tokenError(400, "invalid_grant", "Bad Request")
        case .wrongClient: return Self.tokenError(401, "unauthorized_client", "Unauthorized")
        case .revoked: return Self.tokenError(400, "invalid_grant", "Token has been expired or revoked.")
        case .issued(let access, let lifetime, let scopes):
            return Self.tokenJSON([
                ("access_token", .string(access)),
                ("expires_in", .number(max(Int(lifetime) - 1, 0))),
                ("scope", .string(scopes.joined(separator: " "))),
                ("token_type", .string("Bearer")),
            ])
        }
    }

    // MARK: - POST /revoke

    func revokeEndpoint(_ request: ServerRequest) -> ServerResponse {
        let token = request.formValue("token") ?? request.queryValue("token") ?? ""
        let known = state.withLock { state -> Bool in
            if let grant = state.refreshTokens.removeValue(forKey: token) {
                // Revoking a refresh token also revokes the access tokens of that grant.
                state.accessTokens = state.accessTokens.filter { $0.value.account != grant.account || $0.value.clientID != grant.clientID }
                return true
            }
            return state.accessTokens.removeValue(forKey: token) != nil
        }
        return known ? Self.tokenJSON([]) : Self.tokenError(400, "invalid_token", "Token expired or revoked")
    }

    // MARK: - Answers

    static func tokenJSON(_ members: [(String, JSON)]) -> ServerResponse {
        var response = ServerResponse.json(200, JSON.object(members).serialized())
        response.headers.append(contentsOf: [(name: "Cache-Control", value: "no-cache, no-store, max-age=0, must-revalidate"),
                                             (name: "Pragma", value: "no-cache")])
        return response
    }

    /// `{"error": "invalid_grant", "error_description": "…"}`.
    static func tokenError(_ status: Int, _ error: String, _ description: String) -> ServerResponse {
        var response = ServerResponse.json(status, JSON.object([("error", .string(error)),
                                                                ("error_description", .string(description))]).serialized())
        response.headers.append(("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"))
        return response
    }
}

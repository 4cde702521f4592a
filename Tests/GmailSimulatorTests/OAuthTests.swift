import Foundation
import GmailSimulator
import MailFormat
import Testing

@Suite("OAuth: consent with PKCE, the token endpoint, scopes")
struct OAuthTests {
    static let client = "rapport-test-client"
    static let secret = "rapport-test-secret"
    static let redirect = "http://127.0.0.1:53682/"
    static let scope = "https://www.googleapis.com/auth/gmail.modify"

    static func challenge(_ verifier: String) -> String {
        Mail.base64url(SHA256.digest(Array(verifier.utf8)), padded: false)
    }

    /// GET /o/oauth2/v2/auth with the usual parameters, some replaced.
    private func consent(_ fixture: Fixture, verifier: String = String(repeating: "v", count: 64),
                         _ overrides: [String: String?] = [:]) throws -> SimulatorHTTP.Response {
        var fields: [String: String?] = [
            "client_id": Self.client, "redirect_uri": Self.redirect, "response_type": "code", "scope": Self.scope,
            "code_challenge": Self.challenge(verifier), "code_challenge_method": "S256", "state": "st-42",
        ]
        for (key, value) in overrides { fields[key] = value }
        let query = fields.compactMap { key, value in value.map { "\(key)=\(SimulatorHTTP.formEncode($0))" } }
            .sorted().joined(separator: "&")
        return try fixture.http.send("GET", "/o/oauth2/v2/auth?" + query)
    }

    /// The query of a redirect's Location.
    private func redirectQuery(_ response: SimulatorHTTP.Response) -> [String: String] {
        guard let location = response.header("Location"), let components = URLComponents(string: location) else { return [:] }
        return Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    private func exchange(_ fixture: Fixture, code: String, verifier: String?, redirect: String = OAuthTests.redirect,
                          secret: String = OAuthTests.secret) throws -> SimulatorHTTP.Response {
        var fields = [("grant_type", "authorization_code"), ("code", code), ("client_id", Self.client),
                      ("client_secret", secret), ("redirect_uri", redirect)]
        if let verifier { fields.append(("code_verifier", verifier)) }
        return try fixture.http.postForm("/token", fields)
    }

    private func refresh(_ fixture: Fixture, _ token: String) throws -> SimulatorHTTP.Response {
        try fixture.http.postForm("/token", [("grant_type", "refresh_token"), ("refresh_token", token),
                                             ("client_id", Self.client), ("client_secret", Self.secret)])
    }

    @Test("consent redirects with state, code and scope; the code with its verifier buys working tokens, once")
    func codeFlow() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-and-some-more-characters"
        let answer = try consent(fixture, verifier: verifier)
        #expect(answer.status == 302)
        #expect(answer.header("Location")?.hasPrefix(Self.redirect + "?") == true)
        let query = redirectQuery(answer)
        #expect(query["state"] == "st-42")
        #expect(query["scope"] == Self.scope)
        let code = try #require(query["code"])

        let tokens = try exchange(fixture, code: code, verifier: verifier)
        #expect(tokens.status == 200)
        if let example = Examples.bytes("oauth-token-code-exchange-response.json") {
            #expect(tokens.keyOrder == JSONKeys.topLevel(example))
        }
        #expect(tokens.json["expires_in"] as? Int == 3599)
        #expect(tokens.json["token_type"] as? String == "Bearer")
        #expect(tokens.json["scope"] as? String == Self.scope)
        let access = try #require(tokens.json["access_token"] as? String)
        let profile = try fixture.http.get("/gmail/v1/users/me/profile", token: access)
        #expect(profile.json["emailAddress"] as? String == fixture.account)

        let again = try exchange(fixture, code: code, verifier: verifier)
        #expect(again.status == 400)
        #expect(again.json["error"] as? String == "invalid_grant")

        let refreshed = try refresh(fixture, try #require(tokens.json["refresh_token"] as? String))
        #expect(refreshed.status == 200)
        if let example = Examples.bytes("oauth-token-refresh-response.json") {
            #expect(refreshed.keyOrder == JSONKeys.topLevel(example))
        }
    }

    @Test("a verifier that does not match the challenge is invalid_grant; a missing one invalid_request")
    func pkceMismatch() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let code = try #require(redirectQuery(try consent(fixture))["code"])
        let wrong = try exchange(fixture, code: code, verifier: String(repeating: "w", count: 64))
        #expect(wrong.status == 400)
        #expect(wrong.keyOrder == ["error", "error_description"])
        #expect(wrong.json["error"] as? String == "invalid_grant")

        let second = try #require(redirectQuery(try consent(fixture))["code"])
        let missing = try exchange(fixture, code: second, verifier: nil)
        #expect(missing.status == 400)
        #expect(missing.json["error"] as? String == "invalid_request")

        let third = try #require(redirectQuery(try consent(fixture))["code"])
        let elsewhere = try exchange(fixture, code: third, verifier: String(repeating: "v", count: 64),
                                     redirect: "http://127.0.0.1:9999/")
        #expect(elsewhere.json["error"] as? String == "redirect_uri_mismatch")
    }

    @Test("the consent page refuses bad requests and may deny; login_hint picks the account")
    func consentChecks() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        #expect(try consent(fixture, ["client_id": "someone-else"]).status == 401)
        #expect(try consent(fixture, ["redirect_uri": "https://evil.example/cb"]).status == 400)
        #expect(try consent(fixture, ["response_type": "token"]).status == 400)
        #expect(try consent(fixture, ["code_challenge_method": "plain"]).status == 400)
        #expect(try consent(fixture, ["code_challenge": nil]).status == 400)
        #expect(try consent(fixture, ["scope": nil]).status == 400)

        fixture.simulator.addAccount(email: "lee@example.com")
        let verifier = String(repeating: "v", count: 64)
        let hinted = try consent(fixture, ["login_hint": "lee@example.com"])
        let tokens = try exchange(fixture, code: try #require(redirectQuery(hinted)["code"]), verifier: verifier)
        let access = try #require(tokens.json["access_token"] as? String)
        #expect(try fixture.http.get("/gmail/v1/users/me/profile", token: access).json["emailAddress"] as? String
            == "lee@example.com")

        fixture.simulator.configuration.consentApproves = false
        let denied = try consent(fixture)
        #expect(denied.status == 302)
        #expect(redirectQuery(denied) == ["state": "st-42", "error": "access_denied"])
    }

    @Test("refresh works until the invalid_grant switch is on, then answers Google's invalid_grant")
    func invalidGrantSwitch() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let token = fixture.simulator.issueRefreshToken(for: fixture.account)
        #expect(try refresh(fixture, token).status == 200)
        fixture.simulator.setInvalidGrant(true, for: fixture.account)
        let refused = try refresh(fixture, token)
        #expect(refused.status == 400)
        if let example = Examples.json("oauth-token-error-invalid-grant.json") as? [String: Any] {
            #expect(NSDictionary(dictionary: refused.json) == NSDictionary(dictionary: example))
        }
        fixture.simulator.setInvalidGrant(false, for: fixture.account)
        #expect(try refresh(fixture, token).status == 200)
        #expect(try refresh(fixture, "1//unknown").json["error"] as? String == "invalid_grant")
    }

    @Test("with the echo switch on, a token error quotes the token and the request, secrets and all")
    func tokenErrorsEchoTheRequest() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let token = fixture.simulator.issueRefreshToken(for: fixture.account)
        fixture.simulator.setInvalidGrant(true, for: fixture.account)
        let plain = try #require(try refresh(fixture, token).json["error_description"] as? String)
        #expect(plain == "Token has been expired or revoked.")
        fixture.simulator.configuration.tokenErrorsEchoRequest = true
        let echoed = try refresh(fixture, token)
        #expect(echoed.status == 400 && echoed.json["error"] as? String == "invalid_grant")
        let description = try #require(echoed.json["error_description"] as? String)
        #expect(description.hasPrefix(plain))
        #expect(description.contains("Token \(token) was refused"))
        #expect(description.contains("refresh_token=" + SimulatorHTTP.formEncode(token)))
        #expect(description.contains("client_secret=" + Self.secret))
        fixture.simulator.setInvalidGrant(false, for: fixture.account)
        #expect(try refresh(fixture, token).status == 200, "answers that succeed are unchanged")
    }

    @Test("client checks: wrong secret invalid_client 401, missing secret invalid_request, unknown grant type")
    func clientChecks() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let token = fixture.simulator.issueRefreshToken(for: fixture.account)
        let wrong = try fixture.http.postForm("/token", [("grant_type", "refresh_token"), ("refresh_token", token),
                                                         ("client_id", Self.client), ("client_secret", "nope")])
        #expect(wrong.status == 401)
        #expect(wrong.json["error"] as? String == "invalid_client")
        let missing = try fixture.http.postForm("/token", [("grant_type", "refresh_token"), ("refresh_token", token),
                                                           ("client_id", Self.client)])
        #expect(missing.status == 400)
        #expect(missing.json["error"] as? String == "invalid_request")
        let odd = try fixture.http.postForm("/token", [("grant_type", "password"), ("client_id", Self.client),
                                                       ("client_secret", Self.secret)])
        #expect(odd.json["error"] as? String == "unsupported_grant_type")

        let other = fixture.simulator.issueRefreshToken(for: fixture.account, clientID: "cli-2", clientSecret: "s-2")
        let viaOther = try fixture.http.postForm("/token", [("grant_type", "refresh_token"), ("refresh_token", other),
                                                            ("client_id", "cli-2"), ("client_secret", "s-2")])
        #expect(viaOther.status == 200)
    }

    @Test("access tokens expire after the configured lifetime")
    func lifetime() throws {
        var configuration = Fixture.unlimited
        configuration.accessTokenLifetime = 1
        let fixture = try Fixture(configuration: configuration)
        defer { fixture.stop() }
        let refreshed = try refresh(fixture, fixture.simulator.issueRefreshToken(for: fixture.account))
        #expect(refreshed.json["expires_in"] as? Int == 0)
        let access = try #require(refreshed.json["access_token"] as? String)
        #expect(try fixture.http.get("/gmail/v1/users/me/profile", token: access).status == 200)
        Thread.sleep(forTimeInterval: 1.2)
        #expect(try fixture.http.get("/gmail/v1/users/me/profile", token: access).status == 401)
    }

    @Test("scopes: send-only tokens cannot read; metadata tokens cannot search or fetch full; consent may grant less")
    func scopes() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let id = fixture.simulator.deliver(raw: Mail.plain(), to: fixture.account)
        let sendOnly = fixture.simulator.issueAccessToken(for: fixture.account,
                                                         scopes: ["https://www.googleapis.com/auth/gmail.send"])
        let refused = try fixture.http.get("/gmail/v1/users/me/messages", token: sendOnly)
        #expect(refused.status == 403)
        if let example = Examples.json("error-403-insufficient-scopes.json") as? [String: Any] {
            #expect(NSDictionary(dictionary: refused.json) == NSDictionary(dictionary: example))
        }
        let sent = try fixture.http.post("/gmail/v1/users/me/messages/send", token: sendOnly,
                                         json: ["raw": Mail.base64url(Mail.plain(messageID: "<s@x>"))])
        #expect(sent.status == 200)

        let metadata = fixture.simulator.issueAccessToken(for: fixture.account,
                                                         scopes: ["https://www.googleapis.com/auth/gmail.metadata"])
        #expect(try fixture.http.get("/gmail/v1/users/me/messages?q=is%3Aunread", token: metadata).status == 403)
        #expect(try fixture.http.get("/gmail/v1/users/me/messages/\(id)", token: metadata).status == 403)
        #expect(try fixture.http.get("/gmail/v1/users/me/messages/\(id)?format=metadata", token: metadata).status == 200)

        fixture.simulator.configuration.grantedScopes = ["https://www.googleapis.com/auth/gmail.readonly"]
        let granted = try consent(fixture, ["scope": Self.scope + " https://www.googleapis.com/auth/gmail.send"])
        #expect(redirectQuery(granted)["scope"] == "https://www.googleapis.com/auth/gmail.readonly")
    }

    @Test("revoking a refresh token makes it and its access tokens stop working")
    func revoke() throws {
        let fixture = try Fixture()
        defer { fixture.stop() }
        let token = fixture.simulator.issueRefreshToken(for: fixture.account)
        let access = try #require(try refresh(fixture, token).json["access_token"] as? String)
        #expect(try fixture.http.postForm("/revoke", [("token", token)]).status == 200)
        #expect(try refresh(fixture, token).json["error"] as? String == "invalid_grant")
        #expect(try fixture.http.get("/gmail/v1/users/me/profile", token: access).status == 401)
        #expect(try fixture.http.postForm("/revoke", [("token", token)]).status == 400)
    }
}

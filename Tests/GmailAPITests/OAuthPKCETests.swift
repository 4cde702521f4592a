import Foundation
@testable import GmailAPI
import Testing

@Suite("PKCE and the authorization request")
struct OAuthPKCETests {
    @Test("RFC 7636 appendix B: the S256 challenge of the example verifier")
    func rfc7636Vector() throws {
        let pkce = try #require(PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(pkce.method == "S256")
    }

    @Test("random verifiers: 43–128 unreserved characters, different every time")
    func randomVerifiers() {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let first = PKCE.random()
        let second = PKCE.random()
        #expect(first.verifier.count == 64)
        #expect(first.verifier.allSatisfy(unreserved.contains))
        #expect(first.verifier != second.verifier)
        #expect(first.challenge == PKCE.challenge(for: first.verifier))
        #expect(!first.challenge.contains("=") && !first.challenge.contains("+") && !first.challenge.contains("/"))
        #expect(PKCE.random(length: 10).verifier.count == 43)
        #expect(PKCE.random(length: 500).verifier.count == 128)
        #expect(AuthorizationRequest.randomState() != AuthorizationRequest.randomState())
    }

    @Test("verifiers that are too short, too long or hold reserved characters are refused")
    func badVerifiers() {
        #expect(PKCE(verifier: String(repeating: "a", count: 42)) == nil)
        #expect(PKCE(verifier: String(repeating: "a", count: 129)) == nil)
        #expect(PKCE(verifier: String(repeating: "a", count: 42) + "/") == nil)
        #expect(PKCE(verifier: String(repeating: "a", count: 43)) != nil)
    }

    @Test("the verifier stays out of descriptions")
    func verifierHidden() throws {
        let pkce = try #require(PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        var dumped = ""
        dump(pkce, to: &dumped)
        for text in [String(describing: pkce), String(reflecting: pkce), dumped] {
            #expect(!text.contains("dBjftJeZ4CVP"))
        }
    }

    @Test("the authorization URL carries every field Google needs, percent-encoded")
    func authorizationURL() throws {
        let configuration = OAuthConfiguration(
            clientID: "123-abc.apps.googleusercontent.com", clientSecret: "not-in-the-url",
            scopes: [OAuthConfiguration.gmailModifyScope, "openid"], loginHint: "ann+crm@example.com")
        let pkce = try #require(PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        let request = AuthorizationRequest(configuration: configuration, redirectURI: "http://127.0.0.1:53682",
                                           pkce: pkce, state: "state-123")
        let url = request.url.absoluteString
        #expect(url.hasPrefix("https://accounts.google.com/o/oauth2/v2/auth?"))
        let query = try #require(url.split(separator: "?", maxSplits: 1).last)
        #expect(query.split(separator: "&").map(String.init) == [
            "client_id=123-abc.apps.googleusercontent.com",
            "redirect_uri=http%3A%2F%2F127.0.0.1%3A53682",
            "response_type=code",
            "scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.modify%20openid",
            "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "code_challenge_method=S256",
            "state=state-123",
            "access_type=offline",
            "prompt=consent",
            "login_hint=ann%2Bcrm%40example.com",
        ])
        #expect(!url.contains("not-in-the-url"))
        #expect(!url.contains("dBjftJeZ4CVP"))
    }

    @Test("no login hint when none is known; an auth URL with its own query keeps it")
    func authorizationURLVariants() {
        let configuration = OAuthConfiguration(
            clientID: "id", clientSecret: "s",
            authorizationURL: URL(string: "http://127.0.0.1:9000/o/oauth2/v2/auth?tenant=demo")!)
        let url = AuthorizationRequest(configuration: configuration, redirectURI: "http://127.0.0.1:1", state: "x").url.absoluteString
        #expect(url.hasPrefix("http://127.0.0.1:9000/o/oauth2/v2/auth?tenant=demo&client_id=id&"))
        #expect(!url.contains("login_hint"))
        #expect(url.contains("scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.modify&"))
    }

    @Test("the configuration's description hides the client secret")
    func configurationHidesSecret() {
        let configuration = OAuthConfiguration(clientID: "id-1", clientSecret: "GOCSPX-secret")
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [String(describing: configuration), String(reflecting: configuration), dumped] {
            #expect(text.contains("id-1"))
            #expect(!text.contains("GOCSPX-secret"))
        }
    }
}

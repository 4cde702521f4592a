import Foundation
@testable import GmailAPI
import LoopbackHTTP
import Synchronization
import Testing

@Suite("The token endpoint: code exchange, refresh, and Google's errors")
struct TokenEndpointTests {
    let endpoint = { (transport: TokenTestTransport) in
        TokenEndpoint(url: URL(string: "https://oauth2.googleapis.com/token")!, clientID: "client-1",
                      clientSecret: "GOCSPX-client-secret", transport: transport)
    }

    @Test("code exchange posts the form Google expects and reads the answer")
    func exchange() throws {
        let transport = TokenTestTransport([.tokenJSON(200, TokenTestTransport.codeExchangeResponse)])
        let response = try endpoint(transport).exchange(code: "4/0Ab-code", verifier: "v".oauthRepeated(43),
                                                        redirectURI: "http://127.0.0.1:53682", mailbox: "ann@example.com")
        #expect(response.accessToken == "ya29.a0Af_EXAMPLE")
        #expect(response.expiresIn == 3599)
        #expect(response.refreshToken == "1//0gEXAMPLE-refresh")
        #expect(response.scopes == ["https://www.googleapis.com/auth/gmail.modify", "https://www.googleapis.com/auth/gmail.send"])
        #expect(response.tokenType == "Bearer")

        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://oauth2.googleapis.com/token")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(request.oauthForm == [
            "code": "4/0Ab-code", "client_id": "client-1", "client_secret": "GOCSPX-client-secret",
            "redirect_uri": "http://127.0.0.1:53682", "grant_type": "authorization_code",
            "code_verifier": "v".oauthRepeated(43),
        ])
    }

    @Test("refresh posts grant_type=refresh_token; no refresh token usually comes back")
    func refresh() throws {
        let transport = TokenTestTransport([.tokenJSON(200, TokenTestTransport.refreshResponse)])
        let response = try endpoint(transport).refresh(refreshToken: "1//0g-refresh", mailbox: "ann@example.com")
        #expect(response.accessToken == "ya29.a0Af_EXAMPLE2")
        #expect(response.refreshToken == nil)
        #expect(transport.requests.first?.oauthForm == [
            "grant_type": "refresh_token", "refresh_token": "1//0g-refresh",
            "client_id": "client-1", "client_secret": "GOCSPX-client-secret",
        ])
    }

    @Test("invalid_grant on refresh asks for a new sign-in, naming the mailbox but never a token")
    func invalidGrant() throws {
        let echoing = #"{"error":"invalid_grant","error_description":"Token 1//0g-refresh has been expired or revoked."}"#
        for body in [TokenTestTransport.invalidGrantResponse, echoing] {
            let transport = TokenTestTransport([.tokenJSON(400, body)])
            let error = #expect(throws: GmailError.self) {
                try endpoint(transport).refresh(refreshToken: "1//0g-refresh", mailbox: "ann@example.com")
            }
            guard case .needsLogin(let message) = error else {
                Issue.record("not needsLogin: \(String(describing: error))")
                continue
            }
            #expect(message.hasPrefix("Google no longer accepts Rapport's access to ann@example.com: "))
            #expect(message.hasSuffix("run `rapport account add ann@example.com` to sign in again"))
            #expect(!message.contains("1//0g-refresh"))
            #expect(!message.contains("GOCSPX"))
        }
        let transport = TokenTestTransport([.tokenJSON(400, TokenTestTransport.invalidGrantResponse)])
        let error = #expect(throws: GmailError.self) {
            try endpoint(transport).refresh(refreshToken: "1//0g-refresh", mailbox: "ann@example.com")
        }
        #expect(error?.description == "Google no longer accepts Rapport's access to ann@example.com: token has been expired or revoked; run `rapport account add ann@example.com` to sign in again")
    }

    @Test("invalid_grant on code exchange: the code expired or was used")
    func invalidGrantOnExchange() {
        let transport = TokenTestTransport([.tokenJSON(400, #"{"error":"invalid_grant","error_description":"Bad Request"}"#)])
        let error = #expect(throws: GmailError.self) {
            try endpoint(transport).exchange(code: "4/x", verifier: "v".oauthRepeated(43), redirectURI: "http://127.0.0.1:1", mailbox: "ann@example.com")
        }
        guard case .needsLogin(let message) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(message.contains("did not accept the sign-in code"))
        #expect(!message.contains("4/x"))
    }

    @Test("Google's other answers map to the errors Rapport acts on", arguments: [
        (401, #"{"error":"invalid_client","error_description":"The OAuth client was not found."}"#, "invalidConfiguration"),
        (400, #"{"error":"unauthorized_client"}"#, "invalidConfiguration"),
        (400, #"{"error":"invalid_request","error_description":"Missing required parameter: code_verifier"}"#, "permanent"),
        (400, #"{"error":"invalid_scope"}"#, "permanent"),
        (500, #"{"error":"internal_failure"}"#, "temporary"),
        (503, "<html>unavailable</html>", "temporary"),
        (429, "", "temporary"),
        (404, "<html>not found</html>", "badResponse"),
    ])
    func errorMapping(status: Int, body: String, kind: String) {
        let transport = TokenTestTransport([.tokenJSON(status, body)])
        let error = #expect(throws: GmailError.self) { try endpoint(transport).refresh(refreshToken: "r-token", mailbox: nil) }
        let actual: String
        switch error {
        case .invalidConfiguration?: actual = "invalidConfiguration"
        case .permanent?: actual = "permanent"
        case .temporary?: actual = "temporary"
        case .badResponse?: actual = "badResponse"
        default: actual = String(describing: error)
        }
        #expect(actual == kind)
        #expect(!(error?.description.contains("r-token") ?? true))
        #expect(!(error?.description.contains("GOCSPX") ?? true))
    }

    @Test("invalid_client tells the person to check the client id and secret")
    func invalidClientText() {
        let transport = TokenTestTransport([.tokenJSON(401, #"{"error":"invalid_client","error_description":"Unauthorized"}"#)])
        let error = #expect(throws: GmailError.self) { try endpoint(transport).refresh(refreshToken: "r", mailbox: nil) }
        #expect(error?.description.contains("check the client id and client secret") == true)
    }

    @Test("a transport failure passes through as temporary; a 200 without a token is a bad response")
    func transportAndGarbage() {
        let failing = TokenTestTransport([.failure(.temporary("connection refused"))])
        #expect(throws: GmailError.temporary("connection refused")) { try endpoint(failing).refresh(refreshToken: "r") }
        let garbage = TokenTestTransport([.tokenJSON(200, #"{"token_type":"Bearer"}"#)])
        #expect(throws: GmailError.badResponse("the token endpoint answered 200 without an access token")) {
            try endpoint(garbage).refresh(refreshToken: "r")
        }
    }

    @Test("granted scopes are compared with the requested ones")
    func scopes() throws {
        let modify = OAuthConfiguration.gmailModifyScope
        func granted(_ scope: String?) -> TokenResponse {
            TokenResponse(accessToken: "a", expiresIn: 1, refreshToken: nil, scopes: scope.map { $0.split(separator: " ").map(String.init) })
        }
        #expect(granted("https://www.googleapis.com/auth/gmail.readonly openid").missingScopes(of: [modify]) == [modify])
        #expect(granted(modify).missingScopes(of: [modify]).isEmpty)
        #expect(granted("https://mail.google.com/").missingScopes(of: [modify]).isEmpty)
        #expect(granted(nil).missingScopes(of: [modify]).isEmpty)
        #expect(OAuthError.missingScopes([modify]).description.contains("gmail.modify"))
    }

    @Test("the token response's description hides both tokens")
    func responseHidesTokens() throws {
        let response = try #require(TokenResponse(json: Data(TokenTestTransport.codeExchangeResponse.utf8)))
        var dumped = ""
        dump(response, to: &dumped)
        for text in [String(describing: response), String(reflecting: response), dumped] {
            #expect(!text.contains("ya29"))
            #expect(!text.contains("1//0g"))
        }
    }
}

/// A transport that answers from a script and records what it was asked.
final class TokenTestTransport: HTTPTransport {
    static let codeExchangeResponse = """
        {"access_token": "ya29.a0Af_EXAMPLE", "expires_in": 3599, "refresh_token": "1//0gEXAMPLE-refresh",
         "scope": "https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/gmail.send",
         "token_type": "Bearer"}
        """
    static let refreshResponse = """
        {"access_token": "ya29.a0Af_EXAMPLE2", "expires_in": 3599,
         "scope": "https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/gmail.send",
         "token_type": "Bearer"}
        """
    static let invalidGrantResponse = #"{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}"#

    private let state: Mutex<(script: [Result<HTTPResponse, GmailError>], requests: [HTTPRequest])>
    private let delay: TimeInterval

    init(_ script: [Result<HTTPResponse, GmailError>], delay: TimeInterval = 0) {
        state = Mutex((script, []))
        self.delay = delay
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func perform(_ request: HTTPRequest) throws(GmailError) -> HTTPResponse {
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        let next = state.withLock { state -> Result<HTTPResponse, GmailError> in
            state.requests.append(request)
            guard !state.script.isEmpty else { return .failure(.permanent("the test script ran out")) }
            return state.script.removeFirst()
        }
        return try next.get()
    }
}

extension Result where Success == HTTPResponse, Failure == GmailError {
    static func tokenJSON(_ status: Int, _ body: String) -> Self {
        .success(HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(body.utf8)))
    }
}

extension HTTPRequest {
    /// The form fields of the body.
    var oauthForm: [String: String] {
        var fields: [String: String] = [:]
        for pair in URLEncoding.pairs(String(decoding: body ?? Data(), as: UTF8.self)) { fields[pair.name] = pair.value }
        return fields
    }
}

extension String {
    /// The string repeated up to `count` characters (for verifiers of a valid length).
    func oauthRepeated(_ count: Int) -> String { String(repeating: self, count: count) }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import GmailAPI
import LoopbackHTTP
import Synchronization
import Testing

@Suite("rapport account add: the whole sign-in, by browser or by paste")
struct OAuthFlowTests {
    let configuration = OAuthConfiguration(clientID: "client-1", clientSecret: "GOCSPX-secret",
                                           tokenURL: URL(string: "http://127.0.0.1:9/token")!)

    func flow(_ transport: TokenTestTransport, _ folder: OAuthTemporaryFolder, timeout: TimeInterval = 20) -> OAuthFlow {
        OAuthFlow(configuration: configuration, transport: transport,
                  store: CredentialStore(folder: folder.path + "/credentials"), timeout: timeout)
    }

    @Test("the browser comes back to the loopback listener: code exchanged with the PKCE verifier, credentials saved 0600, paste reader cancelled")
    func loopbackPath() async throws {
        let folder = try OAuthTemporaryFolder()
        let transport = TokenTestTransport([.tokenJSON(200, TokenTestTransport.codeExchangeResponse)])
        let prompt = OAuthTestPrompt(browser: .redirects("query-code"))
        let flow = flow(transport, folder)
        let credentials = try await OAuthTestThread.run { () throws(OAuthError) -> Credentials in
            try flow.signIn(email: "ann@example.com", apiBase: URL(string: "http://127.0.0.1:8080"), prompt: prompt)
        }.get()

        #expect(credentials.refreshToken == "1//0gEXAMPLE-refresh")
        #expect(credentials.accessToken == "ya29.a0Af_EXAMPLE")
        #expect(credentials.apiBase?.absoluteString == "http://127.0.0.1:8080")
        #expect(credentials.tokenURL.absoluteString == "http://127.0.0.1:9/token")
        #expect(try flow.store.load("ann@example.com") == credentials)
        let path = flow.store.folder + "/ann@example.com.json"
        #expect(try oauthMode(of: path) == 0o600)

        let asked = try #require(prompt.authorizationFields)
        #expect(asked["login_hint"] == "ann@example.com")
        #expect(asked["redirect_uri"] == prompt.redirectURI)
        let exchange = try #require(transport.requests.first?.oauthForm)
        #expect(exchange["code"] == "query-code")
        #expect(exchange["redirect_uri"] == prompt.redirectURI)
        #expect(PKCE.challenge(for: exchange["code_verifier"] ?? "") == asked["code_challenge"])
        #expect(prompt.waitForBrowserPage()?.contains("Rapport is connected") == true)
        #expect(prompt.waitForPasteReaderToStop())
    }

    @Test("on SSH the person pastes the failed address: bad pastes get a notice, the right one finishes, the listener closes")
    func pastePath() async throws {
        let folder = try OAuthTemporaryFolder()
        let transport = TokenTestTransport([.tokenJSON(200, TokenTestTransport.codeExchangeResponse)])
        let prompt = OAuthTestPrompt(browser: .none, pastes: [
            { _, _ in "" },
            { _, _ in "I don't see anything" },
            { _, redirect in "\(redirect)/?code=old-code&state=from-yesterday" },
            { state, redirect in "  '\(redirect.dropFirst("http://".count))/?code=pasted%2Fcode&state=\(state)'\n" },
        ])
        let flow = flow(transport, folder)
        let credentials = try await OAuthTestThread.run { () throws(OAuthError) -> Credentials in
            try flow.signIn(email: "ann@example.com", prompt: prompt)
        }.get()
        #expect(credentials.email == "ann@example.com")
        #expect(transport.requests.first?.oauthForm["code"] == "pasted/code")
        #expect(prompt.notices.count == 2)
        #expect(prompt.notices.last?.contains("another sign-in attempt") == true)
        await #expect(throws: (any Error).self) { try await OAuthTestBrowser.get(prompt.redirectURI + "/") }
    }

    @Test("access denied in the browser: a clear error, no token request, nothing saved")
    func deniedInBrowser() async throws {
        let folder = try OAuthTemporaryFolder()
        let transport = TokenTestTransport([])
        let prompt = OAuthTestPrompt(browser: .denies)
        let flow = flow(transport, folder)
        let result = await OAuthTestThread.run { () throws(OAuthError) -> Credentials in
            try flow.signIn(email: "ann@example.com", prompt: prompt)
        }
        #expect(result.oauthFailure == .accessDenied)
        #expect(transport.requests.isEmpty)
        #expect(try flow.store.list().isEmpty)
    }

    @Test("Google granted less than gmail.modify: refused with the scope named, nothing saved")
    func missingScope() async throws {
        let folder = try OAuthTemporaryFolder()
        let narrow = #"{"access_token":"a","expires_in":3599,"refresh_token":"r","scope":"https://www.googleapis.com/auth/gmail.readonly","token_type":"Bearer"}"#
        let transport = TokenTestTransport([.tokenJSON(200, narrow)])
        let flow = flow(transport, folder)
        let result = await OAuthTestThread.run { () throws(OAuthError) -> Credentials in
            try flow.signIn(email: "ann@example.com", prompt: OAuthTestPrompt(browser: .redirects("c")))
        }
        #expect(result.oauthFailure == .missingScopes([OAuthConfiguration.gmailModifyScope]))
        #expect(try flow.store.list().isEmpty)
    }

    @Test("the account check gets working tokens; another account is refused, the same one in another spelling accepted")
    func accountCheck() async throws {
        let folder = try OAuthTemporaryFolder()
        let seen = Mutex<[String]>([])
        let transport = TokenTestTransport([.tokenJSON(200, TokenTestTransport.codeExchangeResponse),
                                            .tokenJSON(200, TokenTestTransport.codeExchangeResponse)])
        let flow = flow(transport, folder)
        let other = await OAuthTestThread.run { () throws(OAuthError) -> Credentials in
            try flow.signIn(email: "annlee@gmail.com", prompt: OAuthTestPrompt(browser: .redirects("c1")),
                            verifyAccount: { tokens throws(GmailError) in
                                seen.withLock { $0.append((try? tokens.accessToken()) ?? "none") }
                                return "bob@example.com"
                            })
        }
        #expect(other.oauthFailure == .wrongAccount(expected: "annlee@gmail.com"))
        #expect(try flow.store.list().isEmpty)

        let same = await OAuthTestThread.run { () throws(OAuthError) -> Credentials in
            try flow.signIn(email: "annlee@gmail.com", prompt: OAuthTestPrompt(browser: .redirects("c2")),
                            verifyAccount: { _ throws(GmailError) in "Ann.Lee@googlemail.com" })
        }
        #expect(try same.get().email == "annlee@gmail.com")
        #expect(seen.withLock { $0 } == ["ya29.a0Af_EXAMPLE"])
        #expect(try flow.store.list() == ["annlee@gmail.com"])
    }

    @Test("cancelling (Ctrl-C) and waiting too long both end the sign-in")
    func cancelAndTimeout() async throws {
        let folder = try OAuthTemporaryFolder()
        let cancellation = OAuthCancellation()
        let flow = flow(TokenTestTransport([]), folder)
        let cancelled = await OAuthTestThread.run { () throws(OAuthError) -> Credentials in
            try flow.signIn(email: "ann@example.com", prompt: OAuthTestPrompt(browser: .none, onPresent: {
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: 0.1)
                    cancellation.cancel()
                }
            }), cancellation: cancellation)
        }
        #expect(cancelled.oauthFailure == .cancelled)

        let slow = self.flow(TokenTestTransport([]), folder, timeout: 0.3)
        let timedOut = await OAuthTestThread.run { () throws(OAuthError) -> Credentials in
            try slow.signIn(email: "ann@example.com", prompt: OAuthTestPrompt(browser: .none))
        }
        #expect(timedOut.oauthFailure == .timedOut(seconds: 0))
    }

    @Test("a code Google no longer accepts: needsLogin, nothing saved")
    func codeRefused() async throws {
        let folder = try OAuthTemporaryFolder()
        let transport = TokenTestTransport([.tokenJSON(400, #"{"error":"invalid_grant","error_description":"Malformed auth code."}"#)])
        let flow = flow(transport, folder)
        let result = await OAuthTestThread.run { () throws(OAuthError) -> Credentials in
            try flow.signIn(email: "ann@example.com", prompt: OAuthTestPrompt(browser: .redirects("c")))
        }
        guard case .token(.needsLogin(let message))? = result.oauthFailure else {
            Issue.record("\(result)")
            return
        }
        #expect(message == "Google did not accept the sign-in code: malformed auth code; run `rapport account add ann@example.com` again")
        #expect(try flow.store.list().isEmpty)
    }

    @Test("--refresh-token-file: one refresh proves the token, then it is saved")
    func adoptRefreshToken() throws {
        let folder = try OAuthTemporaryFolder()
        let transport = TokenTestTransport([.tokenJSON(200, TokenTestTransport.refreshResponse),
                                            .tokenJSON(400, TokenTestTransport.invalidGrantResponse)])
        let flow = flow(transport, folder)
        let credentials = try flow.adopt(refreshToken: "1//0g-from-file\n", email: "ann@example.com")
        #expect(credentials.refreshToken == "1//0g-from-file")
        #expect(credentials.accessToken == "ya29.a0Af_EXAMPLE2")
        #expect(try flow.store.load("ann@example.com") == credentials)
        #expect(transport.requests.first?.oauthForm["refresh_token"] == "1//0g-from-file")

        #expect(throws: OAuthError.self) { try flow.adopt(refreshToken: "1//0g-dead", email: "bob@example.com") }
        #expect(try flow.store.list() == ["ann@example.com"])
        #expect(throws: OAuthError.token(.invalidConfiguration("the refresh token file is empty"))) {
            try flow.adopt(refreshToken: " \n", email: "bob@example.com")
        }
    }

    @Test("same mailbox: case everywhere; dots, +tags and googlemail.com only for Gmail addresses")
    func sameMailbox() {
        #expect(OAuthFlow.sameMailbox("Ann@Example.com", "ann@example.com"))
        #expect(OAuthFlow.sameMailbox("ann.lee@gmail.com", "AnnLee+crm@googlemail.com"))
        #expect(!OAuthFlow.sameMailbox("ann.lee@example.com", "annlee@example.com"))
        #expect(!OAuthFlow.sameMailbox("bob@example.com", "ann@example.com"))
    }
}

/// A person at a terminal: a browser that follows the link (or not), and lines they paste.
final class OAuthTestPrompt: OAuthPrompt {
    enum Browser: Sendable {
        /// No browser here (SSH): nothing comes back to the listener.
        case none
        /// The consent page redirects to the listener with this code and the right state.
        case redirects(String)
        /// The person clicks Cancel.
        case denies
    }

    typealias Paste = @Sendable (_ state: String, _ redirectURI: String) -> String

    private let browser: Browser
    private let onPresent: @Sendable () -> Void
    private let state: Mutex<(pastes: [Paste], url: URL?, redirect: String, notices: [String],
                              page: String?, readerStopped: Bool)>

    init(browser: Browser, pastes: [Paste] = [], onPresent: @escaping @Sendable () -> Void = {}) {
        self.browser = browser
        self.onPresent = onPresent
        state = Mutex((pastes, nil, "", [], nil, false))
    }

    var redirectURI: String { state.withLock { $0.redirect } }
    var notices: [String] { state.withLock { $0.notices } }
    var browserPage: String? { state.withLock { $0.page } }
    var authorizationFields: [String: String]? {
        state.withLock { $0.url }.flatMap { $0.query }.map { URLEncoding.fields($0) }
    }

    func present(authorizationURL: URL, redirectURI: String) {
        state.withLock {
            $0.url = authorizationURL
            $0.redirect = redirectURI
        }
        onPresent()
        let fields = URLEncoding.fields(authorizationURL.query ?? "")
        let query: String
        switch browser {
        case .none: return
        case .redirects(let code): query = "code=\(code)&state=\(fields["state"] ?? "")&scope=x"
        case .denies: query = "error=access_denied&state=\(fields["state"] ?? "")"
        }
        let task = URLSession.shared.dataTask(with: URL(string: redirectURI + "/?" + query)!) { [self] data, _, _ in
            self.state.withLock { $0.page = data.map { String(decoding: $0, as: UTF8.self) } }
        }
        task.resume()
    }

    func readPastedLine(cancellation: OAuthCancellation) -> String? {
        let next = state.withLock { state -> String? in
            guard !state.pastes.isEmpty, let url = state.url else { return nil }
            let fields = URLEncoding.fields(url.query ?? "")
            return state.pastes.removeFirst()(fields["state"] ?? "", state.redirect)
        }
        if let next { return next }
        while !cancellation.isCancelled { Thread.sleep(forTimeInterval: 0.01) }
        state.withLock { $0.readerStopped = true }
        return nil
    }

    func notice(_ message: String) {
        state.withLock { $0.notices.append(message) }
    }

    /// The page the browser got, waiting up to two seconds for it.
    func waitForBrowserPage() -> String? {
        for _ in 0..<200 {
            if let page = browserPage { return page }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return nil
    }

    /// Whether the paste reader saw its cancellation within two seconds.
    func waitForPasteReaderToStop() -> Bool {
        for _ in 0..<200 {
            if state.withLock({ $0.readerStopped }) { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }
}

extension Result {
    var oauthFailure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

@Suite("No OAuth value dumps a secret")
struct OAuthDumpTests {
    @Test("dump of the endpoint, the token manager, the flow and the receiver shows no secret")
    func dumpsHideSecrets() throws {
        let credentials = Credentials(email: "ann@example.com", clientID: "client-1", clientSecret: "GOCSPX-SECRET",
                                      refreshToken: "1//REFRESH-SECRET", accessToken: "ya29.ACCESS-SECRET",
                                      accessTokenExpiresAt: Date(timeIntervalSince1970: 1_800_000_000))
        let transport = TokenTestTransport([])
        let manager = TokenManager(credentials: credentials, store: nil, transport: transport)
        let endpoint = TokenEndpoint(credentials: credentials, transport: transport)
        let flow = OAuthFlow(configuration: OAuthConfiguration(clientID: "client-1", clientSecret: "GOCSPX-SECRET"),
                             transport: transport, store: CredentialStore(folder: "/nonexistent"))
        let receiver = try LoopbackRedirectReceiver(expectedState: "STATE-SECRET")
        receiver.finish(.success("CODE-SECRET"))
        defer { receiver.stop() }
        let values: [Any] = [manager, endpoint, flow, receiver]
        for value in values {
            var dumped = ""
            dump(value, to: &dumped)
            for text in [dumped, String(describing: value), String(reflecting: value)] {
                for secret in ["GOCSPX-SECRET", "REFRESH-SECRET", "ACCESS-SECRET", "CODE-SECRET", "STATE-SECRET"] {
                    #expect(!text.contains(secret), "\(type(of: value)): \(text)")
                }
            }
        }
    }
}

import Foundation
@testable import GmailAPI
import Synchronization
import Testing

@Suite("TokenManager: cached tokens, refreshes, and dead refresh tokens")
struct TokenManagerTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    func credentials(expiresIn seconds: TimeInterval) -> Credentials {
        Credentials(email: "ann@example.com", clientID: "client-1", clientSecret: "GOCSPX-secret",
                    refreshToken: "1//0g-old", accessToken: "ya29.cached",
                    accessTokenExpiresAt: start.addingTimeInterval(seconds),
                    tokenURL: URL(string: "http://127.0.0.1:9/token")!)
    }

    @Test("the cached token is used while more than 60 s are left, then refreshed and saved")
    func refreshBeforeExpiry() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path)
        try store.save(credentials(expiresIn: 120))
        let clock = OAuthTestClock(start)
        let transport = TokenTestTransport([.tokenJSON(200, TokenTestTransport.refreshResponse)])
        let manager = TokenManager(credentials: credentials(expiresIn: 120), store: store, transport: transport, now: clock.now)

        #expect(try manager.accessToken() == "ya29.cached")
        clock.advance(59)  // 61 s left
        #expect(try manager.accessToken() == "ya29.cached")
        #expect(transport.requests.isEmpty)

        clock.advance(1)  // 60 s left: too close
        #expect(try manager.accessToken() == "ya29.a0Af_EXAMPLE2")
        #expect(transport.requests.count == 1)
        #expect(transport.requests.first?.oauthForm["refresh_token"] == "1//0g-old")
        #expect(transport.requests.first?.url.absoluteString == "http://127.0.0.1:9/token")

        let saved = try #require(try store.load("ann@example.com"))
        #expect(saved.accessToken == "ya29.a0Af_EXAMPLE2")
        #expect(saved.accessTokenExpiresAt == clock.now().addingTimeInterval(3599))
        #expect(saved.refreshToken == "1//0g-old")

        #expect(try manager.accessToken() == "ya29.a0Af_EXAMPLE2")
        #expect(transport.requests.count == 1)
    }

    @Test("after a 401 a refresh is forced even though the cached token looks valid")
    func forcedRefresh() throws {
        let transport = TokenTestTransport([.tokenJSON(200, TokenTestTransport.refreshResponse)])
        let clock = OAuthTestClock(start)
        let manager = TokenManager(credentials: credentials(expiresIn: 3000), store: nil, transport: transport, now: clock.now)
        #expect(try manager.accessToken() == "ya29.cached")
        #expect(try manager.refreshedAccessToken() == "ya29.a0Af_EXAMPLE2")
        #expect(try manager.accessToken() == "ya29.a0Af_EXAMPLE2")
        #expect(transport.requests.count == 1)
    }

    @Test("invalid_grant: needsLogin, remembered without calling Google again, until a new sign-in is saved")
    func invalidGrantOnce() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path)
        try store.save(credentials(expiresIn: -10))
        let transport = TokenTestTransport([
            .tokenJSON(400, TokenTestTransport.invalidGrantResponse),
            .tokenJSON(200, TokenTestTransport.refreshResponse),
        ])
        let manager = TokenManager(credentials: credentials(expiresIn: -10), store: store, transport: transport,
                                   now: OAuthTestClock(start).now)
        let first = #expect(throws: GmailError.self) { try manager.accessToken() }
        guard case .needsLogin(let message) = first else { Issue.record("\(String(describing: first))"); return }
        #expect(message.contains("rapport account add ann@example.com"))
        #expect(throws: first!) { try manager.accessToken() }
        #expect(throws: first!) { try manager.refreshedAccessToken() }
        #expect(transport.requests.count == 1)

        // `rapport account add` in another process writes a new refresh token.
        var renewed = credentials(expiresIn: -10)
        renewed.refreshToken = "1//0g-new"
        try store.save(renewed)
        #expect(try manager.accessToken() == "ya29.a0Af_EXAMPLE2")
        #expect(transport.requests.last?.oauthForm["refresh_token"] == "1//0g-new")
    }

    @Test("a rotated refresh token replaces the old one, in memory and on disk")
    func rotatedRefreshToken() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path)
        try store.save(credentials(expiresIn: 0))
        let rotated = #"{"access_token":"ya29.rotated","expires_in":3599,"refresh_token":"1//0g-rotated","token_type":"Bearer"}"#
        let transport = TokenTestTransport([.tokenJSON(200, rotated), .tokenJSON(200, TokenTestTransport.refreshResponse)])
        let manager = TokenManager(credentials: credentials(expiresIn: 0), store: store, transport: transport,
                                   now: OAuthTestClock(start).now)
        #expect(try manager.accessToken() == "ya29.rotated")
        #expect(try store.load("ann@example.com")?.refreshToken == "1//0g-rotated")
        #expect(manager.credentials.refreshToken == "1//0g-rotated")
        _ = try manager.refreshedAccessToken()
        #expect(transport.requests.last?.oauthForm["refresh_token"] == "1//0g-rotated")
        #expect(try store.load("ann@example.com")?.refreshToken == "1//0g-rotated")
    }

    @Test("a token another process already refreshed is taken from the store instead of refreshing again")
    func tokenFromAnotherProcess() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path)
        var fresher = credentials(expiresIn: 3000)
        fresher.accessToken = "ya29.from-the-daemon"
        try store.save(fresher)
        let transport = TokenTestTransport([])
        let manager = TokenManager(credentials: credentials(expiresIn: 10), store: store, transport: transport,
                                   now: OAuthTestClock(start).now)
        #expect(try manager.accessToken() == "ya29.from-the-daemon")
        #expect(transport.requests.isEmpty)
    }

    @Test("a mailbox whose credentials were removed is not brought back by a refresh")
    func removedMailbox() throws {
        let folder = try OAuthTemporaryFolder()
        let store = CredentialStore(folder: folder.path)
        let transport = TokenTestTransport([.tokenJSON(200, TokenTestTransport.refreshResponse)])
        let manager = TokenManager(credentials: credentials(expiresIn: 0), store: store, transport: transport,
                                   now: OAuthTestClock(start).now)
        let error = #expect(throws: GmailError.self) { try manager.accessToken() }
        guard case .needsLogin = error else { Issue.record("\(String(describing: error))"); return }
        #expect(transport.requests.isEmpty)
        #expect(try store.list().isEmpty)
    }

    @Test("a temporary failure is not remembered: the next call tries again")
    func temporaryFailure() throws {
        let transport = TokenTestTransport([.tokenJSON(503, ""), .tokenJSON(200, TokenTestTransport.refreshResponse)])
        let manager = TokenManager(credentials: credentials(expiresIn: 0), store: nil, transport: transport,
                                   now: OAuthTestClock(start).now)
        #expect(throws: GmailError.temporary("the token endpoint answered HTTP 503")) { try manager.accessToken() }
        #expect(try manager.accessToken() == "ya29.a0Af_EXAMPLE2")
    }

    @Test("eight threads asking at once for an expired token cause one refresh")
    func oneRefreshForManyThreads() throws {
        let transport = TokenTestTransport([.tokenJSON(200, TokenTestTransport.refreshResponse)], delay: 0.05)
        let manager = TokenManager(credentials: credentials(expiresIn: 0), store: nil, transport: transport,
                                   now: OAuthTestClock(start).now)
        let tokens = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let token = (try? manager.accessToken()) ?? "failed"
            tokens.withLock { $0.append(token) }
        }
        #expect(tokens.withLock { $0 } == Array(repeating: "ya29.a0Af_EXAMPLE2", count: 8))
        #expect(transport.requests.count == 1)
    }
}

/// A clock tests move by hand.
final class OAuthTestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: @Sendable () -> Date { { [self] in current.withLock { $0 } } }

    func advance(_ seconds: TimeInterval) { current.withLock { $0.addTimeInterval(seconds) } }
}

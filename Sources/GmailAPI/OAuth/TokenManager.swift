import Foundation
import Synchronization

/// Gives the Gmail client an access token for one mailbox, refreshing it through the token
/// endpoint when less than a minute is left, and keeping the credentials file up to date.
///
/// Thread-safe: one lock guards the credentials, and a refresh happens under it, so callers on
/// several threads cause one refresh, not several. With a store, the file is the source of
/// truth: before refreshing, the manager re-reads it and uses a token another process already
/// refreshed, or a refresh token a new `rapport account add` wrote. After `invalid_grant` it
/// answers `.needsLogin` without calling Google again until the file holds a new refresh token.
public final class TokenManager: AccessTokenProvider, Sendable {
    /// Refresh when the token has this many seconds left, or fewer.
    public static let refreshMargin: TimeInterval = 60

    /// The mailbox whose tokens this manages.
    public let email: String
    private let store: CredentialStore?
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date
    private let warn: @Sendable (String) -> Void
    private let state: Mutex<State>

    private struct State {
        var credentials: Credentials
        /// The refresh token Google refused, and the error to repeat while it is the one we hold.
        var refusedRefreshToken: String?
        var refusal: GmailError?
    }

    /// - Parameters:
    ///   - store: where to read newer credentials from and save refreshed ones; nil keeps
    ///     everything in memory (a sign-in being verified, tests).
    ///   - now: the clock.
    ///   - warn: hears problems that do not stop the token from working (a refreshed token that
    ///     could not be saved). Messages hold no token or address.
    public init(credentials: Credentials, store: CredentialStore?, transport: any HTTPTransport,
                now: @escaping @Sendable () -> Date = { Date() },
                warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.email = credentials.email
        self.store = store
        self.transport = transport
        self.now = now
        self.warn = warn
        self.state = Mutex(State(credentials: credentials))
    }

    /// The credentials as they stand (secrets included: handle with care).
    public var credentials: Credentials { state.withLock { $0.credentials } }

    /// The cached token while it has more than a minute left; otherwise a refreshed one.
    public func accessToken() throws(GmailError) -> String {
        try state.withLock { (state: inout State) throws(GmailError) -> String in
            if state.refusal == nil, let token = state.credentials.validAccessToken(at: now(), margin: Self.refreshMargin) {
                return token
            }
            try adoptStored(&state, acceptingAccessToken: true)
            if let token = state.credentials.validAccessToken(at: now(), margin: Self.refreshMargin) {
                return token
            }
            return try refresh(&state)
        }
    }

    /// A new token even if the cached one looks valid (Gmail answered 401 to it).
    public func refreshedAccessToken() throws(GmailError) -> String {
        try state.withLock { (state: inout State) throws(GmailError) -> String in
            try adoptStored(&state, acceptingAccessToken: false)
            return try refresh(&state)
        }
    }

    // MARK: - Under the lock

    /// Takes what the store holds, if anything newer; throws the remembered refusal while the
    /// refused refresh token is still the current one.
    private func adoptStored(_ state: inout State, acceptingAccessToken: Bool) throws(GmailError) {
        if let store {
            let stored: Credentials?
            do {
                stored = try store.load(email)
            } catch {
                throw .invalidConfiguration(error.description)
            }
            guard let stored else {
                throw .needsLogin("Rapport holds no sign-in for \(email) any more; run `rapport account add \(email)` to connect it again")
            }
            if stored.refreshToken != state.credentials.refreshToken {
                state.credentials = stored
            } else if acceptingAccessToken, stored.validAccessToken(at: now(), margin: Self.refreshMargin) != nil {
                state.credentials.accessToken = stored.accessToken
                state.credentials.accessTokenExpiresAt = stored.accessTokenExpiresAt
            }
        }
        if let refused = state.refusedRefreshToken, let refusal = state.refusal {
            guard refused != state.credentials.refreshToken else { throw refusal }
            state.refusedRefreshToken = nil
            state.refusal = nil
        }
    }

    private func refresh(_ state: inout State) throws(GmailError) -> String {
        let endpoint = TokenEndpoint(credentials: state.credentials, transport: transport)
        let response: TokenResponse
        do {
            response = try endpoint.refresh(refreshToken: state.credentials.refreshToken, mailbox: email)
        } catch {
            if case .needsLogin = error {
                state.refusedRefreshToken = state.credentials.refreshToken
                state.refusal = error
                state.credentials.accessToken = nil
                state.credentials.accessTokenExpiresAt = nil
            }
            throw error
        }
        state.credentials.accessToken = response.accessToken
        state.credentials.accessTokenExpiresAt = Date(timeIntervalSince1970: (now().timeIntervalSince1970 + response.expiresIn).rounded(.down))
        if let rotated = response.refreshToken { state.credentials.refreshToken = rotated }
        if let scopes = response.scopes { state.credentials.scopes = scopes }
        if let store {
            do {
                try store.save(state.credentials)
            } catch {
                warn("the refreshed access token could not be saved: \(error.description)")
            }
        }
        return response.accessToken
    }
}

extension TokenManager: CustomStringConvertible, CustomReflectable {
    /// The mailbox only.
    public var description: String { "TokenManager(\(email))" }
    public var customMirror: Mirror { Mirror(self, children: ["email": email], displayStyle: .class) }
}

import Foundation

/// `rapport account add`: signs a mailbox in through the browser (or takes a refresh token),
/// checks what Google granted, and saves the credentials (mode 0600).
///
/// Interactive sign-in races two paths to one code: the browser reaching the loopback listener,
/// and the person pasting the address their browser failed to load (SSH). Whichever brings a
/// code with the right state first wins; the other is cancelled.
public struct OAuthFlow: Sendable {
    /// Asks Gmail who the mailbox is (users.getProfile) with the new tokens, returning its address.
    public typealias AccountVerifier = @Sendable (any AccessTokenProvider) throws(GmailError) -> String

    public var configuration: OAuthConfiguration
    public let transport: any HTTPTransport
    public let store: CredentialStore
    /// Seconds to wait for the person to finish in the browser.
    public var timeout: TimeInterval
    public let now: @Sendable () -> Date

    public init(configuration: OAuthConfiguration, transport: any HTTPTransport, store: CredentialStore,
                timeout: TimeInterval = 600, now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.transport = transport
        self.store = store
        self.timeout = timeout
        self.now = now
    }

    /// Interactive sign-in for `email`: PKCE, loopback redirect or pasted address, code exchange,
    /// scope check, optional account check, save. `apiBase` is stored for non-Google servers.
    /// Cancelling `cancellation` (Ctrl-C) ends the wait with `.cancelled`.
    public func signIn(email: String, apiBase: URL? = nil, prompt: any OAuthPrompt,
                       verifyAccount: AccountVerifier? = nil,
                       cancellation: OAuthCancellation = OAuthCancellation()) throws(OAuthError) -> Credentials {
        try checkAddress(email)
        var configuration = configuration
        if configuration.loginHint == nil { configuration.loginHint = email }

        let state = AuthorizationRequest.randomState()
        let receiver = try LoopbackRedirectReceiver(expectedState: state)
        defer { receiver.stop() }
        let request = AuthorizationRequest(configuration: configuration, redirectURI: receiver.redirectURI, state: state)
        cancellation.onCancel { receiver.cancel() }

        prompt.present(authorizationURL: request.url, redirectURI: request.redirectURI)
        let pasting = OAuthCancellation()
        Thread.detachNewThread {
            Self.readPastes(prompt: prompt, expectedState: state, into: receiver, until: pasting)
        }
        let code: String
        do {
            defer { pasting.cancel() }
            code = try receiver.wait(timeout: timeout)
        }
        guard !cancellation.isCancelled else { throw .cancelled }

        let endpoint = TokenEndpoint(configuration: configuration, transport: transport)
        let response: TokenResponse
        do {
            response = try endpoint.exchange(code: code, verifier: request.pkce.verifier,
                                             redirectURI: request.redirectURI, mailbox: email)
        } catch {
            throw .token(error)
        }
        guard let refreshToken = response.refreshToken else {
            throw .token(.needsLogin("Google sent no refresh token; remove Rapport's access at https://myaccount.google.com/permissions and run rapport account add again"))
        }
        return try finish(email: email, apiBase: apiBase, refreshToken: refreshToken,
                          response: response, verifyAccount: verifyAccount)
    }

    /// Connects `email` with a refresh token obtained elsewhere (`--refresh-token-file`): one
    /// refresh proves it works, then the same checks and save as `signIn`.
    public func adopt(refreshToken: String, email: String, apiBase: URL? = nil,
                      verifyAccount: AccountVerifier? = nil) throws(OAuthError) -> Credentials {
        try checkAddress(email)
        let token = refreshToken.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw .token(.invalidConfiguration("the refresh token file is empty"))
        }
        let response: TokenResponse
        do {
            response = try TokenEndpoint(configuration: configuration, transport: transport)
                .refresh(refreshToken: token, mailbox: email)
        } catch {
            throw .token(error)
        }
        return try finish(email: email, apiBase: apiBase, refreshToken: response.refreshToken ?? token,
                          response: response, verifyAccount: verifyAccount)
    }

    // MARK: - Steps

    private func checkAddress(_ email: String) throws(OAuthError) {
        do {
            _ = try CredentialStore.fileName(for: email)
        } catch {
            throw .store(error)
        }
    }

    private func finish(email: String, apiBase: URL?, refreshToken: String, response: TokenResponse,
                        verifyAccount: AccountVerifier?) throws(OAuthError) -> Credentials {
        let missing = response.missingScopes(of: configuration.scopes)
        guard missing.isEmpty else { throw .missingScopes(missing) }
        var credentials = Credentials(
            email: email, clientID: configuration.clientID, clientSecret: configuration.clientSecret,
            refreshToken: refreshToken, accessToken: response.accessToken,
            accessTokenExpiresAt: Date(timeIntervalSince1970: (now().timeIntervalSince1970 + response.expiresIn).rounded(.down)),
            tokenURL: configuration.tokenURL, apiBase: apiBase,
            scopes: response.scopes ?? configuration.scopes)
        if let verifyAccount {
            // Not saved yet: a refresh during the check stays in memory, and is kept below.
            let tokens = TokenManager(credentials: credentials, store: nil, transport: transport, now: now)
            let address: String
            do {
                address = try verifyAccount(tokens)
            } catch {
                throw .token(error)
            }
            guard Self.sameMailbox(address, email) else { throw .wrongAccount(expected: email) }
            credentials = tokens.credentials
        }
        do {
            try store.save(credentials)
        } catch {
            throw .store(error)
        }
        return credentials
    }

    /// Reads pasted lines until one decides or pasting is cancelled. A paste with another
    /// attempt's state, or with no code, is refused with a notice and the wait goes on (the
    /// browser may still come back); an error from Google (access denied) ends the sign-in.
    private static func readPastes(prompt: any OAuthPrompt, expectedState: String,
                                   into receiver: LoopbackRedirectReceiver, until pasting: OAuthCancellation) {
        while !pasting.isCancelled, let line = prompt.readPastedLine(cancellation: pasting) {
            guard !pasting.isCancelled else { return }
            if line.allSatisfy(\.isWhitespace) { continue }
            do throws(OAuthError) {
                let code = try PastedRedirect.parse(line).code(expectingState: expectedState)
                receiver.finish(.success(code))
                return
            } catch .stateMismatch {
                prompt.notice("that address belongs to another sign-in attempt (its state does not match), so Rapport did not use it; paste the address from this attempt's link")
            } catch .unreadableRedirect(let why) {
                prompt.notice(why)
            } catch {
                receiver.finish(.failure(error))
                return
            }
        }
    }

    /// Whether Gmail's address for the account is the mailbox asked for: equal ignoring case;
    /// for gmail.com (and googlemail.com) also ignoring dots and a `+tag` in the local part.
    static func sameMailbox(_ reported: String, _ requested: String) -> Bool {
        func canonical(_ address: String) -> String {
            let lowered = address.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard let at = lowered.lastIndex(of: "@") else { return lowered }
            var local = String(lowered[..<at])
            var domain = String(lowered[lowered.index(after: at)...])
            if domain == "googlemail.com" { domain = "gmail.com" }
            if domain == "gmail.com" {
                if let plus = local.firstIndex(of: "+") { local = String(local[..<plus]) }
                local.removeAll { $0 == "." }
            }
            return local + "@" + domain
        }
        return canonical(reported) == canonical(requested)
    }
}

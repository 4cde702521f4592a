import Foundation

/// Scripted set-up of credentials, and fault injection.
extension GmailSimulator {
    // MARK: - Credentials

    /// Issues a refresh token for an account (made when missing), as if the user had consented, so a
    /// test or `rapport account add --refresh-token-file` can skip the browser. The client must then
    /// refresh with this client id and secret (by default the configured ones; other values register
    /// another client).
    public func issueRefreshToken(for email: String, clientID: String? = nil, clientSecret: String? = nil,
                                  scopes: [String]? = nil) -> String {
        state.withLock { state in
            let key = state.ensureMailbox(email)
            let client = clientID ?? state.configuration.clientID
            if let clientSecret, client != state.configuration.clientID {
                state.extraClients[client] = clientSecret
            }
            let token = "1//sim-" + state.token(40)
            state.refreshTokens[token] = RefreshGrant(account: key, clientID: client,
                                                      scopes: scopes ?? state.configuration.defaultScopes)
            return token
        }
    }

    /// Issues an access token directly (for tests that skip OAuth), valid for the configured lifetime.
    public func issueAccessToken(for email: String, scopes: [String]? = nil) -> String {
        state.withLock { state in
            let key = state.ensureMailbox(email)
            return state.issueAccessToken(account: key, clientID: state.configuration.clientID,
                                          scopes: scopes ?? state.configuration.defaultScopes)
        }
    }

    /// Makes every access token issued so far expired: the next call with one gets 401 `authError`.
    public func expireAccessTokens() {
        state.withLock { state in
            let past = Date(timeIntervalSince1970: 0)
            for token in state.accessTokens.keys { state.accessTokens[token]!.expires = past }
        }
    }

    /// While on, refreshing (or exchanging a code) for the account answers 400 `invalid_grant`
    /// "Token has been expired or revoked.", as after a password change or revocation.
    public func setInvalidGrant(_ on: Bool, for email: String) {
        state.withLock { state in
            if on { state.invalidGrant.insert(email.lowercased()) } else { state.invalidGrant.remove(email.lowercased()) }
        }
    }

    // MARK: - Faults

    /// Makes the next `count` calls of `method` (nil: of any Gmail method) fail with `fault`,
    /// optionally only for one account. Faults queue up: the first matching one is used first.
    public func failNext(_ method: APIMethod?, count: Int = 1, with fault: ScriptedFault = .backendError,
                         account: String? = nil) {
        guard count > 0 else { return }
        state.withLock { state in
            state.faults.append(PendingFault(method: method, account: account?.lowercased(), remaining: count,
                                             fault: fault))
        }
    }

    /// Makes the next `count` calls of `method` fail with this status, reason and message.
    /// `retryAfter` adds a `Retry-After` header (`.header`) or rewrites the message to "User-rate
    /// limit exceeded.  Retry after <ISO 8601>" (`.message`).
    public func failNext(method: APIMethod?, count: Int = 1, status: Int, reason: String,
                         message: String? = nil, retryAfter: ScriptedRetryAfter? = nil) {
        var fault = ScriptedFault(status: status, reason: reason, message: message ?? HTTPReason.defaultMessage(status))
        switch retryAfter {
        case .header(let seconds): fault.retryAfterHeader = seconds
        case .message(let seconds): fault.retryAfterInMessage = seconds
        case nil: break
        }
        failNext(method, count: count, with: fault)
    }

    /// Drops every queued fault.
    public func clearFaults() {
        state.withLock { $0.faults.removeAll() }
    }

    /// Empties an account's quota bucket: the next charged call fails with the quota error.
    public func drainQuota(for email: String) {
        state.withLock { $0.mailboxes[email.lowercased()]?.quota.drain() }
    }
}

enum HTTPReason {
    static func defaultMessage(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Invalid Credentials"
        case 403: return "Forbidden"
        case 404: return "Requested entity was not found."
        case 429: return "Resource has been exhausted (e.g. check quota)."
        case 503: return "The service is currently unavailable."
        default: return "Backend Error"
        }
    }
}

extension SimulatorState {
    mutating func issueAccessToken(account: String, clientID: String, scopes: [String]) -> String {
        let token = "ya29.sim-" + token(48)
        accessTokens[token] = AccessGrant(account: account,
                                          expires: Date().addingTimeInterval(configuration.accessTokenLifetime),
                                          scopes: scopes, clientID: clientID)
        return token
    }
}

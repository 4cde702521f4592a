import LoopbackHTTP

/// What Google's consent page sent back to the redirect URI: a code or an error, with the state.
public struct AuthorizationRedirect: Sendable, Equatable {
    /// The two answers the consent page gives.
    public enum Outcome: Sendable, Equatable {
        /// The one-time authorization code.
        case code(String)
        /// An OAuth error code such as `access_denied`.
        case error(String)
    }

    /// The state echoed back; nil when absent.
    public let state: String?
    public let outcome: Outcome

    public init(state: String?, outcome: Outcome) {
        self.state = state
        self.outcome = outcome
    }

    /// Reads a query string (without `?`); nil when it holds neither `code` nor `error`.
    public init?(query: some StringProtocol) {
        let fields = URLEncoding.fields(query)
        if let error = fields["error"] {
            outcome = .error(error)
        } else if let code = fields["code"], !code.isEmpty {
            outcome = .code(code)
        } else {
            return nil
        }
        state = fields["state"]
    }

    /// The code, once the state is checked, first, against the one this attempt sent.
    public func code(expectingState expected: String) throws(OAuthError) -> String {
        guard let state, constantTimeEquals(state, expected) else { throw .stateMismatch }
        switch outcome {
        case .code(let code):
            return code
        case .error("access_denied"):
            throw .accessDenied
        case .error(let error):
            throw .authorizationFailed(Self.printable(error))
        }
    }

    /// An error code as Google spells them (letters, digits, `_`), anything else dropped.
    private static func printable(_ code: String) -> String {
        let kept = code.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
        return kept.isEmpty ? "unknown error" : String(String.UnicodeScalarView(kept.prefix(64)))
    }
}

extension AuthorizationRedirect: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The outcome without the code itself.
    public var description: String {
        switch outcome {
        case .code: return "AuthorizationRedirect(code: <redacted>)"
        case .error(let error): return "AuthorizationRedirect(error: \(error))"
        }
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["outcome": description], displayStyle: .struct) }
}

/// Compares two strings without stopping at the first difference.
func constantTimeEquals(_ left: String, _ right: String) -> Bool {
    let a = Array(left.utf8)
    let b = Array(right.utf8)
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
}

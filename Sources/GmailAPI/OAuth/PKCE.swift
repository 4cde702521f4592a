import LoopbackHTTP
import MailFormat

/// A PKCE pair (RFC 7636): the secret verifier Rapport keeps and the S256 challenge it sends.
public struct PKCE: Sendable, Equatable {
    /// 43–128 unreserved characters; sent only with the code exchange.
    public let verifier: String
    /// BASE64URL(SHA256(verifier)) without padding; sent with the authorization request.
    public let challenge: String
    /// Always "S256"; Rapport never sends the plain method.
    public var method: String { "S256" }

    /// A pair for a given verifier; nil unless it is 43–128 unreserved characters.
    public init?(verifier: String) {
        let bytes = Array(verifier.utf8)
        guard (43...128).contains(bytes.count), bytes.allSatisfy(URLEncoding.isUnreserved) else { return nil }
        self.verifier = verifier
        self.challenge = PKCE.challenge(for: verifier)
    }

    /// A fresh pair with a random verifier of `length` characters (clamped to 43…128).
    public static func random(length: Int = 64) -> PKCE {
        var generator = SystemRandomNumberGenerator()
        return random(length: length, using: &generator)
    }

    /// A pair whose verifier comes from `generator` (tests pass a seeded one).
    public static func random(length: Int = 64, using generator: inout some RandomNumberGenerator) -> PKCE {
        let verifier = RandomText.unreserved(count: min(max(length, 43), 128), using: &generator)
        return PKCE(verifier: verifier)!
    }

    /// The S256 challenge of a verifier: base64url of its SHA-256, padding removed.
    public static func challenge(for verifier: String) -> String {
        Base64.encodeURLSafe(SHA256.digest(Array(verifier.utf8)), padded: false)
    }
}

extension PKCE: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The challenge only; the verifier is a secret until the code is exchanged.
    public var description: String { "PKCE(S256, challenge: \(challenge))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["verifier": "<redacted>", "challenge": challenge], displayStyle: .struct)
    }
}

/// Random strings over RFC 3986's unreserved characters, safe in any URL or form.
enum RandomText {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    static func unreserved(count: Int, using generator: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// 32 characters (about 190 bits) from the system generator.
    static func state() -> String {
        var generator = SystemRandomNumberGenerator()
        return unreserved(count: 32, using: &generator)
    }
}

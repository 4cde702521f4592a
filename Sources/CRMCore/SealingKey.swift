/// A person's own secret for sealing the mail they queue (`OutboxSeal`): 32 random bytes kept in
/// their credentials folder, readable by them alone. Never stored in the database, printed or
/// logged; `description`, `debugDescription` and `dump` show no byte of it.
public struct SealingKey: Sendable {
    /// How many bytes a key has (the size of an HMAC-SHA256 output, as RFC 2104 advises).
    public static let length = 32

    let bytes: [UInt8]

    /// A key of exactly `length` bytes; nil otherwise.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.length else { return nil }
        self.bytes = bytes
    }

    /// The seal of `content` under this key.
    public func seal(_ content: OutboxSeal) -> [UInt8] {
        HMAC.sha256(key: bytes, message: content.encoded)
    }

    /// Why `seal` (as stored, nil when there is none) does not vouch for `content` under this key;
    /// nil when it does: a seal of the current version, or of version 1 where that can vouch for
    /// the content (`OutboxSeal.encodedVersion1`). Compared in constant time.
    public func problem(with seal: [UInt8]?, for content: OutboxSeal) -> OutboxSeal.Problem? {
        guard let seal, !seal.isEmpty else { return .missing }
        if HMAC.constantTimeEqual(seal, self.seal(content)) { return nil }
        if let version1 = content.encodedVersion1, HMAC.constantTimeEqual(seal, HMAC.sha256(key: bytes, message: version1)) {
            return nil
        }
        return .mismatch
    }
}

extension SealingKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "SealingKey(<redacted>)" }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: []) }
}

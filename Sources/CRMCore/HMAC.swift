import MailFormat

/// HMAC-SHA256 (RFC 2104 with FIPS 180-4's SHA-256), the MAC that seals queued mail (`OutboxSeal`).
public enum HMAC {
    /// SHA-256 works on 64-byte blocks; longer keys are hashed first, shorter ones padded with zeros.
    static let blockSize = 64

    /// The 32-byte HMAC-SHA256 of `message` under `key`.
    public static func sha256(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        var block = key.count > blockSize ? SHA256.digest(key) : Array(key)
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// Whether `a` and `b` hold the same bytes, in a time that depends only on their lengths (a MAC
    /// compared byte by byte, stopping at the first difference, tells an attacker how much was right).
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

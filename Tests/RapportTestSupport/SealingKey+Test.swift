import CRMCore

extension SealingKey {
    /// The key the fixtures' people seal their mail with, and their senders check it with.
    public static let test = SealingKey(bytes: (0..<UInt8(SealingKey.length)).map { $0 &* 7 &+ 1 })!
    /// Another person's key (a teammate, an admin): mail it seals is not the fixtures' people's.
    public static let teammate = SealingKey(bytes: (0..<UInt8(SealingKey.length)).map { $0 &* 11 &+ 3 })!
}

import CRMCore

extension SealingKey {
    /// The key the benchmarks' authors seal with (one OS user, a made-up key: it guards nothing here).
    static let benchmark = SealingKey(bytes: [UInt8](repeating: 0x5A, count: SealingKey.length))!
}

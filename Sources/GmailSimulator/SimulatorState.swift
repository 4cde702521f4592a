import DeterministicRandom
import Foundation
import LoopbackHTTP

/// Everything a simulator knows, behind its one lock.
struct SimulatorState: Sendable {
    var configuration: SimulatorConfiguration
    var random: SeededRandom
    /// Mailboxes by lower-cased address.
    var mailboxes: [String: SimulatedMailbox] = [:]
    /// Lower-cased addresses in the order the accounts were added.
    var accountOrder: [String] = []
    private var lastMessageID: UInt64
    var accessTokens: [String: AccessGrant] = [:]
    var refreshTokens: [String: RefreshGrant] = [:]
    var codes: [String: AuthorizationCode] = [:]
    /// Extra OAuth clients registered by `issueRefreshToken(clientID:clientSecret:)`: id → secret.
    var extraClients: [String: String] = [:]
    /// Accounts whose refresh tokens answer `invalid_grant`.
    var invalidGrant: Set<String> = []
    var faults: [PendingFault] = []
    var log: [RequestLogEntry] = []
    var server: LoopbackServer?

    static let logLimit = 200_000

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        random = SeededRandom(seed: configuration.seed)
        // Gmail ids are 16 hex digits that grow with time.
        lastMessageID = 0x18F3_A000_0000_0000 + random.next() % 0x1_0000_0000
    }

    /// A new 16-hex-digit message id, larger than every earlier one.
    mutating func newMessageID() -> String {
        lastMessageID += 1 + random.next() % 0xFFFF
        let hex = String(lastMessageID, radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }

    /// Makes the next message id larger than `id`.
    mutating func raiseMessageIDs(above id: UInt64) {
        lastMessageID = max(lastMessageID, id)
    }

    /// A random token body: `count` characters from the base64url alphabet.
    mutating func token(_ count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return String((0..<count).map { _ in alphabet[Int(random.next() % 64)] })
    }

    /// Makes the mailbox for `email` when missing; returns its key.
    @discardableResult
    mutating func ensureMailbox(_ email: String) -> String {
        let key = email.lowercased()
        if mailboxes[key] == nil {
            mailboxes[key] = SimulatedMailbox(email: email, random: &random, burst: configuration.burstUnits)
            accountOrder.append(key)
        }
        return key
    }

    mutating func append(_ entry: RequestLogEntry) {
        if log.count >= Self.logLimit { log.removeFirst(log.count / 10) }
        log.append(entry)
    }

    /// The secret of OAuth client `id`, when the simulator knows the client.
    func clientSecret(for id: String) -> String? {
        id == configuration.clientID ? configuration.clientSecret : extraClients[id]
    }

    // MARK: - Mail

    /// Puts a received copy of `content` into mailbox `key` (threaded by Gmail's receiving rule)
    /// and records it; returns the new id.
    mutating func receive(_ content: MessageContent, into key: String, labels: [String], internalDate: Int64) -> String {
        let id = newMessageID()
        var mailbox = mailboxes[key]!
        mailboxes[key] = nil
        for label in labels where !SystemLabel.set.contains(label) && !mailbox.isKnownLabel(label) {
            _ = mailbox.ensureUserLabel(label, id: label)
        }
        let thread = mailbox.thread(for: content) ?? id
        _ = mailbox.insert(id: id, content: content, labels: labels, internalDate: internalDate, threadID: thread,
                           random: &random, retention: configuration.historyRetention)
        mailboxes[key] = mailbox
        return id
    }

    /// Runs `change` on mailbox `key` with the generator and retention at hand.
    mutating func withMailbox<T>(_ key: String, _ change: (inout SimulatedMailbox, inout SeededRandom, Int?) -> T) -> T? {
        guard var mailbox = mailboxes[key] else { return nil }
        mailboxes[key] = nil
        defer { mailboxes[key] = mailbox }
        return change(&mailbox, &random, configuration.historyRetention)
    }
}

/// An access token the simulator issued.
struct AccessGrant: Sendable {
    let account: String
    var expires: Date
    let scopes: [String]
    let clientID: String
}

/// A refresh token the simulator issued.
struct RefreshGrant: Sendable {
    let account: String
    let clientID: String
    let scopes: [String]
}

/// An authorization code from the consent endpoint, waiting to be exchanged.
struct AuthorizationCode: Sendable {
    let account: String
    let clientID: String
    let redirectURI: String
    let codeChallenge: String
    let scopes: [String]
    let expires: Date
}

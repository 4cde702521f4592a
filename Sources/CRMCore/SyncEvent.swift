import Foundation

/// What background sync tells the UI (or `rapport sync --json-progress`): small values, in order.
public enum SyncEvent: Sendable, Equatable {
    /// `done` of `total` items of one phase of one account's sync.
    case progress(account: String, phase: SyncPhase, done: Int, total: Int)
    /// Rows the UI may be showing changed. The app reads them through the store (`PRAGMA
    /// data_version`), looking at once instead of at its next tick; the `StoreChange` says what, for scripts.
    case storeChanged(StoreChange)
    /// An outgoing email moved to `status`.
    case outboxChanged(id: Int64, status: OutboxStatus)
    /// Something went wrong, said for people.
    case failed(SyncFailure)
    /// The account has nothing left to pull or send for now.
    case caughtUp(account: String)

    /// The event as one JSON object, e.g.
    /// `{"event":"progress","account":"a@x.com","phase":"full","done":3,"total":10}`.
    public var json: JSONValue {
        switch self {
        case let .progress(account, phase, done, total):
            return .object([("event", .string("progress")), ("account", .string(account)),
                            ("phase", .string(phase.rawValue)), ("done", .int(done)), ("total", .int(total))])
        case .storeChanged(let change):
            var members: [(String, JSONValue)] = [("event", .string("store_changed")), ("what", .string(change.name))]
            if let account = change.account { members.append(("account", .string(account))) }
            return .object(members)
        case let .outboxChanged(id, status):
            return .object([("event", .string("outbox")), ("id", .int(id)), ("status", .string(status.rawValue))])
        case .failed(let failure):
            var members: [(String, JSONValue)] = [("event", .string("failed")), ("account", .string(failure.account)),
                                                  ("kind", .string(failure.kind.rawValue)),
                                                  ("message", .string(failure.message))]
            if let retryAt = failure.retryAt { members.append(("retry_at", .string(ISODate.format(retryAt)))) }
            return .object(members)
        case .caughtUp(let account):
            return .object([("event", .string("caught_up")), ("account", .string(account))])
        }
    }

    /// `json` rendered compactly on one line, without the newline: one line of `--json-progress`.
    public var jsonLine: String { json.rendered(pretty: false) }
}

/// Which part of a sync a progress event counts.
public enum SyncPhase: String, Sendable, CaseIterable, Hashable {
    /// Listing and fetching the sync window (no cursor yet, or the cursor expired).
    case full
    /// Applying history since the cursor, and fetching what it added.
    case partial
    /// Fetching a new contact's older mail.
    case backfill
    /// Sending due outbox items.
    case send
}

/// Which stored rows changed, so the UI re-queries only what it shows.
public enum StoreChange: Sendable, Hashable {
    /// Incoming mail (and the timelines it feeds) of one account.
    case mail(account: String)
    /// One account's sync state, last sync time or last error.
    case mailbox(account: String)
    /// Outgoing emails.
    case outbox
    /// Contacts (or their addresses).
    case contacts

    /// The `what` of the JSON line.
    public var name: String {
        switch self {
        case .mail: "mail"
        case .mailbox: "mailbox"
        case .outbox: "outbox"
        case .contacts: "contacts"
        }
    }

    /// The account concerned, when the change belongs to one.
    public var account: String? {
        switch self {
        case .mail(let account), .mailbox(let account): account
        case .outbox, .contacts: nil
        }
    }
}

/// A sync problem for people: which account, what kind, and a message that never carries
/// tokens, bodies or other people's addresses.
public struct SyncFailure: Sendable, Equatable {
    /// How the failure should be treated.
    public enum Kind: String, Sendable, CaseIterable, Hashable {
        /// The sign-in is gone (`invalid_grant`, revoked, password changed): run `account add` again.
        case needsLogin = "needs_login"
        /// Gmail asked us to slow down (429, or 403 with a rate reason); sync resumes by itself.
        case rateLimited = "rate_limited"
        /// A network or server error; sync retries by itself.
        case temporary
        /// A scope is missing or an admin blocked the app: consent again or ask the admin.
        case permission
        /// A request Gmail will never accept (bad input, no Gmail service): retrying will not help.
        case permanent
        /// Rapport refused to send (recipient limits) before asking Gmail.
        case sendRefused = "send_refused"
    }

    /// The mailbox's own address.
    public let account: String
    public let kind: Kind
    /// One line for people; control characters become spaces and it is cut at `maximumMessageLength`.
    public let message: String
    /// When sync will try again, if it waits for a known time (e.g. Gmail's "Retry after").
    public let retryAt: Date?

    /// Messages longer than this are cut (with "…") so a runaway error cannot flood a status line.
    public static let maximumMessageLength = 400

    public init(account: String, kind: Kind, message: String, retryAt: Date? = nil) {
        self.account = account
        self.kind = kind
        self.message = Self.cleaned(message)
        self.retryAt = retryAt
    }

    /// Defence in depth for text that reaches terminals and logs: C0/C1 controls and DEL become
    /// spaces, and anything shaped like an OAuth token ("ya29.…", "1//…", after "Bearer ") is
    /// replaced by "[token]". Saying nothing private remains the caller's duty.
    static func cleaned(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            scalars.append(isControl ? " " : scalar)
        }
        var words = String(scalars).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for index in words.indices {
            let word = words[index]
            let afterBearer = index > 0 && words[index - 1].caseInsensitiveCompare("bearer") == .orderedSame
            if (afterBearer && !word.isEmpty) || word.hasPrefix("ya29.") || word.hasPrefix("1//") {
                words[index] = "[token]"
            }
        }
        let joined = words.joined(separator: " ")
        guard joined.count > maximumMessageLength else { return joined }
        return String(joined.prefix(maximumMessageLength - 1)) + "…"
    }
}

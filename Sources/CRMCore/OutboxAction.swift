/// The things people and the sender do to an outgoing email, each one allowed move of the state machine.
public enum OutboxAction: String, Sendable, CaseIterable {
    /// A person sends a draft on its way (`draft → queued`).
    case queue
    /// A person pulls queued mail back to drafts (`queued → draft`).
    case cancel
    /// A person tries a failed email again (`failed → queued`).
    case retry
    /// A person reopens a failed email for editing (`failed → draft`).
    case edit
    /// The sender takes a due email (`queued → sending`).
    case claim
    /// Gmail accepted it (`sending → sent`).
    case markSent
    /// A temporary error: try again later (`sending → queued`).
    case requeue
    /// A permanent error (`sending → failed`).
    case markFail

    /// The one status this action starts from.
    public var source: OutboxStatus {
        switch self {
        case .queue: return .draft
        case .cancel: return .queued
        case .retry, .edit: return .failed
        case .claim: return .queued
        case .markSent, .requeue, .markFail: return .sending
        }
    }

    /// The status this action leads to.
    public var target: OutboxStatus {
        switch self {
        case .queue, .retry, .requeue: return .queued
        case .cancel, .edit: return .draft
        case .claim: return .sending
        case .markSent: return .sent
        case .markFail: return .failed
        }
    }

    /// Whether the action sends the email on its way, so it needs the author's own `SealingKey`:
    /// only the author may take it (an admin's key is not the author's).
    public var needsAuthorsKey: Bool { self == .queue || self == .retry }

    /// Whether the sender takes the action (as the owner of the mailbox the email goes out from).
    public var isSenders: Bool {
        switch self {
        case .claim, .markSent, .requeue, .markFail: return true
        case .queue, .cancel, .retry, .edit: return false
        }
    }

    /// The move this action makes; always one the state machine allows.
    public var move: OutboxMove { OutboxMove(from: source, to: target) }

    /// The move from `current`, or a refusal that says why not and what to do instead.
    public func move(from current: OutboxStatus) -> Result<OutboxMove, OutboxRefusal> {
        if current == source { return .success(move) }
        return .failure(OutboxRefusal(action: self, current: current))
    }
}

/// Why an action cannot be applied to an outgoing email: the action and the status it met. The
/// command line and the app word it (with commands or keys) and say what to do instead.
public struct OutboxRefusal: Error, Sendable, Equatable {
    public let action: OutboxAction
    public let current: OutboxStatus

    public init(action: OutboxAction, current: OutboxStatus) {
        self.action = action
        self.current = current
    }

    /// The email is already where the action would take it ("it is already queued").
    public var isAlreadyThere: Bool { current == action.target }
}

extension OutboxAction {
    /// "queued", "cancelled"… for sentences.
    public var pastTense: String {
        switch self {
        case .queue: return "queued"
        case .cancel: return "cancelled"
        case .retry: return "retried"
        case .edit: return "reopened"
        case .claim: return "claimed for sending"
        case .markSent: return "marked sent"
        case .requeue: return "put back in the queue"
        case .markFail: return "marked failed"
        }
    }
}

extension OutboxAction {
    /// The verb people use: "queue", "cancel", "retry"…
    public var verb: String {
        switch self {
        case .queue, .cancel, .retry, .edit: return rawValue
        case .claim: return "claim"
        case .markSent: return "mark sent"
        case .requeue: return "requeue"
        case .markFail: return "mark failed"
        }
    }
}

/// Where an outgoing email stands: `draft → queued → sending → sent | failed`, plus the ways back.
public enum OutboxStatus: String, Sendable, CaseIterable, Hashable {
    case draft, queued, sending, sent, failed

    /// Every move the state machine allows; anything else is refused.
    public static let allowedMoves: Set<OutboxMove> = [
        OutboxMove(from: .draft, to: .queued),
        OutboxMove(from: .queued, to: .draft),
        OutboxMove(from: .queued, to: .sending),
        OutboxMove(from: .sending, to: .sent),
        OutboxMove(from: .sending, to: .failed),
        OutboxMove(from: .sending, to: .queued),
        OutboxMove(from: .failed, to: .queued),
        OutboxMove(from: .failed, to: .draft),
    ]

    /// Whether the state machine allows moving from this status to `target`.
    public func canMove(to target: OutboxStatus) -> Bool {
        Self.allowedMoves.contains(OutboxMove(from: self, to: target))
    }

    /// Statuses whose emails may be deleted: never queued, sending or sent mail.
    public var isDeletable: Bool { self == .draft || self == .failed }

    /// Statuses whose emails' words and recipients may change: drafts only (queued mail is pulled
    /// back first, failed mail reopened with `OutboxAction.edit`).
    public var isEditable: Bool { self == .draft }
}

/// One step of the outgoing-email state machine.
public struct OutboxMove: Sendable, Hashable, CustomStringConvertible {
    public let from: OutboxStatus
    public let to: OutboxStatus

    public init(from: OutboxStatus, to: OutboxStatus) {
        self.from = from
        self.to = to
    }

    public var description: String { "\(from.rawValue) → \(to.rawValue)" }
}

import Foundation

/// What each Gmail method costs in quota units, and the per-user budget those units come from.
public struct QuotaCostTable: Sendable, Equatable {
    /// Units per method; a method left out costs its legacy price.
    public var costs: [GmailMethod: Int]
    /// How many units one user may spend per minute (per project, under the 2026 model).
    public var userUnitsPerMinute: Int

    public init(costs: [GmailMethod: Int], userUnitsPerMinute: Int) {
        self.costs = costs
        self.userUnitsPerMinute = userUnitsPerMinute
    }

    /// The units one call of `method` costs. A batch of n calls costs n times this.
    public func cost(of method: GmailMethod) -> Int {
        costs[method] ?? Self.legacyCosts[method] ?? 5
    }

    /// The model for Cloud projects that used Gmail before May 2026: 15,000 units per user per minute.
    public static let legacy = QuotaCostTable(costs: legacyCosts, userUnitsPerMinute: 15_000)

    /// The model for Cloud projects created on or after 2026-05-01: 6,000 units per user per
    /// minute, messages.get 20 and threads.get 40.
    ///
    /// Only messages.list (5), messages.get (20), threads.get (40), history.list (2) and
    /// messages.send (100) have known 2026 prices (gmail-api.md §11, from Nylas and Twenty; Google's
    /// own table was not readable). Every other method keeps its legacy price here, which may be too
    /// low: attachments.get in particular may well cost as much as messages.get now.
    public static let y2026: QuotaCostTable = {
        var costs = legacyCosts
        costs[.messagesList] = 5
        costs[.messagesGet] = 20
        costs[.threadsGet] = 40
        costs[.historyList] = 2
        costs[.messagesSend] = 100
        // getProfile: reported as "1?" (unconfirmed); legacy 1 kept.
        return QuotaCostTable(costs: costs, userUnitsPerMinute: 6_000)
    }()

    /// Google's legacy per-method table (gmail-api.md §11); threads.get/list from Nylas.
    private static let legacyCosts: [GmailMethod: Int] = [
        .getProfile: 1,
        .messagesList: 5,
        .messagesGet: 5,
        .attachmentsGet: 5,
        .messagesSend: 100,
        .messagesModify: 5,
        .messagesBatchModify: 50,
        .messagesTrash: 5,
        .messagesUntrash: 5,
        .messagesImport: 25,
        .messagesInsert: 25,
        .historyList: 2,
        .labelsList: 1,
        .labelsGet: 1,
        .threadsGet: 10,
        .threadsList: 10,
        .draftsCreate: 10,
        .draftsUpdate: 15,
        .draftsGet: 5,
        .draftsList: 5,
        .draftsSend: 100,
    ]
}

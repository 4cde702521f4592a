import CRMCore
import Foundation
import GmailAPI

/// How sync and sending behave; every value has a default and most come from `[sync]` and
/// `[sending]` in config.ini.
public struct SyncSettings: Sendable {
    /// How far back a full sync reaches.
    public var window: TimeInterval = 90 * 86_400
    /// How far back a new contact's mail is fetched.
    public var backfillWindow: TimeInterval = 2 * 365 * 86_400
    /// Seconds between partial syncs when running as a daemon.
    public var interval: TimeInterval = 60
    /// Messages fetched per batch request (at most 25, gmail-api.md §9).
    public var batchSize = 25
    /// How long a just-queued email waits, so that it can still be pulled back (`[sending] undo_seconds`).
    public var undoWindow = UndoWindow.standard
    /// The account's quota price list.
    public var costs: QuotaCostTable = .legacy
    /// Quota units per second the client allows itself (a little under Google's per-user limit).
    public var unitsPerSecond: Double?
    /// How many units may go out at once.
    public var burstUnits: Double?
    /// Recipient limits that keep Gmail from locking the mailbox.
    public var sendLimits = SendLimits()
    /// Seconds a lease on a mailbox lasts without renewal (a crashed process's lease runs out).
    public var leaseDuration: TimeInterval = 90

    public init() {}

    /// The pace the bucket keeps: 95% of the per-user quota of the cost table.
    public var effectiveUnitsPerSecond: Double {
        unitsPerSecond ?? Double(costs.userUnitsPerMinute) / 60 * 0.95
    }

    /// Reads `[sync]` and `[sending]` from a configuration.
    public init(config: Config) {
        window = Double(config.integer("sync.window_days", default: 90)) * 86_400
        backfillWindow = Double(config.integer("sync.backfill_days", default: 730)) * 86_400
        interval = Double(config.integer("sync.interval_seconds", default: 60))
        batchSize = min(25, max(1, config.integer("sync.batch_size", default: 25)))
        undoWindow = UndoWindow(seconds: Double(config.integer("sending.undo_seconds",
                                                               default: Int(UndoWindow.standard.length))))
        costs = config.string("sync.cost_table", default: "legacy") == "2026" ? .y2026 : .legacy
        if let units = config["sync.units_per_second"].flatMap(Double.init) { unitsPerSecond = units }
        sendLimits = SendLimits(maximumRecipientsPerMessage: config.integer("sending.max_recipients_per_message",
                                                                            default: SendLimits().maximumRecipientsPerMessage),
                                dailyRecipientLimit: config.integer("sending.daily_recipients",
                                                                    default: SendLimits().dailyRecipientLimit))
    }
}

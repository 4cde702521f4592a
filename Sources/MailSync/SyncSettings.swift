import CRMCore
import Foundation
import GmailAPI

/// How sync and sending behave; every value has a default and most come from `[sync]` and
/// `[sending]` in config.ini.
public struct SyncSettings: Sendable {
    /// How far back a full sync reaches.
    public var window = Double(NumberSetting.windowDays.wholeDefault) * 86_400
    /// How far back a new contact's mail is fetched.
    public var backfillWindow = Double(NumberSetting.backfillDays.wholeDefault) * 86_400
    /// Seconds between partial syncs when running as a daemon.
    public var interval = Double(NumberSetting.syncInterval.wholeDefault)
    /// Messages fetched per batch request (at most 25, gmail-api.md §9).
    public var batchSize = NumberSetting.batchSize.wholeDefault
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
    /// Attachments of fetched mail up to this many bytes are kept in the database (`[mail] keep_attachments_mb`).
    public var keepAttachmentBytes = IncomingEmail.defaultKeptAttachmentBytes
    /// Seconds after which a mailbox's labels are listed again (renamed and deleted labels show then).
    public var labelListAge: TimeInterval = 15 * 60
    /// Seconds before the labels are listed again because mail carries one the list does not name.
    public var labelListMinimumAge: TimeInterval = 60
    /// Whom mail makes contacts of (`[contacts] create`).
    public var contactCreation = ContactCreation.standard

    public init() {}

    /// The pace the bucket keeps: 95% of the per-user quota of the cost table.
    public var effectiveUnitsPerSecond: Double {
        unitsPerSecond ?? Double(costs.userUnitsPerMinute) / 60 * 0.95
    }

    /// Reads `[sync]`, `[sending]`, `[mail] keep_attachments_mb` and `[contacts] create` from a configuration.
    /// - Throws: `CRMError` naming the first setting that is not a number in its range
    ///   (`NumberSetting`) or not a known cost table.
    public init(config: Config) throws {
        window = Double(try config.whole(.windowDays)) * 86_400
        backfillWindow = Double(try config.whole(.backfillDays)) * 86_400
        interval = Double(try config.whole(.syncInterval))
        batchSize = try config.whole(.batchSize)
        undoWindow = UndoWindow(seconds: Double(try config.whole(.undoSeconds)))
        keepAttachmentBytes = try config.whole(.keepAttachmentsMB) << 20
        switch config.string("sync.cost_table", default: "legacy").lowercased() {
        case "legacy": costs = .legacy
        case "2026": costs = .y2026
        case let other:
            throw CRMError("[sync] cost_table = \(other.prefix(24)) is not a cost table; use legacy or 2026 (for Google "
                           + "Cloud projects created from May 2026), or remove the line for the default (legacy)")
        }
        unitsPerSecond = try config.number(.unitsPerSecond)
        contactCreation = try config.contactCreation()
        sendLimits = SendLimits(maximumRecipientsPerMessage: try config.whole(.recipientsPerMessage),
                                dailyRecipientLimit: try config.whole(.dailyRecipients))
    }
}

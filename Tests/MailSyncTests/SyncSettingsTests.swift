import CRMCore
import GmailAPI
import Testing
@testable import MailSync

/// `[sync]` and `[sending]` reach the settings sync runs with, or stop it with the key and its range.
@Suite struct SyncSettingsTests {
    @Test func defaultsWhenConfigSaysNothing() throws {
        let settings = try SyncSettings(config: Config())
        #expect(settings.window == 90 * 86_400)
        #expect(settings.backfillWindow == 730 * 86_400)
        #expect(settings.interval == 60)
        #expect(settings.batchSize == 25)
        #expect(settings.undoWindow == .standard)
        #expect(settings.costs == .legacy)
        #expect(settings.unitsPerSecond == nil)
        #expect(settings.sendLimits == SendLimits())
        let plain = SyncSettings()
        #expect(plain.window == settings.window && plain.backfillWindow == settings.backfillWindow
            && plain.interval == settings.interval && plain.batchSize == settings.batchSize)
    }

    @Test func valuesInRangeAreUsed() throws {
        let settings = try SyncSettings(config: Config(text: """
            [sync]
            window_days = 10
            backfill_days = 20
            interval_seconds = 5
            batch_size = 7
            units_per_second = 12.5
            cost_table = 2026
            [sending]
            undo_seconds = 0
            max_recipients_per_message = 40
            daily_recipients = 500
            """))
        #expect(settings.window == 10 * 86_400)
        #expect(settings.backfillWindow == 20 * 86_400)
        #expect(settings.interval == 5)
        #expect(settings.batchSize == 7)
        #expect(settings.unitsPerSecond == 12.5)
        #expect(settings.costs == .y2026)
        #expect(settings.undoWindow == UndoWindow(seconds: 0))
        #expect(settings.sendLimits == SendLimits(maximumRecipientsPerMessage: 40, dailyRecipientLimit: 500))
    }

    @Test(arguments: [
        ("[sync]\ninterval_seconds = 4", "[sync] interval_seconds = 4 is out of range; use a whole number from 5 to "
            + "86400 (seconds), or remove the line for the default (60)"),
        ("[sending]\nundo_seconds = -10", "[sending] undo_seconds = -10 is out of range; use a whole number from 0 to "
            + "300 (seconds), or remove the line for the default (10)"),
        ("[sync]\nbatch_size = 100", "[sync] batch_size = 100 is out of range; use a whole number from 1 to 25 "
            + "(messages per request), or remove the line for the default (25)"),
        ("[sync]\ncost_table = newest", "[sync] cost_table = newest is not a cost table; use legacy or 2026 (for "
            + "Google Cloud projects created from May 2026), or remove the line for the default (legacy)"),
    ])
    func aValueOutsideItsRangeStopsSync(config: String, message: String) {
        #expect(throws: CRMError(message)) { try SyncSettings(config: Config(text: config)) }
    }
}

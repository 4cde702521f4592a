import Testing
@testable import CRMCore

/// The one table of numbers people may set, and how a value is taken or refused.
@Suite struct NumberSettingTests {
    @Test func theTableIsConsistent() {
        let all = NumberSetting.all
        #expect(Set(all.map(\.name)).count == all.count, "every number has its own name")
        let keys = all.compactMap(\.key)
        #expect(Set(keys).count == keys.count)
        for setting in all {
            #expect(setting.minimum <= setting.maximum, "\(setting.name)")
            #expect(setting.key == nil || setting.key == setting.name, "\(setting.name)")
            #expect(setting.defaultWords != nil, "\(setting.name) says what its default is")
            if let value = setting.defaultValue {
                #expect((setting.minimum...setting.maximum).contains(value), "\(setting.name)'s default is allowed")
                #expect(!setting.isWhole || value == value.rounded(), "\(setting.name)")
            }
        }
    }

    /// Every numeric config key Rapport reads is in the table, with the range chosen for it.
    @Test(arguments: [
        ("sync.window_days", 1.0, 3650.0, 90.0),
        ("sync.backfill_days", 1, 3650, 730),
        ("sync.interval_seconds", 5, 86_400, 60),
        ("sync.batch_size", 1, 25, 25),
        ("sending.undo_seconds", 0, 300, 10),
        ("sending.max_recipients_per_message", 1, 100, 100),
        ("sending.daily_recipients", 1, 10_000, 2_000),
        ("insights.cold_days", 1, 3650, 30),
        ("mail.keep_attachments_mb", 0, 50, 10),
    ] as [(String, Double, Double, Double)])
    func configKeysHaveTheirRanges(key: String, minimum: Double, maximum: Double, fallback: Double) throws {
        let setting = try #require(NumberSetting.all.first { $0.key == key })
        #expect(setting.isWhole)
        #expect(setting.minimum == minimum && setting.maximum == maximum)
        #expect(setting.defaultValue == fallback)
    }

    @Test(arguments: [
        ("60", 60.0), (" 5 ", 5), ("+86400", 86_400), ("0005", 5),
    ] as [(String, Double)])
    func wholeNumbersInRangeAreTaken(text: String, expected: Double) throws {
        #expect(try NumberSetting.syncInterval.value(of: text).get() == expected)
    }

    @Test(arguments: [
        ("4", NumberProblem.Kind.outOfRange), ("0", .outOfRange), ("-5", .outOfRange), ("86401", .outOfRange),
        ("99999999999999", .outOfRange), ("99999999999999999999999999", .outOfRange),
        (String(repeating: "9", count: 400), .outOfRange), ("-" + String(repeating: "9", count: 400), .outOfRange),
        ("60.5", .notAWholeNumber), ("6e1", .notAWholeNumber), ("1e999", .notAWholeNumber),
        ("sixty", .notANumber), ("", .notANumber), ("nan", .notANumber), ("inf", .notANumber), ("0x3c", .notANumber),
        ("--5", .notANumber), ("5s", .notANumber), ("٦٠", .notANumber),
    ] as [(String, NumberProblem.Kind)])
    func otherTextIsRefusedWithItsReason(text: String, kind: NumberProblem.Kind) {
        switch NumberSetting.syncInterval.value(of: text) {
        case .success(let value): Issue.record("“\(text)” was taken as \(value)")
        case .failure(let problem): #expect(problem.kind == kind, "“\(text)”")
        }
    }

    @Test func decimalsTakeAFractionAndStillHaveARange() throws {
        #expect(try NumberSetting.unitsPerSecond.value(of: "0.5e1").get() == 5)
        #expect(try NumberSetting.unitsPerSecond.value(of: "237.5").get() == 237.5)
        for text in ["0.5", "5001", "1e999", "nan", "-inf", "fast"] {
            #expect(throws: NumberProblem.self, "“\(text)”") { try NumberSetting.unitsPerSecond.value(of: text).get() }
        }
    }

    @Test func aConfigProblemNamesTheKeyTheRangeAndTheDefault() throws {
        let problem = try #require(NumberSetting.syncInterval.value(of: "0").failure)
        #expect(problem.configText == "[sync] interval_seconds = 0 is out of range; use a whole number from 5 to "
            + "86400 (seconds), or remove the line for the default (60)")
        let undo = try #require(NumberSetting.undoSeconds.value(of: "-1").failure)
        #expect(undo.configText == "[sending] undo_seconds = -1 is out of range; use a whole number from 0 to 300 "
            + "(seconds), or remove the line for the default (10)")
        let text = try #require(NumberSetting.coldDays.value(of: "a month").failure)
        #expect(text.configText == "[insights] cold_days = “a month” is not a number; use a whole number from 1 to "
            + "3650 (days), or remove the line for the default (30)")
    }

    @Test func anOptionProblemNamesTheOptionAndTheRange() throws {
        let problem = try #require(NumberSetting.coldDays.value(of: "200000000000000").failure)
        #expect(problem.optionText("--days") == "--days 200000000000000 is out of range; use a whole number from 1 to "
            + "3650 (days)")
        let limit = try #require(NumberSetting.searchLimit.value(of: "0").failure)
        #expect(limit.optionText("--limit") == "--limit 0 is out of range; use a whole number from 1 to 10000 (results)")
    }

    @Test func aValueIsShownShortAndWithoutControlCharacters() throws {
        let problem = try #require(NumberSetting.batchSize.value(of: "\u{1B}[31m" + String(repeating: "x", count: 40)).failure)
        #expect(!problem.configText.contains("\u{1B}"))
        #expect(problem.configText.hasPrefix("[sync] batch_size = ?[31mxxxxxxxxxxxxxxxxxxx… is not a number"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

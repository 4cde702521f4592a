import Testing
@testable import CRMCore

@Suite("Config")
struct ConfigTests {
    static let sample = """
        # Rapport settings
        ; a semicolon comment
        theme = monochrome

        [Sync]
        Interval = 300
          batch_size=50  
        label = "  spaced out  "
        url = http://127.0.0.1:8080/?a=b&c=d
        empty =
        quotes = "
        # interval = 1

        [ UI ]
        theme = solarized-dark
        count = twelve
        this line is not a setting
        [unclosed section
        """

    @Test func topLevelKeysHaveNoPrefix() {
        let config = Config(text: Self.sample)
        #expect(config["theme"] == "monochrome")
    }

    @Test func sectionsPrefixTheirKeysCaseInsensitively() {
        let config = Config(text: Self.sample)
        #expect(config["sync.interval"] == "300")
        #expect(config["SYNC.Interval"] == "300")
        #expect(config["sync.batch_size"] == "50")
        #expect(config["ui.theme"] == "solarized-dark")
        #expect(config["interval"] == nil)
        #expect(config["ui.interval"] == nil)
    }

    @Test func valuesAreTrimmedAndUnquoted() {
        let config = Config(text: Self.sample)
        #expect(config["sync.label"] == "  spaced out  ")
        #expect(config["sync.url"] == "http://127.0.0.1:8080/?a=b&c=d")
        #expect(config["sync.empty"] == "")
        #expect(config["sync.quotes"] == "\"")
    }

    @Test func commentsAreIgnored() {
        let config = Config(text: Self.sample)
        // "# interval = 1" must not overwrite the setting above it.
        #expect(config["sync.interval"] == "300")
        #expect(config["# rapport settings"] == nil)
    }

    @Test func numbersAreReadInTheirRangeOrRefusedNeverReplacedByTheDefault() throws {
        let config = Config(text: Self.sample)
        // The sample's batch_size = 50 is over Gmail's 25: an error naming the key, not a silent 25.
        #expect(throws: CRMError("[sync] batch_size = 50 is out of range; use a whole number from 1 to 25 "
                                 + "(messages per request), or remove the line for the default (25)")) {
            try config.whole(.batchSize)
        }
        // The sample has "interval", not interval_seconds: absent, so the default.
        #expect(try config.whole(.syncInterval) == 60)
        #expect(try Config(text: "[sync]\nbatch_size = 7").whole(.batchSize) == 7)
        #expect(try Config(text: "[SYNC]\nBatch_Size = 25 # Gmail's most").whole(.batchSize) == 25)
        #expect(throws: CRMError("[sync] batch_size = 3.5 is not a whole number; use a whole number from 1 to 25 "
                                 + "(messages per request), or remove the line for the default (25)")) {
            try Config(text: "[sync]\nbatch_size = 3.5").whole(.batchSize)
        }
        #expect(throws: CRMError("[sync] batch_size = “” is not a number; use a whole number from 1 to 25 "
                                 + "(messages per request), or remove the line for the default (25)")) {
            try Config(text: "[sync]\nbatch_size =").whole(.batchSize)
        }
    }

    @Test func aDecimalSettingWithAWorkedOutDefaultIsNilWhenAbsent() throws {
        #expect(try Config().number(.unitsPerSecond) == nil)
        #expect(try Config(text: "[sync]\nunits_per_second = 37.5").number(.unitsPerSecond) == 37.5)
        #expect(throws: CRMError("[sync] units_per_second = 0 is out of range; use a number from 1 to 5000 (quota units "
                                 + "per second), or remove the line for the default (95% of Google's per-user quota)")) {
            try Config(text: "[sync]\nunits_per_second = 0").number(.unitsPerSecond)
        }
    }

    @Test func stringFallsBackOnlyWhenAbsent() {
        let config = Config(text: Self.sample)
        #expect(config.string("ui.theme", default: "default") == "solarized-dark")
        #expect(config.string("ui.missing", default: "default") == "default")
        #expect(config.string("sync.empty", default: "default") == "")
    }

    @Test func unreadableLinesAreListedAsProblems() {
        let config = Config(text: Self.sample)
        #expect(config.problems == ["this line is not a setting", "[unclosed section"])
        #expect(Config(text: "a = 1\n[s]\nb = 2").problems.isEmpty)
    }

    @Test func laterSettingsWin() {
        #expect(Config(text: "a = 1\na = 2")["a"] == "2")
    }

    @Test func crlfAndEmptyText() throws {
        let config = Config(text: "[sync]\r\ninterval = 30\r\n")
        #expect(config["sync.interval"] == "30")
        #expect(config.problems.isEmpty)
        #expect(Config(text: "") == Config())
        #expect(Config()["anything"] == nil)
        #expect(try Config().whole(.syncInterval) == 60)
    }
}

@Suite struct ConfigInlineCommentTests {
    @Test func aCommentAfterAValueIsNotPartOfIt() throws {
        let config = Config(text: "[insights]\ncold_days = 45   # quiet days\nname = \"a # b\" ; note\nurl = x#y\n")
        #expect(try config.whole(.coldDays) == 45)
        #expect(config["insights.name"] == "a # b")
        #expect(config["insights.url"] == "x#y")
    }
}

@Suite struct ConfigLayersTests {
    @Test func aLaidOverFileWinsKeyByKeyAndBothFilesProblemsAreKept() {
        let own = Config(text: "[ui]\ntheme = light\n[sync]\ninterval_seconds = 30\nnot a setting\n")
        let home = Config(text: "[sync]\ninterval_seconds = 300\n[google]\ntoken_url = http://x/\nalso not one\n")
        let merged = own.overlaid(by: home)
        #expect(merged["ui.theme"] == "light")
        #expect(merged["sync.interval_seconds"] == "300")
        #expect(merged.keys == ["google.token_url", "sync.interval_seconds", "ui.theme"])
        #expect(merged.problems == ["not a setting", "also not one"])
    }

    @Test func filterKeepsOnlyTheKeysAsked() {
        let home = Config(text: "[sync]\ninterval_seconds = 300\n[google]\ntoken_url = http://x/\nclient_id = c\n")
        let kept = home.filter { !$0.hasPrefix("google.") }
        #expect(kept.keys == ["sync.interval_seconds"])
        #expect(kept["google.client_id"] == nil)
        #expect(home.keys.count == 3, "the original is unchanged")
    }
}

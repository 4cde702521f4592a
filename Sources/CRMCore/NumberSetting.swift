import Foundation

/// A number people may set, in config.ini or with a command-line option: the values allowed, the
/// default and the unit. `NumberSetting.all` is the one table every such number is checked against.
public struct NumberSetting: Sendable, Equatable {
    /// "sync.interval_seconds" when config.ini sets it; nil for a number only an option gives.
    public let key: String?
    /// How the table names it: the key, or the command and option ("search --limit").
    public let name: String
    public let minimum: Double
    public let maximum: Double
    /// Whether only whole numbers are allowed.
    public let isWhole: Bool
    /// The value when none is given; nil when it is worked out (see `defaultWords`).
    public let defaultValue: Double?
    /// The default in words, for an error message ("60", "95% of Google's per-user quota").
    public let defaultWords: String?
    /// "seconds", "days"; nil for a plain count.
    public let unit: String?

    init(key: String? = nil, name: String? = nil, _ range: ClosedRange<Double>, whole: Bool = true,
         default value: Double?, defaultWords: String? = nil, unit: String?) {
        self.key = key
        self.name = name ?? key ?? ""
        minimum = range.lowerBound
        maximum = range.upperBound
        isWhole = whole
        defaultValue = value
        self.defaultWords = defaultWords ?? value.map(Self.text)
        self.unit = unit
    }

    /// The default as a whole number (0 when it is worked out, which whole settings never are).
    public var wholeDefault: Int { Int(defaultValue ?? 0) }

    /// The number `text` stands for, or why it is not allowed. Whole settings take digits alone
    /// (with a sign); others also take a decimal point and an exponent.
    public func value(of text: String) -> Result<Double, NumberProblem> {
        let given = text.trimmingCharacters(in: .whitespaces)
        func refuse(_ kind: NumberProblem.Kind) -> Result<Double, NumberProblem> {
            .failure(NumberProblem(setting: self, given: given, kind: kind))
        }
        let unsigned = given.hasPrefix("-") || given.hasPrefix("+") ? given.dropFirst() : Substring(given)
        let isInteger = !unsigned.isEmpty && unsigned.allSatisfy { $0.isASCII && $0.isNumber }
        let isDecimal = unsigned.contains { $0.isASCII && $0.isNumber }
            && unsigned.allSatisfy { $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }
        // Digits beyond any integer type parse as a huge (or infinite) Double: out of range, not "not a number".
        guard isDecimal, let number = Double(given), !number.isNaN else { return refuse(.notANumber) }
        if isWhole && !isInteger { return refuse(.notAWholeNumber) }
        guard number >= minimum, number <= maximum else { return refuse(.outOfRange) }
        return .success(number)
    }

    /// "a whole number from 5 to 86400 (seconds)"
    public var allowed: String {
        (isWhole ? "a whole number" : "a number") + " from \(span)" + (unit.map { " (\($0))" } ?? "")
    }

    /// "5 to 86400"
    public var span: String { "\(Self.text(minimum)) to \(Self.text(maximum))" }

    /// "[sync] interval_seconds", as a person finds it in config.ini.
    var configName: String {
        guard let key else { return name }
        guard let dot = key.firstIndex(of: ".") else { return key }
        return "[\(key[..<dot])] \(key[key.index(after: dot)...])"
    }

    static func text(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}

/// Why a number was refused, worded for config.ini or for a command-line option.
public struct NumberProblem: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case notANumber
        case notAWholeNumber
        case outOfRange
    }

    public let setting: NumberSetting
    /// What was given, as typed (trimmed).
    public let given: String
    public let kind: Kind

    /// "[sync] interval_seconds = 0 is out of range; use a whole number from 5 to 86400 (seconds),
    /// or remove the line for the default (60)"
    public var configText: String {
        "\(setting.configName) = \(shown) \(verdict); use \(setting.allowed)"
            + (setting.defaultWords.map { ", or remove the line for the default (\($0))" } ?? "")
    }

    /// "--days 200000000000000 is out of range; use a whole number from 1 to 3650 (days)"
    public func optionText(_ option: String) -> String {
        "\(option) \(shown) \(verdict); use \(setting.allowed)"
    }

    private var verdict: String {
        switch kind {
        case .notANumber: return "is not a number"
        case .notAWholeNumber: return "is not a whole number"
        case .outOfRange: return "is out of range"
        }
    }

    /// The value as given, short and without control characters, quoted when it could be misread.
    private var shown: String {
        var text = String(given.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        if text.count > 24 { text = text.prefix(24) + "…" }
        return text.isEmpty || text.contains(" ") ? "“\(text)”" : text
    }
}

extension NumberSetting {
    /// `[sync] window_days`: how far back a first sync reaches.
    public static let windowDays = NumberSetting(key: "sync.window_days", 1...3650, default: 90, unit: "days")
    /// `[sync] backfill_days`: how far back a new contact's mail is fetched.
    public static let backfillDays = NumberSetting(key: "sync.backfill_days", 1...3650, default: 730, unit: "days")
    /// `[sync] interval_seconds`: seconds between checks for new mail; at least 5, so that a running
    /// sync never polls Google in a tight loop.
    public static let syncInterval = NumberSetting(key: "sync.interval_seconds", 5...86_400, default: 60,
                                                   unit: "seconds")
    /// `[sync] batch_size`: messages per batch request; Gmail takes 25 at most (gmail-api.md §9).
    public static let batchSize = NumberSetting(key: "sync.batch_size", 1...25, default: 25,
                                                unit: "messages per request")
    /// `[sync] units_per_second`: the quota pace; by default 95% of the cost table's per-user quota.
    public static let unitsPerSecond = NumberSetting(key: "sync.units_per_second", 1...5_000, whole: false,
                                                     default: nil, defaultWords: "95% of Google's per-user quota",
                                                     unit: "quota units per second")
    /// `[sending] undo_seconds`: how long a queued email can be pulled back; 5 minutes at most.
    public static let undoSeconds = NumberSetting(key: "sending.undo_seconds", 0...300,
                                                  default: UndoWindow.standard.length, unit: "seconds")
    /// `[sending] max_recipients_per_message`: Gmail's API takes 100 at most.
    public static let recipientsPerMessage = NumberSetting(
        key: "sending.max_recipients_per_message", 1...Double(SendLimits.apiRecipientsPerMessage),
        default: Double(SendLimits.apiRecipientsPerMessage), unit: "recipients")
    /// `[sending] daily_recipients`: 10,000 is Workspace's ceiling on recipients a day.
    public static let dailyRecipients = NumberSetting(key: "sending.daily_recipients", 1...10_000,
                                                      default: Double(SendLimits.workspaceDailyRecipients),
                                                      unit: "recipients")
    /// `[insights] cold_days` and `rapport insights --days`: quiet days before a contact is going cold.
    public static let coldDays = NumberSetting(key: "insights.cold_days", 1...3650,
                                               default: Double(ContactInsights.defaultColdDays), unit: "days")
    /// `[followups] days` and `rapport followups --days`: days a sent email waits for a reply before it
    /// is listed to follow up.
    public static let followupDays = NumberSetting(key: "followups.days", 1...365, default: 3, unit: "days")
    /// `[mail] keep_attachments_mb`: attachments of incoming mail up to this size are kept in the
    /// database; bigger ones keep their name, type, size and digest and are fetched from Gmail when
    /// saved. 0 keeps none; Gmail takes messages of up to 50 MB.
    public static let keepAttachmentsMB = NumberSetting(key: "mail.keep_attachments_mb", 0...50, default: 10,
                                                        unit: "MB per attachment")
    /// `rapport search --limit`.
    public static let searchLimit = NumberSetting(name: "search --limit", 1...10_000, default: 20, unit: "results")
    /// `rapport contact list --limit`.
    public static let contactListLimit = NumberSetting(name: "contact list --limit", 1...100_000, default: 500,
                                                       unit: "contacts")
    /// `rapport timeline --limit`.
    public static let timelineLimit = NumberSetting(name: "timeline --limit", 1...100_000, default: 50,
                                                    unit: "entries")
    /// `rapport mail list --limit`: conversations on a page.
    public static let mailListLimit = NumberSetting(name: "mail list --limit", 1...10_000, default: 50,
                                                    unit: "conversations")
    /// `rapport parse --max-size`: the largest message it reads.
    public static let parseMaxSize = NumberSetting(name: "parse --max-size", 1...4_096, default: 100, unit: "MB")
    /// `rapport dev simulator --latency`.
    public static let simulatorLatency = NumberSetting(name: "dev simulator --latency", 0...60_000, default: 0,
                                                       unit: "milliseconds")
    /// `rapport dev simulator --quota`: 0 for no quota.
    public static let simulatorQuota = NumberSetting(name: "dev simulator --quota", 0...1_000_000, whole: false,
                                                     default: 250, unit: "quota units per second")
    /// `rapport dev simulator --port`: 0 for any free port.
    public static let simulatorPort = NumberSetting(name: "dev simulator --port", 0...65_535, default: 0, unit: nil)

    /// Every number people may set.
    public static let all: [NumberSetting] = [
        windowDays, backfillDays, syncInterval, batchSize, unitsPerSecond, undoSeconds, recipientsPerMessage,
        dailyRecipients, coldDays, searchLimit, contactListLimit, timelineLimit, mailListLimit, parseMaxSize,
        simulatorLatency, simulatorQuota, simulatorPort, keepAttachmentsMB, followupDays,
    ]
}

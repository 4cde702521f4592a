import Foundation

/// Recipient limits checked before Rapport sends, so Gmail never locks a mailbox (gmail-api.md §11).
///
/// Gmail counts over a **rolling 24 hours**, and going over locks sending for up to a day. Every
/// recipient of every message counts (to, cc and bcc; a repeat counts again). The rule:
/// a message is allowed when it has at most `maximumRecipientsPerMessage` recipients **and**
/// `sentInLast24Hours + recipients <= dailyRecipientLimit - safetyMargin`.
///
/// * Per message, the Gmail API takes at most 100 recipients (Workspace and SMTP alike).
/// * Per day, the default 2,000 is Google Workspace's figure. Counting every recipient against it
///   also keeps a mailbox under Workspace's 2,000 messages, 3,000 external and 10,000 total
///   recipients a day. Consumer @gmail.com accounts get about 500 recipients a day (unverified
///   secondary sources): use `consumerDailyRecipients`, or lower the limit in config
///   (`[sending] daily_recipients`); trial Workspace accounts get 500 messages a day.
/// * The margin (by default 2.5% of the daily limit) absorbs mail sent from the same mailbox
///   outside Rapport (web, phone) that the local count may have missed.
public struct SendLimits: Sendable, Equatable {
    /// Gmail API: at most 100 recipients per message.
    public static let apiRecipientsPerMessage = 100
    /// Google Workspace: 2,000 a day (support.google.com/a/answer/166852).
    public static let workspaceDailyRecipients = 2_000
    /// Consumer Gmail: about 500 recipients a day (unverified).
    public static let consumerDailyRecipients = 500
    /// The rolling window Gmail counts over.
    public static let window: TimeInterval = 86_400

    /// Most recipients one message may have.
    public var maximumRecipientsPerMessage: Int
    /// Most recipients the mailbox may send to in any 24 hours, as Gmail counts them.
    public var dailyRecipientLimit: Int
    /// How far below `dailyRecipientLimit` Rapport stops.
    public var safetyMargin: Int

    /// - Parameter safetyMargin: nil for 2.5% of `dailyRecipientLimit` (50 for 2,000, 12 for 500).
    public init(maximumRecipientsPerMessage: Int = apiRecipientsPerMessage,
                dailyRecipientLimit: Int = workspaceDailyRecipients, safetyMargin: Int? = nil) {
        self.maximumRecipientsPerMessage = max(0, maximumRecipientsPerMessage)
        self.dailyRecipientLimit = max(0, dailyRecipientLimit)
        self.safetyMargin = max(0, safetyMargin ?? dailyRecipientLimit / 40)
    }

    /// Consumer Gmail's limits.
    public static let consumer = SendLimits(dailyRecipientLimit: consumerDailyRecipients)

    /// The count Rapport stops at: `dailyRecipientLimit - safetyMargin`.
    public var effectiveDailyLimit: Int { max(0, dailyRecipientLimit - safetyMargin) }

    /// How many more recipients may be sent to now.
    public func remaining(sentInLast24Hours sent: Int) -> Int { max(0, effectiveDailyLimit - max(0, sent)) }

    /// Whether a message with `recipients` recipients may go out now, given what the mailbox sent
    /// in the last 24 hours.
    public func check(recipients: Int, sentInLast24Hours sent: Int) -> Verdict {
        check(recipients: recipients, sent: sent, freesAt: nil)
    }

    /// One earlier send, for the rolling-window count.
    public struct Send: Sendable, Equatable {
        public var at: Date
        public var recipients: Int

        public init(at: Date, recipients: Int) {
            self.at = at
            self.recipients = recipients
        }
    }

    /// As `check(recipients:sentInLast24Hours:)`, counting `recentSends` inside the 24 hours before
    /// `now`; a refusal then says when enough of them leave the window (rounded up to the minute).
    public func check(recipients: Int, recentSends: [Send], now: Date) -> Verdict {
        let inWindow = recentSends.filter { now.timeIntervalSince($0.at) < Self.window }.sorted { $0.at < $1.at }
        let sent = inWindow.reduce(0) { $0 + max(0, $1.recipients) }
        var freesAt: Date?
        var left = sent
        for send in inWindow where left + recipients > effectiveDailyLimit {
            left -= max(0, send.recipients)
            if left + recipients <= effectiveDailyLimit { freesAt = send.at.addingTimeInterval(Self.window) }
        }
        return check(recipients: recipients, sent: sent, freesAt: freesAt)
    }

    private func check(recipients: Int, sent rawSent: Int, freesAt: Date?) -> Verdict {
        let recipients = max(0, recipients)
        let sent = max(0, rawSent)
        if recipients > maximumRecipientsPerMessage {
            return .refused(reason: "this message has \(Self.grouped(recipients)) recipients and Gmail sends to at "
                + "most \(Self.grouped(maximumRecipientsPerMessage)) per message; split it into smaller messages "
                + "(Gmail is not made for bulk mail)")
        }
        guard sent + recipients > effectiveDailyLimit else { return .allowed }
        if recipients > effectiveDailyLimit {
            return .refused(reason: "this message has \(Self.grouped(recipients)) recipients, more than this "
                + "mailbox may send to in a day (\(Self.grouped(effectiveDailyLimit))); split it into smaller "
                + "messages, or ask an admin to raise [sending] daily_recipients")
        }
        let wait = freesAt.map { "wait until \(Self.minuteText($0))" } ?? "wait until earlier mail leaves the 24-hour window"
        return .refused(reason: "this mailbox has sent to \(Self.grouped(sent)) recipients in the last 24 hours "
            + "and this message adds \(Self.grouped(recipients)); Rapport stops at \(Self.grouped(effectiveDailyLimit)) "
            + "because Gmail locks sending for up to a day past \(Self.grouped(dailyRecipientLimit)); \(wait), "
            + "or ask an admin to raise [sending] daily_recipients")
    }

    /// May it go out?
    public enum Verdict: Sendable, Equatable {
        case allowed
        /// Not now; `reason` says why and what to do, for people.
        case refused(reason: String)

        public var isAllowed: Bool { self == .allowed }
    }

    /// "1,980": thousands separated by commas, whatever the locale.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// "2026-11-29 14:03 UTC", rounded up to the minute so waiting until then is enough.
    static func minuteText(_ date: Date) -> String {
        let seconds = (date.timeIntervalSince1970 / 60).rounded(.up) * 60
        let iso = ISODate.format(Date(timeIntervalSince1970: seconds))  // 2026-11-29T14:03:00Z
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
    }
}

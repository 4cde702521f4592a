import Foundation

/// Works out the follow-up list from what the store found: sent emails without a reply (and not
/// marked done) and open reminders. Pure; `Store.followups` gathers the inputs.
public enum FollowupPlan {
    /// A sent email the store found no reply to.
    public struct Unanswered: Sendable, Hashable {
        public let id: Int64
        public let contactID: Int64?
        public let to: [EmailAddress]
        public let subject: String
        public let sentAt: Date
        /// The end of a snooze, if it was snoozed.
        public let snoozedUntil: Date?

        public init(id: Int64, contactID: Int64?, to: [EmailAddress], subject: String, sentAt: Date,
                    snoozedUntil: Date? = nil) {
            self.id = id
            self.contactID = contactID
            self.to = to
            self.subject = subject
            self.sentAt = sentAt
            self.snoozedUntil = snoozedUntil
        }
    }

    /// An open reminder with what it is about.
    public struct OpenReminder: Sendable, Hashable {
        public let reminder: Reminder
        /// The contact's addresses, or the email's recipients when it is about one.
        public let to: [EmailAddress]
        public let subject: String?
        public let sentAt: Date?

        public init(reminder: Reminder, to: [EmailAddress], subject: String?, sentAt: Date?) {
            self.reminder = reminder
            self.to = to
            self.subject = subject
            self.sentAt = sentAt
        }
    }

    static let day: TimeInterval = 86_400

    /// Emails unanswered for `days` days (a snoozed one from the end of its snooze) and every open
    /// reminder, by when each is due: due ones first, the longest overdue at the top, then those
    /// still to come (reminders set ahead, snoozes not yet over).
    public static func list(unanswered: [Unanswered], reminders: [OpenReminder], days: Int, now: Date) -> [Followup] {
        var items: [Followup] = []
        for email in unanswered {
            let waitedEnough = email.sentAt.addingTimeInterval(Double(days) * day)
            guard email.snoozedUntil != nil || waitedEnough <= now else { continue }
            items.append(Followup(kind: .awaitingReply, key: .email(email.id), outgoingEmailID: email.id,
                                  contactID: email.contactID, to: email.to, subject: email.subject, sentAt: email.sentAt,
                                  dueAt: email.snoozedUntil ?? waitedEnough, daysWaiting: wholeDays(from: email.sentAt, to: now),
                                  note: nil))
        }
        for open in reminders {
            let reminder = open.reminder
            items.append(Followup(kind: .reminder, key: .reminder(reminder.id), outgoingEmailID: reminder.outgoingEmailID,
                                  contactID: reminder.contactID, to: open.to, subject: open.subject, sentAt: open.sentAt,
                                  dueAt: reminder.dueAt, daysWaiting: wholeDays(from: open.sentAt ?? reminder.dueAt, to: now),
                                  note: reminder.note))
        }
        return items.sorted {
            ($0.dueAt, $0.kind == .reminder ? 1 : 0, $0.key.description) < ($1.dueAt, $1.kind == .reminder ? 1 : 0, $1.key.description)
        }
    }

    /// Whole days from `start` to `now`; 0 when `start` is still ahead.
    static func wholeDays(from start: Date, to now: Date) -> Int {
        max(0, Int((now.timeIntervalSince(start) / day).rounded(.down)))
    }
}

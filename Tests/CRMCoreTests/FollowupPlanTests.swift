import CRMCore
import Foundation
import Testing

@Suite struct FollowupPlanTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400
    static func ago(_ days: Double) -> Date { now.addingTimeInterval(-days * day) }

    func email(_ id: Int64, sent days: Double, snoozed: Date? = nil) -> FollowupPlan.Unanswered {
        FollowupPlan.Unanswered(id: id, contactID: 1, to: [EmailAddress("c@x.example")!], subject: "S\(id)",
                                sentAt: Self.ago(days), snoozedUntil: snoozed)
    }

    func reminder(_ id: Int64, due: Date) -> FollowupPlan.OpenReminder {
        FollowupPlan.OpenReminder(reminder: Reminder(id: id, contactID: 2, outgoingEmailID: nil, dueAt: due, note: "n",
                                                     login: "ann"), to: [], subject: nil, sentAt: nil)
    }

    @Test func onlyEmailsThatWaitedTheDaysAreListedOldestDueFirst() {
        let items = FollowupPlan.list(unanswered: [email(1, sent: 1), email(2, sent: 3), email(3, sent: 10)],
                                      reminders: [], days: 3, now: Self.now)
        #expect(items.map(\.key) == [.email(3), .email(2)])
        #expect(items.map(\.daysWaiting) == [10, 3])
        #expect(items.allSatisfy { $0.isDue(at: Self.now) })
    }

    @Test func dueOnesComeBeforeThoseStillToCome() {
        let items = FollowupPlan.list(unanswered: [email(1, sent: 8, snoozed: Self.now.addingTimeInterval(Self.day)),
                                                   email(2, sent: 4)],
                                      reminders: [reminder(7, due: Self.now.addingTimeInterval(3_600)),
                                                  reminder(8, due: Self.ago(2))],
                                      days: 3, now: Self.now)
        #expect(items.map(\.key) == [.reminder(8), .email(2), .reminder(7), .email(1)])
        #expect(items.map { $0.isDue(at: Self.now) } == [true, true, false, false])
        #expect(items[0].daysWaiting == 2 && items[2].daysWaiting == 0)
    }

    @Test func keysReadAsPeopleTypeThem() {
        #expect(FollowupKey("7") == .email(7))
        #expect(FollowupKey("email:7") == .email(7))
        #expect(FollowupKey("Reminder:3") == .reminder(3))
        for bad in ["", "0", "-1", "reminder:", "deal:3", "email:x", "7:7"] {
            #expect(FollowupKey(bad) == nil, "\(bad)")
        }
        #expect(FollowupKey.reminder(3).description == "reminder:3")
    }
}

import Foundation
import Testing
@testable import CRMCore

@Suite("UndoWindow")
struct UndoWindowTests {
    static let queued = Date(timeIntervalSince1970: 1_795_000_000)

    private func email(_ status: OutboxStatus = .queued, queuedAt: Date? = queued) -> OutgoingEmail {
        OutgoingEmail(id: 1, teamID: 1, mailboxID: 1, from: EmailAddress("me@us.example")!, authorLogin: "ann",
                      to: [EmailAddress("bo@x.example")!], cc: [], bcc: [], subject: "s", bodyText: "b", link: nil,
                      replyToActivityID: nil, status: status, sendAt: nil, attempts: 0, nextAttemptAt: nil,
                      lastError: nil, messageID: nil, gmailID: nil, threadID: nil, attachments: [],
                      createdAt: Self.queued.addingTimeInterval(-600), updatedAt: Self.queued.addingTimeInterval(-300),
                      queuedAt: queuedAt)
    }

    @Test func itEndsItsLengthAfterTheEmailWasQueued() {
        let window = UndoWindow(seconds: 10)
        #expect(window.end(for: email()) == Self.queued.addingTimeInterval(10))
        #expect(window.end(for: email(queuedAt: nil)) == nil)
    }

    @Test func itIsOpenUntilItEndsAndCountsDown() {
        let window = UndoWindow(seconds: 10)
        let queued = email()
        #expect(window.isOpen(for: queued, at: Self.queued))
        #expect(window.secondsLeft(for: queued, at: Self.queued.addingTimeInterval(3)) == 7)
        #expect(window.isOpen(for: queued, at: Self.queued.addingTimeInterval(9.5)))
        #expect(!window.isOpen(for: queued, at: Self.queued.addingTimeInterval(10)))
        #expect(window.secondsLeft(for: queued, at: Self.queued.addingTimeInterval(30)) == 0)
    }

    @Test func onlyQueuedMailWithAQueueTimeHasAnOpenWindow() {
        let window = UndoWindow.standard
        for status in OutboxStatus.allCases where status != .queued {
            #expect(!window.isOpen(for: email(status), at: Self.queued), "\(status)")
        }
        #expect(!window.isOpen(for: email(queuedAt: nil), at: Self.queued))
    }

    @Test func theDueQueryAgreesWithTheWindow() {
        let window = UndoWindow(seconds: 10)
        for offset in [0.0, 9, 10, 11] {
            let now = Self.queued.addingTimeInterval(offset)
            let dueBySQL = Self.queued <= window.latestQueueTimeDue(at: now)
            #expect(dueBySQL == !window.isOpen(for: email(), at: now), "at +\(offset) s")
        }
    }

    @Test func aWindowIsNeverNegativeAndZeroIsClosedAtOnce() {
        #expect(UndoWindow(seconds: -5).length == 0)
        #expect(!UndoWindow(seconds: 0).isOpen(for: email(), at: Self.queued))
        #expect(UndoWindow.standard.length == 10)
    }
}

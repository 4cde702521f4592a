import Foundation
import Testing
@testable import CRMCore

@Suite("IncomingEmail")
struct IncomingEmailTests {
    private func message(from: String?, labels: [String]) -> IncomingEmail {
        IncomingEmail(mailboxID: 1, gmailID: "g1", threadID: "t1", messageID: "m1@x.com", fromName: "Ann",
                      fromAddress: from.flatMap(EmailAddress.init), to: [EmailAddress("me@us.com")!],
                      cc: [EmailAddress("boss@us.com")!], subject: "Hi", snippet: "Hi", bodyText: nil,
                      internalDate: Date(timeIntervalSince1970: 0), labels: labels)
    }

    @Test func directionIsOutWhenTheMailboxSentIt() {
        let me = EmailAddress("me@us.com")!
        #expect(message(from: "ann@them.com", labels: ["INBOX"]).direction(forMailbox: me) == .incoming)
        #expect(message(from: "Me@Us.com", labels: ["INBOX"]).direction(forMailbox: me) == .outgoing)
        #expect(message(from: "ann@them.com", labels: ["SENT"]).direction(forMailbox: me) == .outgoing)
        #expect(message(from: nil, labels: []).direction(forMailbox: me) == .incoming)
    }

    @Test func trashAndSpamAreNotOnTheTimeline() {
        #expect(message(from: "a@b.com", labels: ["INBOX", "UNREAD"]).isOnTimeline)
        #expect(message(from: "a@b.com", labels: []).isOnTimeline)
        #expect(!message(from: "a@b.com", labels: ["TRASH"]).isOnTimeline)
        #expect(!message(from: "a@b.com", labels: ["INBOX", "SPAM"]).isOnTimeline)
    }

    @Test func recipientsAreToThenCc() {
        #expect(message(from: "a@b.com", labels: []).recipients.map(\.value) == ["me@us.com", "boss@us.com"])
    }
}

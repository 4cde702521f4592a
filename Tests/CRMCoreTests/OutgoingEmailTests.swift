import Foundation
import Testing
@testable import CRMCore

@Suite("OutgoingEmail")
struct OutgoingEmailTests {
    @Test func allRecipientsAreToThenCcThenBcc() {
        let list = { (texts: [String]) in texts.map { EmailAddress($0)! } }
        let email = OutgoingEmail(
            id: 1, teamID: 1, mailboxID: 1, from: EmailAddress("me@us.com")!, authorLogin: "ann",
            to: list(["t1@x.com", "t2@x.com"]), cc: list(["c@x.com"]), bcc: list(["b@x.com"]),
            subject: "s", bodyText: "b", link: .contact(3), replyToActivityID: nil, status: .draft,
            sendAt: nil, attempts: 0, nextAttemptAt: nil, lastError: nil, messageID: nil, gmailID: nil,
            threadID: nil, attachments: [], createdAt: Date(timeIntervalSince1970: 0),
            updatedAt: Date(timeIntervalSince1970: 0), queuedAt: nil)
        #expect(email.allRecipients.map(\.value) == ["t1@x.com", "t2@x.com", "c@x.com", "b@x.com"])
    }

    @Test func gmailLimits() {
        #expect(OutgoingEmail.maximumRecipients == 100)
        #expect(AttachmentInfo.maximumTotalBytes == 26_214_400)
    }
}

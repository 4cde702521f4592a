import Foundation
import MailFormat
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

    @Test func whatRepliesNeedIsKeptFromTheMessage() {
        let raw = """
            From: "Carol Client" <carol@client.example>
            Reply-To: "Sales desk" <desk@client.example>, bad address
            To: "Müller, Jörg" <joerg@acme.example>, =?utf-8?q?Ann_L=C3=A9e?= <Ann@Alpha.example>
            Cc: eve@client.example, "Ann again" <ann@alpha.example>
            Subject: Plan
            Message-ID: <c3@client.example>
            In-Reply-To: <c2@client.example>
            References: <a1@alpha.example> <c2@client.example>

            Hello
            """.replacingOccurrences(of: "\n", with: "\r\n")
        let email = IncomingEmail(message: Message(bytes: Array(raw.utf8)), mailboxID: 1, gmailID: "g", threadID: "t",
                                  labels: ["INBOX"], receivedAt: nil)
        #expect(email.inReplyTo == ["c2@client.example"])
        #expect(email.references == ["a1@alpha.example", "c2@client.example"])
        #expect(email.replyTo.map(\.value) == ["desk@client.example"])
        #expect(email.to.map(\.value) == ["joerg@acme.example", "ann@alpha.example"])
        #expect(email.displayNames == [EmailAddress("joerg@acme.example")!: "Müller, Jörg",
                                       EmailAddress("ann@alpha.example")!: "Ann Lée",
                                       EmailAddress("desk@client.example")!: "Sales desk"])
        #expect(email.fromName == "Carol Client")

        let bare = "From: a@b.example\r\nIn-Reply-To: <p@b.example>\r\n\r\nx"
        let answered = IncomingEmail(message: Message(bytes: Array(bare.utf8)), mailboxID: 1, gmailID: "g",
                                     threadID: nil, labels: [], receivedAt: nil)
        #expect(answered.references == ["p@b.example"] && answered.inReplyTo == ["p@b.example"],
                "without References, what a reply carries on is the In-Reply-To")
        #expect(answered.replyTo.isEmpty && answered.displayNames.isEmpty)
    }
}

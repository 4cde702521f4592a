import CRMCore
import Foundation
import MailFormat
import Testing
@testable import CRMStore

/// Attachments of incoming mail: recorded with the message, bytes kept up to the limit, read back
/// only inside the team.
@Suite struct IncomingAttachmentStoreTests {
    /// A 3-byte CSV, a 40-byte PDF with a name that would fool a terminal, and an unnamed inline PNG.
    static let raw = """
        From: Carol Client <carol@client.example>\r
        To: ann@alpha.example\r
        Subject: Figures\r
        Message-ID: <figures@client.example>\r
        Content-Type: multipart/mixed; boundary="m"\r
        \r
        --m\r
        Content-Type: multipart/related; boundary="r"\r
        \r
        --r\r
        Content-Type: text/html; charset=utf-8\r
        \r
        <p>See <img src="cid:i"></p>\r
        --r\r
        Content-Type: image/png\r
        Content-ID: <i>\r
        Content-Transfer-Encoding: base64\r
        \r
        iVBORw0KGgo=\r
        --r--\r
        --m\r
        Content-Type: text/csv\r
        Content-Disposition: attachment; filename="a.csv"\r
        \r
        1,2\r
        --m\r
        Content-Type: application/PDF\r
        Content-Disposition: attachment; filename="quote\u{1B}[2J\u{202E}.pdf"\r
        Content-Transfer-Encoding: base64\r
        \r
        \(Data(repeating: 0x25, count: 40).base64EncodedString())\r
        --m--\r

        """

    private func email(in mailbox: Mailbox, gmailID: String = "g1", keeping limit: Int) -> IncomingEmail {
        IncomingEmail(message: Message(bytes: Array(Self.raw.utf8)), mailboxID: mailbox.id, gmailID: gmailID,
                      threadID: "t1", labels: ["INBOX"], receivedAt: Date(), keepingAttachmentBytes: limit)
    }

    @Test func eachAttachmentIsRecordedWithItsPartAndDigestAndTheBytesUnderTheLimit() throws {
        let fixture = try StoreFixture()
        let id = try fixture.store.recordIncoming(email(in: fixture.annMailbox, keeping: 10)).id
        let stored = try #require(try fixture.store.incomingAttachments(emailID: id, in: fixture.ann.scope))
        let attachments = try #require(stored.attachments)
        #expect(attachments.map(\.filename) == ["image.png", "a.csv", "quote[2J.pdf"])
        #expect(attachments.map(\.contentType) == ["image/png", "text/csv", "application/pdf"])
        #expect(attachments.map(\.partID) == ["0.1", "1", "2"])
        #expect(attachments.map(\.position) == [0, 1, 2])
        #expect(attachments.map(\.size) == [8, 3, 40])
        #expect(attachments[1].sha256 == SHA256.hex(Array("1,2".utf8)))
        #expect(attachments[2].sha256 == SHA256.hex([UInt8](repeating: 0x25, count: 40)))
        #expect(attachments.map(\.isKept) == [true, true, false], "bytes over 10 are not kept")
        #expect(attachments[1].data == Array("1,2".utf8))
        #expect(attachments[2].data == nil)
        #expect(stored.gmailID == "g1" && stored.isInGmail)
        #expect(stored.mailbox.id == fixture.annMailbox.id)
        #expect(stored.ownerLogin == "ann" && stored.ownerName == "Ann Lee")
        #expect(try fixture.store.count("SELECT attachment_count FROM incoming_emails WHERE id = \(id)") == 3)
        let blobs = try fixture.store.count("SELECT count(*) FROM incoming_attachments WHERE data IS NOT NULL")
        #expect(blobs == 2)
    }

    @Test func aLimitOfNothingKeepsOnlyTheFactsAndAMessageWithoutFilesHasNone() throws {
        let fixture = try StoreFixture()
        let id = try fixture.store.recordIncoming(email(in: fixture.annMailbox, keeping: 0)).id
        let attachments = try #require(try fixture.store.incomingAttachments(emailID: id, in: fixture.ann.scope)?.attachments)
        #expect(attachments.count == 3 && attachments.allSatisfy { !$0.isKept })
        let plain = fixture.message(in: fixture.annMailbox, id: "g2", from: "carol@client.example",
                                    to: ["ann@alpha.example"], subject: "No files")
        let plainID = try fixture.store.recordIncoming(plain).id
        #expect(try fixture.store.incomingAttachments(emailID: plainID, in: fixture.ann.scope)?.attachments == [])
        #expect(try fixture.store.count("SELECT attachment_count FROM incoming_emails WHERE id = \(plainID)") == 0)
    }

    @Test func anotherTeamSeesNoSuchEmailButTeammatesAndAdministratorsDo() throws {
        let fixture = try StoreFixture()
        let id = try fixture.store.recordIncoming(email(in: fixture.annMailbox, keeping: 100)).id
        #expect(try fixture.store.incomingAttachments(emailID: id, in: fixture.bob.scope) == nil)
        #expect(try fixture.store.incomingAttachments(emailID: id, in: fixture.al.scope)?.attachments?.count == 3)
        #expect(try fixture.store.incomingAttachments(emailID: id, in: fixture.ada.scope)?.attachments?.count == 3)
        #expect(try fixture.store.incomingAttachments(emailID: id + 1, in: fixture.ann.scope) == nil)
    }

    @Test func mailStoredBeforeAttachmentsWereRecordedIsNotKnownUntilReadAgain() throws {
        let fixture = try StoreFixture()
        let id = try fixture.store.recordIncoming(email(in: fixture.annMailbox, keeping: 100)).id
        // As a database migrated from before 012c holds it.
        try fixture.store.connection.execute("DELETE FROM incoming_attachments")
        try fixture.store.connection.execute("UPDATE incoming_emails SET attachment_count = NULL")
        #expect(try fixture.store.incomingAttachments(emailID: id, in: fixture.ann.scope)?.attachments == nil)
        // Imported (or fetched) again: now known, and only once.
        #expect(try !fixture.store.recordIncoming(email(in: fixture.annMailbox, keeping: 10)).isNew)
        let known = try #require(try fixture.store.incomingAttachments(emailID: id, in: fixture.ann.scope)?.attachments)
        #expect(known.map(\.isKept) == [true, true, false])
        #expect(try !fixture.store.recordAttachments(known, incoming: id))
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_attachments") == 3)
    }

    @Test func readingAgainUnderAHigherLimitKeepsTheBytesItDidNotKeepBefore() throws {
        let fixture = try StoreFixture()
        let id = try fixture.store.recordIncoming(email(in: fixture.annMailbox, keeping: 0)).id
        _ = try fixture.store.recordIncoming(email(in: fixture.annMailbox, keeping: 10))
        var attachments = try #require(try fixture.store.incomingAttachments(emailID: id, in: fixture.ann.scope)?.attachments)
        #expect(attachments.map(\.isKept) == [true, true, false])
        // Bytes that are not the file recorded are not taken.
        var forged = attachments[2]
        forged.data = [UInt8](repeating: 0x41, count: 40)
        #expect(try !fixture.store.recordAttachments([forged], incoming: id))
        attachments = try #require(try fixture.store.incomingAttachments(emailID: id, in: fixture.ann.scope)?.attachments)
        #expect(attachments[2].data == nil)
    }

    @Test func aMessageDeletedForGoodTakesItsAttachmentsWithIt() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.recordIncoming(email(in: fixture.annMailbox, keeping: 100))
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_attachments") == 3)
        #expect(try fixture.store.deleteIncoming(mailbox: fixture.annMailbox.id, gmailID: "g1"))
        #expect(try fixture.store.count("SELECT count(*) FROM incoming_attachments") == 0)
    }
}

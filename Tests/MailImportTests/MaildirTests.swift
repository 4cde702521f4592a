import Foundation
import Testing
@testable import MailImport

/// A Maildir's messages are its regular files; anything else in it is skipped and listed, never waited on.
@Suite(.timeLimit(.minutes(1))) struct MaildirTests {
    private func makeMaildir() throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("maildir-" + UUID().uuidString)
        for folder in ["cur", "new", "tmp", ".Sent/cur"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder),
                                                    withIntermediateDirectories: true)
        }
        return root
    }

    private func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    @Test func skipsWhatIsNotAMessageFileAndReadsTheRest() throws {
        let root = try makeMaildir()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("Subject: one\r\n\r\nfirst", to: root.appendingPathComponent("cur/1.host:2,S"))
        try write("Subject: two\r\n\r\nsecond", to: root.appendingPathComponent("new/2.host"))
        try write("Subject: sent\r\n\r\nthird", to: root.appendingPathComponent(".Sent/cur/3.host:2,S"))
        let pipe = root.appendingPathComponent("cur/4.host:2,S").path
        #expect(mkfifo(pipe, 0o600) == 0)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("cur/5.folder"),
                                                withIntermediateDirectories: false)
        let outside = root.deletingLastPathComponent().appendingPathComponent("outside-" + UUID().uuidString)
        try write("Subject: private\r\n\r\nnot for the team", to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        #expect(symlink(outside.path, root.appendingPathComponent("new/6.link").path) == 0)
        #expect(symlink("/etc", root.appendingPathComponent(".Elsewhere").path) == 0)

        let contents = try Maildir.contents(at: root)
        #expect(contents.items.map { URL(fileURLWithPath: $0.location).lastPathComponent } == ["1.host:2,S", "2.host", "3.host:2,S"])
        #expect(try contents.items.map { String(decoding: try $0.read(), as: UTF8.self) }
            == ["Subject: one\r\n\r\nfirst", "Subject: two\r\n\r\nsecond", "Subject: sent\r\n\r\nthird"])
        #expect(contents.items.map(\.labels) == [["INBOX"], ["INBOX", "UNREAD"], ["SENT"]])
        let skipped = Dictionary(uniqueKeysWithValues: contents.skipped.map {
            (URL(fileURLWithPath: $0.location).lastPathComponent, $0.reason)
        })
        #expect(skipped == [
            "4.host:2,S": "it is a named pipe (FIFO), not a file",
            "5.folder": "it is a folder, not a file",
            "6.link": "it is a symbolic link, which Rapport does not follow here",
            ".Elsewhere": "it is a symbolic link to a folder, which Rapport does not follow",
        ])
    }

    /// A message file swapped for a FIFO after the listing is refused when read, not waited on.
    @Test func aMessageReplacedByAPipeIsRefusedWhenRead() throws {
        let root = try makeMaildir()
        defer { try? FileManager.default.removeItem(at: root) }
        let message = root.appendingPathComponent("cur/1.host:2,S")
        try write("Subject: one\r\n\r\nfirst", to: message)
        let contents = try Maildir.contents(at: root)
        #expect(contents.items.count == 1)
        try FileManager.default.removeItem(at: message)
        #expect(mkfifo(message.path, 0o600) == 0)
        #expect(throws: (any Error).self) { try contents.items[0].read() }
        let parsed = MailImporter.parse(contents.items, mailboxID: 1)
        guard case .failure(let failure) = parsed.first?.outcome else {
            Issue.record("a FIFO was read as a message")
            return
        }
        #expect(failure.reason == "it is a named pipe (FIFO), not a file")
    }
}

/// Attachments of imported mail are read as sync reads them: each one recorded, bytes kept up to the limit.
@Suite struct MaildirAttachmentTests {
    @Test func eachAttachmentIsRecordedAndOnlyTheSmallOnesKeepTheirBytes() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("maildir-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let big = Data(repeating: 0x42, count: 600).base64EncodedString()
        let message = """
            From: carol@client.example\r
            Subject: Two files\r
            Message-ID: <two@client.example>\r
            Content-Type: multipart/mixed; boundary="x"\r
            \r
            --x\r
            Content-Type: text/plain\r
            \r
            See attached.\r
            --x\r
            Content-Type: text/plain; name="small.txt"\r
            Content-Disposition: attachment; filename="small.txt"\r
            \r
            tiny\r
            --x\r
            Content-Type: application/octet-stream\r
            Content-Disposition: attachment; filename="big.bin"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(big)\r
            --x--\r

            """
        try Data(message.utf8).write(to: root.appendingPathComponent("cur/1.host:2,S"))
        let parsed = MailImporter.parse(try Maildir.contents(at: root).items, mailboxID: 1, keepingAttachmentBytes: 100)
        guard case .success(let result)? = parsed.first?.outcome else {
            Issue.record("the message was not read")
            return
        }
        let attachments = result.email.attachments
        #expect(attachments.map(\.filename) == ["small.txt", "big.bin"])
        #expect(attachments.map(\.partID) == ["1", "2"])
        #expect(attachments.map(\.size) == [4, 600])
        #expect(attachments[0].data == Array("tiny".utf8))
        #expect(attachments[1].data == nil)
        #expect(result.email.gmailID == "import:two@client.example")
    }
}

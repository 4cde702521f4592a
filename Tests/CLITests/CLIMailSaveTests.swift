import CRMCore
import CRMStore
import Foundation
import MailFormat
import Testing

/// `rapport mail save`: files from mail saved under safe names, never over anything, kept bytes
/// from the database and the rest from the owner's own Gmail.
@Suite struct CLIMailSaveTests {
    static let pdf = [UInt8]("%PDF-1.4 quote".utf8)
    static let script = [UInt8]("#!/bin/sh\necho hi\n".utf8)

    /// ann's imported message with three attachments (a PDF; a name that climbs out of the folder; a
    /// name with an escape sequence and a leading dot), and one without any. Returns their ids.
    private func importFiles(_ home: CLIHome, config: String = "") throws -> (files: Int, plain: Int) {
        if !config.isEmpty {
            try config.write(to: home.folder.appendingPathComponent("config.ini"), atomically: true, encoding: .utf8)
        }
        var message = OutgoingMessage(from: MailAddress(name: "Carol", address: "carol@client.example"),
                                      to: [MailAddress(name: nil, address: "ann@alpha.example")], subject: "Files",
                                      body: "Attached.", date: Date(), messageID: "files@client.example")
        message.attachments = [
            .init(filename: "quote.pdf", contentType: "application/pdf", data: Self.pdf),
            .init(filename: "../../run.sh", contentType: "application/x-sh", data: Self.script),
            .init(filename: ".evil\u{1B}]0;pwned\u{07}.txt", contentType: "text/plain", data: Array("x".utf8)),
        ]
        let maildir = home.folder.appendingPathComponent("Mail")
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: maildir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data(MessageWriter.write(message)).write(to: maildir.appendingPathComponent("cur/1.host:2,S"))
        let plain = "From: carol@client.example\r\nSubject: Plain\r\nMessage-ID: <plain@client.example>\r\n\r\nNo files.\r\n"
        try Data(plain.utf8).write(to: maildir.appendingPathComponent("cur/2.host:2,S"))
        try home.ok(["import", "maildir", maildir.path], as: "ann")
        let ids = try home.sqlite("SELECT id FROM incoming_emails ORDER BY subject").split(separator: "\n").compactMap { Int($0) }
        return (ids[0], ids[1])
    }

    private func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func savesEveryAttachmentUnderSafeNamesAndNeverOverAnything() throws {
        let home = try CLIHome.withTwoTeams()
        let ids = try importFiles(home)
        let folder = home.folder.appendingPathComponent("saved")
        let first = try home.ok(["mail", "save", String(ids.files), "--dir", folder.path], as: "ann")
        #expect(first.split(separator: "\n").map(String.init) == ["quote.pdf", "_.._run.sh", "evil]0;pwned.txt"].map {
            folder.path + "/" + $0
        })
        #expect(FileManager.default.contents(atPath: folder.path + "/quote.pdf").map { [UInt8]($0) } == Self.pdf)
        #expect(FileManager.default.contents(atPath: folder.path + "/_.._run.sh").map { [UInt8]($0) } == Self.script)
        let mode = try FileManager.default.attributesOfItem(atPath: folder.path + "/quote.pdf")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int == 0o700)
        #expect(try names(home.folder).contains("run.sh") == false)

        // Again: numbered names. A link and a FIFO planted at the next names are passed over, not followed.
        let victim = home.folder.appendingPathComponent("victim")
        try Data("precious".utf8).write(to: victim)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/quote (1).pdf", withDestinationPath: victim.path)
        #expect(mkfifo(folder.path + "/_.._run (1).sh", 0o600) == 0)
        let second = try home.ok(["mail", "save", String(ids.files), "--dir", folder.path], as: "ann")
        #expect(second.split(separator: "\n").map(String.init) == ["quote (2).pdf", "_.._run (2).sh", "evil]0;pwned (1).txt"]
            .map { folder.path + "/" + $0 })
        #expect(FileManager.default.contents(atPath: victim.path) == Data("precious".utf8))
        #expect(try names(folder).count == 8)
    }

    @Test func aMissingOrWrongFolderAndAnUnknownOrOtherTeamsIdEndWithAClearLine() throws {
        let home = try CLIHome.withTwoTeams()
        let ids = try importFiles(home)
        let deep = home.folder.appendingPathComponent("no/such/folder").path
        let missing = try home.run(["mail", "save", String(ids.files), "--dir", deep], as: "ann")
        #expect(missing.status == 1)
        #expect(missing.stderr == "rapport: cannot open the folder \(deep): No such file or directory; make its parent "
                + "folder first, or choose another with --dir\n")
        let file = home.folder.appendingPathComponent("config.ini")
        try Data().write(to: file)
        let notFolder = try home.run(["mail", "save", String(ids.files), "--dir", file.path], as: "ann")
        #expect(notFolder.status == 1 && notFolder.stderr.contains("it is not a folder"))

        for (id, login) in [(String(ids.files), "bob"), ("999", "ann")] {
            let unknown = try home.run(["mail", "save", id, "--dir", home.folder.path + "/x"], as: login)
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "rapport: there is no message \(id); see rapport mail list\n")
        }
        let none = try home.run(["mail", "save", String(ids.plain), "--dir", home.folder.path + "/x"], as: "ann")
        #expect(none.status == 1 && none.stderr == "rapport: message \(ids.plain) has no attachments\n")
        #expect(!FileManager.default.fileExists(atPath: home.folder.path + "/x"), "no folder is made for nothing")
        let word = try home.run(["mail", "save", "latest"], as: "ann")
        #expect(word.status == 2 && word.stderr.contains("not “latest”"))
    }

    @Test func theDefaultFolderIsDownloadsOrTheOneInYourOwnConfigNeverTheHomes() throws {
        let home = try CLIHome.withTwoTeams()
        let ids = try importFiles(home)
        try "[mail]\ndownload_dir = /tmp/team-chosen\n".write(to: home.folder.appendingPathComponent("config.ini"),
                                                               atomically: true, encoding: .utf8)
        let user = home.folder.appendingPathComponent("user")
        let config = user.appendingPathComponent(".config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let environment = ["HOME": user.path, "XDG_CONFIG_HOME": config.path]
        let saved = try home.run(["mail", "save", String(ids.files)], as: "ann", environment: environment)
        #expect(saved.status == 0, "\(saved)")
        #expect(saved.stdout.hasPrefix(user.path + "/Downloads/quote.pdf\n"))
        #expect(saved.stderr.contains("ignoring download_dir under [mail]"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/team-chosen/quote.pdf"))

        try FileManager.default.createDirectory(at: config.appendingPathComponent("rapport"), withIntermediateDirectories: true)
        try "[mail]\ndownload_dir = ~/Inbox files\n".write(to: config.appendingPathComponent("rapport/config.ini"),
                                                           atomically: true, encoding: .utf8)
        let own = try home.run(["mail", "save", String(ids.files)], as: "ann", environment: environment)
        #expect(own.stdout.hasPrefix(user.path + "/Inbox files/quote.pdf\n"), "\(own)")
    }

    @Test func importedBytesOverTheLimitAreNotKeptAndSaySo() throws {
        let home = try CLIHome.withTwoTeams()
        let ids = try importFiles(home, config: "[mail]\nkeep_attachments_mb = 0\n")
        let folder = home.folder.appendingPathComponent("saved")
        let result = try home.run(["mail", "save", String(ids.files), "--dir", folder.path], as: "ann")
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.errorLines.count == 3)
        #expect(result.errorLines.first == "rapport: attachment 1 (14 bytes) was not kept when the email was imported (it "
                + "was over [mail] keep_attachments_mb) and imported mail is not in Gmail; import it again with a higher limit")
        // As it says: imported again with a higher limit, the bytes are kept.
        try "[mail]\nkeep_attachments_mb = 1\n".write(to: home.folder.appendingPathComponent("config.ini"),
                                                    atomically: true, encoding: .utf8)
        try home.ok(["import", "maildir", home.folder.appendingPathComponent("Mail").path], as: "ann")
        #expect(try home.ok(["mail", "save", String(ids.files), "--dir", folder.path], as: "ann").split(separator: "\n").count == 3)
        try "[mail]\nkeep_attachments_mb = 51\n".write(to: home.folder.appendingPathComponent("config.ini"),
                                                     atomically: true, encoding: .utf8)
        let range = try home.run(["import", "maildir", home.folder.appendingPathComponent("Mail").path], as: "ann")
        #expect(range.status == 1 && range.stderr.contains("[mail] keep_attachments_mb = 51 is out of range; use a whole "
                                                           + "number from 0 to 50 (MB per attachment)"))
    }

    /// Synced mail: a file not kept comes from the owner's Gmail when they save it; a teammate is told
    /// whose mailbox holds it.
    @Test func aFileNotKeptComesFromTheOwnersGmailAndATeammateIsToldWhose() throws {
        let setup = try CLISyncTests.SyncHome(messages: 0, latency: 0)
        let home = setup.home
        try "[sync]\nunits_per_second = 3000\n[mail]\nkeep_attachments_mb = 0\n"
            .write(to: home.folder.appendingPathComponent("config.ini"), atomically: true, encoding: .utf8)
        setup.simulator.configuration.rotateAttachmentIDs = true
        var message = OutgoingMessage(from: MailAddress(name: "Carol", address: "carol@client.example"),
                                      to: [MailAddress(name: nil, address: CLISyncTests.SyncHome.account)],
                                      subject: "Contract", body: "Signed copy attached.", date: Date(),
                                      messageID: "contract@client.example")
        message.attachments = [.init(filename: "contract.pdf", contentType: "application/pdf", data: Self.pdf)]
        _ = setup.simulator.deliver(raw: MessageWriter.write(message), to: CLISyncTests.SyncHome.account)
        #expect(try setup.sync().status == 0)
        let id = try home.sqlite("SELECT id FROM incoming_emails WHERE subject = 'Contract'")
        #expect(try home.sqlite("SELECT count(*) FROM incoming_attachments WHERE data IS NULL") == "1")

        let folder = home.folder.appendingPathComponent("saved")
        for round in 0..<2 {
            let saved = try home.run(["mail", "save", id, "--dir", folder.path], as: "ann", environment: setup.environment)
            #expect(saved.status == 0, "\(saved)")
            #expect(saved.stdout == folder.path + (round == 0 ? "/contract.pdf\n" : "/contract (1).pdf\n"))
        }
        #expect(FileManager.default.contents(atPath: folder.path + "/contract.pdf").map { [UInt8]($0) } == Self.pdf)
        let fetched = setup.simulator.requestLog.filter { $0.method == .attachmentsGet }
        #expect(fetched.count == 2 && Set(fetched.map(\.path)).count == 2, "a fresh attachment id for each save")

        try home.ok(["user", "add", "al", "--name", "Al Ames", "--team", "Alpha"])
        let teammate = try home.run(["mail", "save", id, "--dir", folder.path], as: "al", environment: setup.environment)
        #expect(teammate.status == 1 && teammate.stdout.isEmpty)
        #expect(teammate.stderr == "rapport: attachment 1 (14 bytes) is kept only in the Gmail of ann@alpha.example, Ann "
                + "Lee's mailbox; ann can save it with rapport mail save \(id)\n")
        #expect(setup.simulator.requestLog.filter { $0.method == .attachmentsGet }.count == 2)
    }

    /// Mail from Gmail stored in ann's mailbox, its file not kept; as sync would store it.
    private func storeSynced(_ home: CLIHome) throws -> Int64 {
        let store = try Store(path: home.database.path)
        var message = OutgoingMessage(from: MailAddress(name: "Carol", address: "carol@client.example"),
                                      to: [MailAddress(name: nil, address: "ann@alpha.example")], subject: "Deck",
                                      body: "Attached.", date: Date(), messageID: "deck@client.example")
        message.attachments = [.init(filename: "deck.pdf", contentType: "application/pdf", data: Self.pdf)]
        let mailbox = try #require(try store.mailbox(email: EmailAddress("ann@alpha.example")!, in: .everyone))
        let email = IncomingEmail(message: Message(bytes: MessageWriter.write(message)), mailboxID: mailbox.id,
                                  gmailID: "18f3a9c2d41b7e05", threadID: "18f3a9c2d41b7e05", labels: ["INBOX"],
                                  receivedAt: Date(), keepingAttachmentBytes: 0)
        return try store.recordIncoming(email).id
    }

    @Test func withoutASignInHereOrWithAttachmentsNotYetKnownItSaysWhatToDo() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["user", "add", "al", "--name", "Al Ames", "--team", "Alpha"])
        let id = try storeSynced(home)
        let folder = home.folder.appendingPathComponent("saved").path
        let noSignIn = try home.run(["mail", "save", String(id), "--dir", folder], as: "ann")
        #expect(noSignIn.status == 1)
        #expect(noSignIn.stderr == "rapport: no stored sign-in for ann@alpha.example on this machine; run rapport "
                + "account add ann@alpha.example\n")
        #expect(try home.sqlite("SELECT count(*) FROM mailboxes WHERE last_error IS NOT NULL") == "0",
                "saving records nothing on the mailbox")

        // Stored before attachments were recorded: a teammate learns who can save them.
        _ = try home.sqlite("DELETE FROM incoming_attachments; UPDATE incoming_emails SET attachment_count = NULL;")
        let unknown = try home.run(["mail", "save", String(id), "--dir", folder], as: "al")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "rapport: message \(id) was stored before Rapport recorded attachments; ann can save "
                + "them from the Gmail of ann@alpha.example with rapport mail save \(id)\n")
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}

import CRMCore
import CRMStore
import Foundation
@testable import RapportApp
import TerminalUI
import Testing

/// `s` in a conversation or a message: the selected email's attachments saved as real files in the
/// download folder by the rule `rapport mail save` follows (safe names, never replacing a file, kept
/// bytes only), the status line saying where, and `$RAPPORT_OPENER` run on a file saved alone.
@MainActor @Suite struct AttachmentSaveKeyScriptTests {
    static let figures: [UInt8] = Array("a,b\n1,2\n".utf8)

    /// Ann's app, after `folder` and `opener` are set, with one email whose attachments are
    /// `attachments` (figures.csv kept; contract.pdf in Gmail only), its conversation open.
    func appWithAttachments(_ names: [String] = ["figures.csv", "contract.pdf"], folder: Bool = true,
                            opener: FileOpener? = nil) throws -> (AppFixture, Int64, String) {
        let app = try AppFixture(size: TerminalSize(columns: 120, rows: 40))
        let downloads = app.folder.appendingPathComponent("Downloads").path
        app.downloadFolder = folder ? downloads : nil
        app.opener = opener
        let attachments = names.enumerated().map { position, name in
            let kept = name != "contract.pdf"
            return IncomingAttachment(position: position, filename: name, contentType: "application/octet-stream",
                                      size: kept ? Self.figures.count : 2_400_000, sha256: "s\(position)",
                                      partID: "\(position + 1)", data: kept ? Self.figures : nil)
        }
        try app.store.recordIncoming(IncomingEmail(
            mailboxID: app.mailbox.id, gmailID: "att1", threadID: "t-att", messageID: "att1@mail.example",
            fromName: "Carol Client", fromAddress: EmailAddress("carol@acme.example"), to: [app.mailbox.email], cc: [],
            subject: "Signed contract", snippet: "", bodyText: "Attached.", internalDate: AppFixture.now.addingTimeInterval(-60),
            labels: ["INBOX"], attachments: attachments))
        let id = try #require(try app.store.connection.first("SELECT id FROM incoming_emails WHERE gmail_id = 'att1'"))
            .int64("id")
        app.restart()
        app.type("Tab Enter")
        return (app, id, downloads)
    }

    private func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    private func status(_ app: AppFixture) -> String { app.controller.state.notice?.text ?? "" }

    @Test func oneByNumberThenAllNeverReplacingAndRefusingWhatOnlyGmailHas() throws {
        let (app, id, downloads) = try appWithAttachments()
        app.type("s")
        #expect(app.text.contains("Save attachment (1–2, Enter for all)"), "\(app.text)")
        app.type("1 Enter")
        #expect(files(downloads) == ["figures.csv"])
        #expect(FileManager.default.contents(atPath: downloads + "/figures.csv").map(Array.init) == Self.figures)
        #expect(status(app) == "Saved “figures.csv” in \(downloads).", "\(status(app))")
        app.type("s 1 Enter")
        #expect(files(downloads) == ["figures (1).csv", "figures.csv"], "a second save never replaces the first")
        app.type("s Enter")
        #expect(files(downloads) == ["figures (1).csv", "figures (2).csv", "figures.csv"], "only kept bytes are written")
        #expect(status(app).hasPrefix("Saved “figures (2).csv” in \(downloads). Attachment 2 (2.3 MB) is kept only in "
                                      + "the Gmail of ann@northwind.example"), "\(status(app))")
        #expect(status(app).contains("ann can save it with rapport mail save \(id)"))
        #expect(app.controller.state.notice?.isError == true)
        app.type("s 2 Enter")
        #expect(files(downloads).count == 3)
        #expect(status(app).hasPrefix("Attachment 2 (2.3 MB) is kept only in the Gmail"), "\(status(app))")
        app.type("s 7 Enter")
        #expect(status(app).contains("There is no attachment “7”"), "\(status(app))")
    }

    @Test func unsafeNamesAreMadeSafe() throws {
        let (app, _, downloads) = try appWithAttachments(["../../etc/passwd"])
        app.type("s")
        #expect(app.controller.state.prompt == nil, "one attachment saves without asking")
        #expect(files(downloads).count == 1)
        #expect(!FileManager.default.fileExists(atPath: app.folder.appendingPathComponent("etc/passwd").path))
        #expect(!files(downloads)[0].contains("/"))
    }

    @Test func theOpenerIsRunWithThePathAsOneArgument() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("opener-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let record = scratch.appendingPathComponent("opened").path
        let script = scratch.appendingPathComponent("open-it").path
        try "#!/bin/sh\nprintf '%s|%s' \"$#\" \"$1\" > '\(record)'\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let (app, _, downloads) = try appWithAttachments(["q1 figures; rm -rf.csv"], opener: FileOpener(program: script))
        app.type("s")
        let saved = downloads + "/" + files(downloads)[0]
        #expect(try String(contentsOfFile: record, encoding: .utf8) == "1|\(saved)", "one argument, no shell")
        #expect(status(app).hasSuffix("Opened with $RAPPORT_OPENER."), "\(status(app))")

        let failing = scratch.appendingPathComponent("fail").path
        try "#!/bin/sh\nexit 3\n".write(toFile: failing, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: failing)
        app.opener = FileOpener(program: failing)
        app.restart()
        app.type("Tab Enter s")
        #expect(status(app).contains("failed to open it (exit status 3)"), "\(status(app))")
        #expect(app.controller.state.notice?.isError == true)
        app.opener = FileOpener(program: scratch.appendingPathComponent("none").path)
        app.restart()
        app.type("Tab Enter s")
        #expect(status(app).contains("which is not a program here"), "\(status(app))")
        #expect(files(downloads).count == 3, "each file was saved before the opener ran")
    }

    @Test func withoutADownloadFolderItSaysHowToSave() throws {
        let (app, id, _) = try appWithAttachments(folder: false)
        app.type("s Enter")
        #expect(status(app) == "Attachments cannot be saved from this window; run rapport mail save \(id).")
    }

    private func message(_ id: Int64) -> MailMessage {
        MailMessage(id: id, mailbox: EmailAddress("ann@northwind.example")!, direction: .incoming, fromName: "Carol Client",
                    fromAddress: EmailAddress("carol@acme.example"), to: [EmailAddress("ann@northwind.example")!], cc: [],
                    subject: "Signed contract", date: AppState.testNow, bodyText: "Attached.", labels: ["INBOX"])
    }

    @Test func theMessageViewListsAttachmentsAndSAsksForTheOpenMessage() {
        var state = AppState.testing(on: .message(.incoming(5)))
        state.reduce(.loaded(.message(message(5), attachments: [
            AttachmentSummary(filename: "a.pdf", size: 10, isKept: true),
            AttachmentSummary(filename: "b.pdf", size: 2_400_000, isKept: false),
        ])))
        #expect(state.press("s").isEmpty)
        #expect(state.prompt?.purpose == .saveAttachment(messageID: 5, count: 2))
        #expect(state.press("2 Enter") == [.saveAttachments(messageID: 5, position: 1)])
        let text = AppView(state: state).render().lines.joined(separator: "\n")
        #expect(text.contains("+ a.pdf (10 bytes)") && text.contains("+ b.pdf (2.3 MB, in Gmail only)"), "\(text)")
        state = AppState.testing(on: .message(.incoming(5)))
        state.reduce(.loaded(.message(message(5))))
        #expect(state.press("s").isEmpty)
        #expect(state.notice?.text == "This email has no attachments.")
    }
}

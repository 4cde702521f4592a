import CRMCore
import CRMStore
import DeterministicRandom
import Foundation
import GmailSimulator
import MailFormat
import RapportTestSupport
import Testing

/// `rapport mail read|unread|archive|unarchive|trash|untrash ID` through the real binary: what it says,
/// whose mail it may change, and that sync takes the change to Gmail even when killed with -9 between
/// the change and the call.
@Suite(.serialized) struct CLIMailActionTests {
    typealias SyncHome = CLISyncTests.SyncHome
    static let account = SyncHome.account

    /// The stored id of the message with `subject`.
    private func id(_ subject: String, in home: CLIHome) throws -> Int64 {
        let store = try Store(path: home.database.path)
        return try #require(try store.connection.first("SELECT id FROM incoming_emails WHERE subject = ?", subject)).int64(0)
    }

    private func gmailLabels(_ subject: String, _ setup: SyncHome) throws -> Set<String> {
        let message = try #require(setup.simulator.messages(in: Self.account).first {
            MailFormat.Message(bytes: $0.raw).subject == subject
        })
        return Set(message.labelIds)
    }

    private func localLabels(_ subject: String, in home: CLIHome) throws -> Set<String> {
        let store = try Store(path: home.database.path)
        return Set(try #require(try store.connection.first("SELECT labels FROM incoming_emails WHERE subject = ?", subject))
            .strings(0))
    }

    private func mail(_ words: String..., setup: SyncHome) throws -> CLIResult {
        try setup.home.run(["mail"] + words, as: "ann", environment: setup.environment)
    }

    /// A reply to "Message 0", in its Gmail thread.
    private func deliverReply(_ setup: SyncHome) {
        let reply = OutgoingMessage(from: MailAddress(name: "Carol", address: "carol@client.example"),
                                    to: [MailAddress(name: nil, address: Self.account)], subject: "Re: Message 0",
                                    body: "Answer", date: Date(), messageID: "reply0@mail.example")
        var message = reply
        message.inReplyTo = "m0@mail.example"
        message.references = ["m0@mail.example"]
        _ = setup.simulator.deliver(raw: MessageWriter.write(message), to: Self.account)
    }

    @Test func eachActionSaysWhatChangedAndTheNextSyncTakesItToGmail() throws {
        let setup = try SyncHome(messages: 3, latency: 0)
        deliverReply(setup)
        #expect(try setup.sync().status == 0)
        let home = setup.home
        let first = try id("Message 1", in: home)
        let second = try id("Message 2", in: home)
        let reply = try id("Re: Message 0", in: home)
        func says(_ words: [String], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = try home.run(["mail"] + words, as: "ann", environment: setup.environment)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result)", sourceLocation: sourceLocation)
            #expect(result.stdout == expected + "\n", sourceLocation: sourceLocation)
        }
        let gmail = "Gmail will have it after the next sync (rapport sync)."
        try says(["read", "\(first)"], "Marked message \(first) as read. \(gmail)")
        try says(["read", "\(first)"], "Message \(first) is already read.")
        try says(["unread", "\(second)"], "Message \(second) is already unread.")
        try says(["read", "\(second)"], "Marked message \(second) as read. \(gmail)")
        try says(["unread", "\(second)"], "Marked message \(second) as unread. \(gmail)")
        try says(["archive", "\(first)"], "Archived message \(first). \(gmail)")
        try says(["archive", "\(reply)"], "Archived the conversation of message \(reply) (2 messages). \(gmail)")
        try says(["unarchive", "\(reply)"], "Moved the conversation of message \(reply) back to the inbox (2 messages). \(gmail)")
        try says(["trash", "\(reply)"], "Moved the conversation of message \(reply) to the trash (2 messages). \(gmail)")
        try says(["trash", "\(reply)"], "The conversation of message \(reply) is already in the trash.")
        try says(["untrash", "\(reply)"],
                 "Took the conversation of message \(reply) out of the trash, back to the inbox (2 messages). \(gmail)")
        try says(["untrash", "\(first)"], "Message \(first) is not in the trash.")
        try says(["trash", "\(first)"], "Moved message \(first) to the trash. \(gmail)")

        #expect(try localLabels("Message 1", in: home) == ["TRASH"])
        #expect(try gmailLabels("Message 1", setup) == ["INBOX", "UNREAD"], "Gmail has nothing yet")
        let listed = try home.run(["account", "list"], as: "ann", environment: setup.environment)
        #expect(listed.stdout.contains("\(Self.account): 4 changes waiting for Gmail"), "\(listed.stdout)")

        let synced = try setup.sync()
        #expect(synced.status == 0, "\(synced)")
        #expect(synced.stdout == "\(Self.account): caught up\n")
        #expect(try gmailLabels("Message 1", setup) == ["TRASH"])
        #expect(try gmailLabels("Message 2", setup) == ["INBOX", "UNREAD"])
        #expect(try gmailLabels("Message 0", setup) == ["INBOX", "UNREAD"])
        #expect(try gmailLabels("Re: Message 0", setup) == ["INBOX", "UNREAD"])
        for subject in ["Message 0", "Message 1", "Message 2", "Re: Message 0"] {
            #expect(try localLabels(subject, in: home) == gmailLabels(subject, setup), "\(subject)")
        }
        let after = try home.run(["account", "list"], as: "ann", environment: setup.environment)
        #expect(!after.stdout.contains("waiting"), "\(after.stdout)")
    }

    @Test func badIdsAndOtherPeoplesMailAreRefused() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["user", "add", "al", "--name", "Al Ames", "--team", "Alpha"])
        let store = try Store(path: home.database.path)
        func message(_ owner: String, _ gmailID: String, subject: String) throws -> Int64 {
            let mailbox = try #require(try store.mailboxes(in: .everyone).first { $0.email.value == owner })
            let email = IncomingEmail(mailboxID: mailbox.id, gmailID: gmailID, threadID: "t-\(gmailID)", messageID: nil,
                                      fromName: nil, fromAddress: EmailAddress("carol@client.example"),
                                      to: [mailbox.email], cc: [], subject: subject, snippet: "", bodyText: "Hi",
                                      internalDate: Date(), labels: ["INBOX", "UNREAD"])
            return try store.recordIncoming(email).id
        }
        let anns = try message("ann@alpha.example", "18f0000000000001", subject: "For Ann")
        let bobs = try message("bob@beta.example", "18f0000000000002", subject: "For Bob")
        let imported = try message("ann@alpha.example", IncomingEmail.importedIDPrefix + "old@mail", subject: "Imported")

        func refused(_ words: [String], as login: String, status: Int32, _ text: String,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = try home.run(["mail"] + words, as: login)
            #expect(result.status == status, "\(result)", sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
            #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
        }
        try refused(["read"], as: "ann", status: 2, "rapport help mail read")
        try refused(["read", "abc"], as: "ann", status: 2, "“abc” is not a message id")
        try refused(["trash", "-3"], as: "ann", status: 2, "“-3” is not a message id")
        try refused(["archive", "\(anns)", "\(anns)"], as: "ann", status: 2, "does not take “\(anns)”")
        try refused(["read", "\(anns)", "--json"], as: "ann", status: 2, "--json")
        try refused(["read", "999999"], as: "ann", status: 1, "rapport: there is no message 999999 in your team; see rapport mail list")
        // Another team's message reads exactly like one that does not exist.
        try refused(["archive", "\(anns)"], as: "bob", status: 1, "rapport: there is no message \(anns) in your team; see rapport mail list")
        try refused(["read", "\(anns)"], as: "al", status: 1, "cannot change message \(anns): it is in ann's mailbox, and only its owner")
        try refused(["trash", "\(bobs)"], as: "ada", status: 1, "it is in bob's mailbox")
        #expect(try store.count("SELECT count(*) FROM label_changes") == 0)
        #expect(try store.count("SELECT count(*) FROM incoming_emails WHERE labels = '[\"INBOX\",\"UNREAD\"]'") == 3)

        let result = try home.run(["mail", "read", "\(imported)"], as: "ann")
        #expect(result.status == 0)
        #expect(result.stdout == "Marked message \(imported) as read. It was imported, not synced from Gmail, so only "
                + "Rapport's copy changes.\n")
        #expect(try store.count("SELECT count(*) FROM label_changes") == 0)
    }

    @Test func aChangeGmailRefusesIsShownAsWaiting() throws {
        let setup = try SyncHome(messages: 1, latency: 0)
        #expect(try setup.sync().status == 0)
        let message = try id("Message 0", in: setup.home)
        #expect(try mail("read", "\(message)", setup: setup).status == 0)
        setup.simulator.failNext(method: .messagesModify, count: 1, status: 403, reason: "insufficientPermissions",
                                 message: "Request had insufficient authentication scopes.")
        let synced = try setup.sync()
        #expect(synced.status == 0, "\(synced)")
        #expect(synced.stdout == "\(Self.account): caught up; 1 change waiting for Gmail\n")
        #expect(synced.stderr.contains("a label change will be tried again later"), "\(synced.stderr)")
        let listed = try setup.home.run(["account", "list"], as: "ann", environment: setup.environment)
        #expect(listed.stdout.hasSuffix("\(Self.account): 1 change waiting for Gmail\n"), "\(listed.stdout)")
        #expect(try localLabels("Message 0", in: setup.home) == ["INBOX"], "still read here")
    }

    /// kill -9 after the change is stored and before any call to Gmail: the test holds the database's
    /// write lock, so the sync waits before its first step (it takes the mailbox's lease), and dies there.
    @Test func killedBetweenTheChangeAndTheCallTheNextSyncDeliversIt() throws {
        let setup = try SyncHome(messages: 3, latency: 0)
        #expect(try setup.sync().status == 0)
        for (action, subject) in [("read", "Message 0"), ("archive", "Message 1"), ("trash", "Message 2")] {
            #expect(try mail(action, "\(try id(subject, in: setup.home))", setup: setup).status == 0)
        }
        setup.simulator.clearRequestLog()
        let store = try Store(path: setup.home.database.path)
        try store.connection.write {
            let process = try setup.home.start(["sync", "--once"], as: "ann", environment: setup.environment)
            usleep(800_000)
            #expect(process.isRunning, "the sync waits for the write lock")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        #expect(setup.simulator.requestLog.isEmpty, "killed before it called Gmail")
        #expect(try store.count("SELECT count(*) FROM label_changes") == 3, "the changes survived the kill")
        let final = try setup.sync()
        #expect(final.status == 0, "\(final)")
        #expect(try gmailLabels("Message 0", setup) == ["INBOX"])
        #expect(try gmailLabels("Message 1", setup) == ["UNREAD"])
        #expect(try gmailLabels("Message 2", setup) == ["UNREAD", "TRASH"])
        #expect(try store.count("SELECT count(*) FROM label_changes") == 0)
    }

    /// Changes made between syncs that are killed at random moments: in the end Gmail and Rapport agree
    /// on every message, and nothing waits.
    @Test func killedAtRandomWhileChangesAreMadeGmailEndsWithEveryChange() throws {
        let setup = try SyncHome(messages: 12, latency: 0.03)
        #expect(try setup.sync().status == 0)
        let subjects = (0..<12).map { "Message \($0)" }
        let ids = try subjects.map { try id($0, in: setup.home) }
        var random = SeededRandom(seed: 0x1AB3)
        for _ in 0..<15 {
            for _ in 0..<3 {
                let action = MailAction.allCases[random.below(MailAction.allCases.count)]
                #expect(try mail(action.rawValue, "\(ids[random.below(ids.count)])", setup: setup).status == 0)
            }
            try setup.killedSync(after: 0.05 + Double(random.below(400)) / 1000)
        }
        let final = try setup.sync()
        #expect(final.status == 0, "\(final)")
        #expect(final.stdout == "\(Self.account): caught up\n")
        for subject in subjects {
            #expect(try localLabels(subject, in: setup.home) == gmailLabels(subject, setup), "\(subject)")
        }
    }
}

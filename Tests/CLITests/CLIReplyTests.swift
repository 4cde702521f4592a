import CRMCore
import Foundation
import GmailSimulator
import MailFormat
import RapportTestSupport
import Testing

/// `compose --reply-to`, `--reply-all` and `--forward` through the real binary and `rapport sync`
/// against the simulated Gmail: each lands in its parent's thread with In-Reply-To and References,
/// goes to whom it should with their names, keeps a forwarded email's attachments, and carries the
/// user's own signature.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
struct CLIReplyTests {
    static let ann = CLISyncTests.SyncHome.account

    /// A synced home whose mailbox holds Carol's question to Ann and Dan, copied to Eve; the user's
    /// config folder is a fresh one of the test's (`config`).
    final class Setup {
        let sync: CLISyncTests.SyncHome
        let config: URL
        let parentGmailID: String

        init() throws {
            sync = try CLISyncTests.SyncHome(messages: 0, latency: 0)
            config = sync.home.folder.appendingPathComponent("xdg-config")
            try FileManager.default.createDirectory(at: config.appendingPathComponent("rapport/signatures"),
                                                    withIntermediateDirectories: true)
            parentGmailID = sync.simulator.deliver(raw: TestMail.question(to: CLIReplyTests.ann), to: CLIReplyTests.ann)
            try sync.sync()
        }

        var home: CLIHome { sync.home }

        /// Runs `rapport ARGS` as ann with the test's config folder.
        func run(_ arguments: [String]) throws -> CLIResult {
            try home.run(arguments, as: "ann", environment: sync.environment.merging(
                ["XDG_CONFIG_HOME": config.path]) { $1 })
        }

        /// Composes with `arguments` (queued), syncs, and returns the message Gmail got.
        func send(_ arguments: [String]) throws -> (id: String, message: Message) {
            let composed = try run(["compose", "--queue"] + arguments)
            #expect(composed.status == 0 && composed.stderr.isEmpty, "\(composed)")
            let id = composed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try sync.sync().status == 0)
            #expect(try home.sqlite("SELECT status FROM outgoing_emails WHERE id = \(id)") == "sent")
            let raw = try #require(sync.simulator.sentMessages(for: CLIReplyTests.ann).last)
            return (id, Message(bytes: raw))
        }

        func threadID(ofGmail id: String) -> String? { sync.simulator.message(id: id, in: CLIReplyTests.ann)?.threadId }

        func threadID(ofOutgoing id: String) throws -> String? {
            threadID(ofGmail: try home.sqlite("SELECT gmail_id FROM outgoing_emails WHERE id = \(id)"))
        }

        var parentActivity: String {
            get throws { try home.sqlite("SELECT id FROM activities WHERE message_key = 'p1@client.example'") }
        }

        var parentMail: String {
            get throws { try home.sqlite("SELECT id FROM incoming_emails WHERE message_id = 'p1@client.example'") }
        }
    }

    private func names(_ list: [MailAddress]) -> [String] { list.map { "\($0.name ?? "") <\($0.address ?? "")>" } }

    @Test func aReplyToATimelineEntryLandsInItsThread() throws {
        let setup = try Setup()
        let (id, message) = try setup.send(["--reply-to", try setup.parentActivity, "--body", "Yes, 10% it is."])
        #expect(message.subject == "Re: Pricing")
        #expect(message.inReplyTo == ["p1@client.example"])
        #expect(message.references == ["p0@client.example", "p1@client.example"])
        #expect(names(message.to) == ["Carol Client <carol@client.example>"] && message.cc.isEmpty)
        #expect(message.text?.hasPrefix("Yes, 10% it is.\r\n\r\nOn ") == true)
        #expect(message.text?.contains("Carol Client <carol@client.example> wrote:\r\n> Can you do 10% off?") == true)
        #expect(try setup.threadID(ofOutgoing: id) == setup.threadID(ofGmail: setup.parentGmailID))
    }

    @Test func aReplyToAllOfAMailIDGoesToEveryoneButUs() throws {
        let setup = try Setup()
        let (id, message) = try setup.send(["--reply-to", "mail:" + (try setup.parentMail), "--reply-all",
                                            "--body", "Deal."])
        #expect(names(message.to) == ["Carol Client <carol@client.example>", "Dan Deals <dan@client.example>"])
        #expect(names(message.cc) == ["Eve Early <eve@client.example>"])
        #expect(message.inReplyTo == ["p1@client.example"])
        #expect(try setup.threadID(ofOutgoing: id) == setup.threadID(ofGmail: setup.parentGmailID))
        // Names typed in --to win, and the subject can be given.
        let (_, other) = try setup.send(["--reply-to", try setup.parentActivity, "--to", #""Lee, Carol" <carol@client.example>"#,
                                         "--subject", "Re: Pricing (revised)", "--body", "Revised."])
        #expect(names(other.to) == ["Lee, Carol <carol@client.example>"] && other.subject == "Re: Pricing (revised)")
        #expect(other.inReplyTo == ["p1@client.example"])
    }

    @Test func aForwardOfSentMailKeepsItsAttachmentsAndThread() throws {
        let setup = try Setup()
        let file = setup.home.folder.appendingPathComponent("Angebot für Müller.pdf")
        let pdf = Data((0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        try pdf.write(to: file)
        let (quote, _) = try setup.send(["--to", "carol@client.example", "--subject", "Quote", "--body", "Attached.",
                                         "--attach", file.path])
        let (id, message) = try setup.send(["--forward", "outbox:" + quote, "--to", #""Q, Eve" <eve@client.example>"#,
                                            "--body", "FYI"])
        #expect(message.subject == "Fwd: Quote")
        #expect(names(message.to) == ["Q, Eve <eve@client.example>"])
        #expect(message.bodyStructure.attachments.map(\.filename) == ["Angebot für Müller.pdf"])
        #expect(message.bodyStructure.attachments.first.map { Data($0.decodedBody) } == pdf)
        #expect(message.text?.contains("FYI\r\n\r\n---------- Forwarded message ---------\r\nFrom: Ann Lee <ann@alpha.example>")
                == true)
        #expect(try setup.threadID(ofOutgoing: id) == setup.threadID(ofOutgoing: quote))
    }

    @Test func theUsersOwnSignatureGoesUnderWhatTheyWrite() throws {
        let setup = try Setup()
        let all = setup.config.appendingPathComponent("rapport/signature")
        try "Ann\nAlpha Sales\n".write(to: all, atomically: true, encoding: .utf8)
        let (_, plain) = try setup.send(["--to", "carol@client.example", "--subject", "Hello", "--body", "Hi Carol"])
        #expect(plain.text == "Hi Carol\r\n\r\n-- \r\nAnn\r\nAlpha Sales")
        let own = setup.config.appendingPathComponent("rapport/signatures/ann@alpha.example")
        try "Ann Lee, for Alpha".write(to: own, atomically: true, encoding: .utf8)
        let (_, reply) = try setup.send(["--reply-to", try setup.parentActivity, "--body", "Yes."])
        #expect(reply.text?.hasPrefix("Yes.\r\n\r\n-- \r\nAnn Lee, for Alpha\r\n\r\nOn ") == true, "the mailbox's own wins")
        let (_, bare) = try setup.send(["--to", "carol@client.example", "--subject", "Bare", "--body", "x",
                                        "--no-signature"])
        #expect(bare.text == "x")
        // A signature that is a link to someone else's file is not read.
        try FileManager.default.removeItem(at: own)
        try FileManager.default.createSymbolicLink(at: own, withDestinationURL: all)
        let linked = try setup.run(["compose", "--to", "carol@client.example", "--subject", "S", "--body", "y"])
        #expect(linked.status == 0)
        #expect(linked.stderr.hasPrefix("rapport: no signature: cannot read \(own.path): it is a symbolic link"),
                "\(linked)")
        let body = try setup.home.sqlite("SELECT body_text FROM outgoing_emails WHERE id = \(linked.stdout)")
        #expect(body == "y")
    }

    @Test func whatCannotBeAnsweredIsSaid() throws {
        let setup = try Setup()
        func refused(_ arguments: [String]) throws -> String {
            let result = try setup.run(["compose"] + arguments)
            #expect(result.status != 0, "\(result)")
            return result.stderr
        }
        #expect(try refused(["--reply-all", "--to", "a@b.example", "--subject", "S", "--body", "b"])
                .contains("--reply-all goes with --reply-to ID"))
        #expect(try refused(["--forward", try setup.parentActivity, "--body", "b"])
                .contains("a forward goes to whom you name: give --to"))
        #expect(try refused(["--reply-to", "1", "--forward", "1", "--to", "a@b.example"])
                .contains("give --reply-to or --forward, not both"))
        #expect(try refused(["--reply-to", "thread:4"])
                .contains("--reply-to wants an activity id from rapport timeline, mail:ID from rapport mail list, "
                          + "or outbox:ID from rapport outbox; not “thread:4”"))
        #expect(try refused(["--reply-to", "mail:9999"])
                == "rapport: there is no email mail:9999 in your team to answer; see rapport mail list\n")
        #expect(try refused(["--reply-to", "outbox:9999"])
                == "rapport: there is no sent email outbox:9999 in your team to answer; see rapport outbox\n")
        #expect(try refused(["--to", "a@b.example", "--body", "b"]).contains("rapport compose needs --subject S"))
    }

    @Test func aForwardOfReceivedMailCarriesTheFilesRapportKeepsAndNamesTheOthers() throws {
        let setup = try Setup()
        let config = setup.home.folder.appendingPathComponent("config.ini")
        let settings = (try? String(contentsOf: config, encoding: .utf8)) ?? ""
        try (settings + "\n[mail]\nkeep_attachments_mb = 1\n").write(to: config, atomically: true, encoding: .utf8)
        var offer = OutgoingMessage(from: MailAddress(name: "Carol Client", address: "carol@client.example"),
                                    to: [MailAddress(name: "Ann Lee", address: Self.ann)], subject: "Offer",
                                    body: "Both files.", date: Date(), messageID: "offer@client.example")
        let small = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        offer.attachments = [
            .init(filename: "terms.pdf", contentType: "application/pdf", data: small),
            .init(filename: "catalogue.zip", contentType: "application/zip", data: [UInt8](repeating: 9, count: 2 << 20)),
        ]
        _ = setup.sync.simulator.deliver(raw: MessageWriter.write(offer), to: Self.ann)
        #expect(try setup.sync.sync().status == 0)
        let mail = try setup.home.sqlite("SELECT id FROM incoming_emails WHERE message_id = 'offer@client.example'")
        let composed = try setup.run(["compose", "--queue", "--forward", "mail:" + mail, "--to", "eve@client.example"])
        #expect(composed.status == 0, "\(composed)")
        #expect(composed.stderr.contains("the forward goes without one attachment Rapport does not keep (catalogue.zip)"),
                "\(composed)")
        #expect(try setup.sync.sync().status == 0)
        let sent = Message(bytes: try #require(setup.sync.simulator.sentMessages(for: Self.ann).last))
        #expect(sent.subject == "Fwd: Offer")
        #expect(sent.bodyStructure.attachments.map(\.filename) == ["terms.pdf"])
        #expect(sent.bodyStructure.attachments.first.map(\.decodedBody) == small)
    }

    @Test func importedMailKeepsWhatRepliesNeed() throws {
        let home = try CLIHome.withTwoTeams()
        let maildir = home.folder.appendingPathComponent("Mail/cur")
        try FileManager.default.createDirectory(at: maildir, withIntermediateDirectories: true)
        try """
            From: Carol Client <carol@client.example>
            Reply-To: "Sales desk" <desk@client.example>
            To: "Lee, Ann" <ann@alpha.example>, =?utf-8?q?J=C3=B6rg_M=C3=BCller?= <joerg@client.example>
            Cc: Eve Early <eve@client.example>
            Subject: AW: Re: Pricing
            Date: Mon, 02 Nov 2026 09:00:00 +0000
            Message-ID: <m2@client.example>
            In-Reply-To: <m1@alpha.example>
            References: <m0@client.example> <m1@alpha.example>

            Agreed.
            """.replacingOccurrences(of: "\n", with: "\r\n")
            .write(to: maildir.appendingPathComponent("1.host:2,S"), atomically: true, encoding: .utf8)
        try home.ok(["import", "maildir", maildir.deletingLastPathComponent().path], as: "ann")
        #expect(try home.sqlite("SELECT in_reply_to, reply_to_addrs, references_ids FROM incoming_emails")
                == #"["m1@alpha.example"]|["desk@client.example"]|["m0@client.example","m1@alpha.example"]"#)
        let mail = try home.sqlite("SELECT id FROM incoming_emails")
        let id = try home.ok(["compose", "--reply-to", "mail:" + mail, "--reply-all"], as: "ann")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try home.sqlite("""
            SELECT subject, to_addrs, cc_addrs, in_reply_to, references_ids, recipient_names FROM outgoing_emails WHERE id = \(id)
            """) == "Re: Pricing|" + #"["desk@client.example","joerg@client.example"]|["eve@client.example"]|m2@client.example|"#
                + #"["m0@client.example","m1@alpha.example","m2@client.example"]|"#
                + #"{"desk@client.example":"Sales desk","eve@client.example":"Eve Early","joerg@client.example":"Jörg Müller"}"#)
    }
}

import Foundation
import Testing

@Suite struct CLIOutboxTests {
    private func setUp() throws -> (CLIHome, contactID: Int) {
        let home = try CLIHome.withTwoTeams()
        let contact = try home.ok(["contact", "add", "--name", "Carol", "--email", "carol@client.example", "--json"],
                                  as: "ann")
        let id = try #require((try JSONSerialization.jsonObject(with: Data(contact.utf8)) as? [String: Any])?["id"] as? Int)
        return (home, id)
    }

    @Test func composePrintsTheNewIdAndShowHasTheContractShape() throws {
        let (home, contactID) = try setUp()
        let id = try home.ok(["compose", "--from", "ann@alpha.example", "--to", "carol@client.example,dan@client.example",
                              "--cc", "Eve Example <eve@client.example>", "--subject", "Proposal", "--body", "Hello Carol",
                              "--link", "contact:\(contactID)"], as: "ann")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(id) != nil)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["outbox", "show", id, "--json"], as: "ann").utf8)) as? [String: Any])
        for key in ["id", "status", "from", "to", "cc", "bcc", "subject", "send_at", "attempts", "last_error",
                    "message_id", "gmail_id", "thread_id", "link", "created_at", "updated_at", "history"] {
            #expect(shown.keys.contains(key), "outbox show --json has \(key)")
        }
        #expect(shown["status"] as? String == "draft")
        #expect(shown["to"] as? [String] == ["carol@client.example", "dan@client.example"])
        #expect(shown["cc"] as? [String] == ["eve@client.example"])
        #expect(shown["send_at"] is NSNull)
        #expect((shown["link"] as? [String: Any])?["type"] as? String == "contact")
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.count == 1)
        #expect(history[0]["from"] is NSNull && history[0]["to"] as? String == "draft" && history[0]["by"] as? String == "ann")
        let created = try #require(shown["created_at"] as? String)
        #expect(created.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil)
    }

    @Test func theLifecycleThroughTheCommandLine() throws {
        let (home, _) = try setUp()
        let id = try home.ok(["compose", "--to", "carol@client.example", "--subject", "S", "--body", "B"], as: "ann")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try home.ok(["outbox", "queue", id], as: "ann").contains("Queued outgoing email \(id)"))
        let retry = try home.run(["outbox", "retry", id], as: "ann")
        #expect(retry.status == 1)
        #expect(retry.stderr.hasPrefix("rapport: cannot retry outgoing email \(id): it is already queued"))
        #expect(retry.errorLines.count == 1)
        let delete = try home.run(["outbox", "delete", id], as: "ann")
        #expect(delete.status == 1 && delete.stderr.contains("cancel it first"))
        #expect(try home.ok(["outbox", "cancel", id], as: "ann").contains("back to drafts"))
        let queued = try home.ok(["outbox", "--status", "draft", "--json"], as: "ann")
        #expect((try JSONSerialization.jsonObject(with: Data(queued.utf8)) as? [Any])?.count == 1)
        let history = try #require((try JSONSerialization.jsonObject(with: Data(home.ok(["outbox", "show", id, "--json"], as: "ann").utf8)) as? [String: Any])?["history"] as? [[String: Any]])
        #expect(history.compactMap { $0["to"] as? String } == ["draft", "queued", "draft"])
        #expect(try home.ok(["outbox", "delete", id], as: "ann").contains("Deleted"))
        #expect(try home.run(["outbox", "show", id], as: "ann").status == 1)
    }

    @Test func scheduledSendAndBodyFromStandardInput() throws {
        let (home, _) = try setUp()
        let output = try home.ok(["compose", "--to", "carol@client.example", "--subject", "Later", "--body-file", "-",
                                  "--send-at", "2099-01-02T09:30:00+01:00", "--json"], as: "ann",
                                 stdin: "Line one\nLine two\n")
        let email = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(email["status"] as? String == "queued")
        #expect(email["send_at"] as? String == "2099-01-02T08:30:00Z")
        let list = try home.ok(["outbox"], as: "ann")
        #expect(list.contains("1 queued") && list.contains("scheduled"))
        let past = try home.run(["compose", "--to", "carol@client.example", "--subject", "Past", "--body", "x",
                                 "--send-at", "2001-01-01T00:00Z"], as: "ann")
        #expect(past.status == 1 && past.stderr.contains("is in the past"))
    }

    @Test func attachmentsAreStoredAndListed() throws {
        let (home, _) = try setUp()
        let file = home.folder.appendingPathComponent("quote.pdf")
        try Data(repeating: 7, count: 1234).write(to: file)
        let output = try home.ok(["compose", "--to", "carol@client.example", "--subject", "Quote", "--body", "Attached",
                                  "--attach", file.path, "--json"], as: "ann")
        let email = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let attachment = try #require((email["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["filename"] as? String == "quote.pdf")
        #expect(attachment["content_type"] as? String == "application/pdf")
        #expect(attachment["size"] as? Int == 1234)
        let missing = try home.run(["compose", "--to", "carol@client.example", "--subject", "Q", "--body", "B",
                                    "--attach", home.folder.appendingPathComponent("nope.pdf").path], as: "ann")
        #expect(missing.status == 1 && missing.stderr.contains("cannot attach"))
    }

    @Test func composeNeedsAMailboxOfYourOwn() throws {
        let (home, _) = try setUp()
        let result = try home.run(["compose", "--from", "bob@beta.example", "--to", "x@y.example", "--subject", "S",
                                   "--body", "B"], as: "ann")
        #expect(result.status == 1 && result.stderr.contains("not one of your connected mailboxes"))
        let noMailbox = try home.run(["compose", "--to", "x@y.example", "--subject", "S", "--body", "B"], as: "ada")
        #expect(noMailbox.status == 1 && noMailbox.stderr.contains("rapport account add"))
    }
}

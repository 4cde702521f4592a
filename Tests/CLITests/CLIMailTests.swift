import CRMCore
import CRMStore
import Foundation
import Testing

/// `rapport mail list` and `mail show` through the real binary: shapes, paging, views, bad input, the wall.
@Suite struct CLIMailTests {
    private static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    /// Ann's mailbox: a three-message thread with Carol, an archived one with a user label, a trashed one,
    /// and `extra` one-message conversations from strangers, one a minute.
    @discardableResult
    private func seed(_ home: CLIHome, extra: Int = 0) throws -> [String: Int64] {
        let store = try Store(path: home.database.path)
        let mailbox = try #require(try store.mailbox(email: EmailAddress("ann@alpha.example")!, in: .everyone))
        var ids: [String: Int64] = [:]
        func add(_ id: String, thread: String, minutes: Int, from: String, name: String? = nil, subject: String,
                 labels: [String], body: String = "Hello.") throws {
            let email = IncomingEmail(mailboxID: mailbox.id, gmailID: id, threadID: thread, messageID: "\(id)@mail.example",
                                      fromName: name, fromAddress: EmailAddress(from),
                                      to: [EmailAddress(from == "ann@alpha.example" ? "carol@client.example"
                                                                                     : "ann@alpha.example")!],
                                      cc: [], subject: subject, snippet: "", bodyText: body,
                                      internalDate: Self.start.addingTimeInterval(Double(minutes) * 60), labels: labels,
                                      references: id == "g1" ? [] : ["g1@mail.example"])
            ids[id] = try store.recordIncoming(email).id
        }
        try add("g1", thread: "t1", minutes: 1_000, from: "carol@client.example", name: "Carol Client",
                subject: "Pilot \u{1B}[31mplan", labels: ["INBOX"], body: "Shall we?\u{1B}]0;owned\u{07}")
        try add("g2", thread: "t1", minutes: 1_010, from: "ann@alpha.example", name: "Ann Lee", subject: "Re: Pilot plan",
                labels: ["SENT"])
        try add("g3", thread: "t1", minutes: 1_020, from: "carol@client.example", name: "Carol Client",
                subject: "Re: Pilot plan", labels: ["INBOX", "UNREAD"])
        try add("g4", thread: "t4", minutes: 900, from: "dan@client.example", subject: "Contract", labels: ["Label_1"])
        try add("g5", thread: "t5", minutes: 950, from: "spam@junk.example", subject: "Prize", labels: ["TRASH"])
        for number in 0..<extra {
            try add("x\(number)", thread: "x\(number)", minutes: number, from: "news\(number)@letter.example",
                    subject: "Issue \(number)", labels: ["INBOX"])
        }
        try store.replaceLabels(mailbox: mailbox.id, with: [MailLabel(id: "INBOX", name: "INBOX", isSystem: true),
                                                            MailLabel(id: "Label_1", name: "Deals/Won", isSystem: false)],
                                listedAt: Date())
        return ids
    }

    private func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func listShowsConversationsNewestFirstInTheContractShape() throws {
        let home = try CLIHome.withTwoTeams()
        let ids = try seed(home)
        let list = try #require(try json(home.ok(["mail", "list", "--json"], as: "ann")) as? [[String: Any]])
        #expect(list.count == 1, "the Inbox holds the thread with Carol only")
        let thread = try #require(list.first)
        for key in ["thread_id", "subject", "participants", "count", "unread", "last_at", "labels", "has_attachment",
                    "message_ids"] {
            #expect(thread.keys.contains(key), "mail list --json has \(key)")
        }
        #expect(thread["thread_id"] as? String == "t1")
        #expect(thread["subject"] as? String == "Pilot \u{1B}[31mplan", "JSON carries the text as stored")
        #expect(thread["count"] as? Int == 3 && thread["unread"] as? Int == 1)
        #expect(thread["last_at"] as? String == "2026-01-01T17:00:00Z")
        #expect(thread["labels"] as? [String] == ["INBOX", "SENT", "UNREAD"])
        #expect(thread["message_ids"] as? [Int] == [ids["g1"], ids["g2"], ids["g3"]].compactMap { $0.map(Int.init) })
        let people = try #require(thread["participants"] as? [[String: Any]])
        #expect(people.compactMap { $0["address"] as? String } == ["carol@client.example", "ann@alpha.example"])
        #expect(people.first?["name"] as? String == "Carol Client")
        #expect(thread["account"] as? String == "ann@alpha.example")

        let text = try home.ok(["mail", "list"], as: "ann")
        #expect(text.contains("Carol Client") && text.contains("Pilot") && !text.contains("\u{1B}"),
                "text output is safe for a terminal")
        #expect(text.split(separator: "\n").last?.hasPrefix("*") == true, "unread mail is marked")

        let all = try #require(try json(home.ok(["mail", "list", "--label", "all", "--json"], as: "ann")) as? [[String: Any]])
        #expect(all.compactMap { $0["thread_id"] as? String } == ["t1", "t4"])
        let won = try #require(try json(home.ok(["mail", "list", "--label", "deals/won", "--json"], as: "ann"))
                               as? [[String: Any]])
        #expect(won.compactMap { $0["subject"] as? String } == ["Contract"])
        #expect(won.first?["labels"] as? [String] == ["Deals/Won"])
        let trash = try home.ok(["mail", "list", "--label", "trash"], as: "ann")
        #expect(trash.contains("Prize") && !trash.contains("Contract"))
        #expect(try home.ok(["mail", "list", "--label", "unread"], as: "ann").contains("Pilot"))
        #expect(try home.ok(["mail", "list", "--label", "sent", "--account", "ann@alpha.example"], as: "ann").contains("Pilot"))
    }

    @Test func pagesGoOnFromTheCursorToTheOldest() throws {
        let home = try CLIHome.withTwoTeams()
        try seed(home, extra: 120)
        var subjects: [String] = []
        var before: [String] = []
        var pages = 0
        while true {
            let text = try home.ok(["mail", "list", "--limit", "50"] + before, as: "ann")
            pages += 1
            let lines = text.split(separator: "\n").map(String.init)
            guard let more = lines.last, more.hasPrefix("More: ") else {
                #expect(!text.contains("No older"), "the last page is not empty: 121 is not a multiple of 50")
                subjects += lines.dropFirst().map { $0 }
                break
            }
            #expect(more.hasPrefix("More: rapport mail list --limit 50 --before "))
            subjects += lines.dropFirst().dropLast()
            before = ["--before", String(more.split(separator: " ").last!)]
        }
        #expect(pages == 3)
        #expect(subjects.count == 121)
        #expect(subjects.last?.contains("Issue 0") == true, "the oldest is reached")

        // In JSON each conversation carries the cursor that goes on after it.
        let first = try #require(try json(home.ok(["mail", "list", "--limit", "120", "--json"], as: "ann")) as? [[String: Any]])
        let cursor = try #require(first.last?["cursor"] as? String)
        let rest = try #require(try json(home.ok(["mail", "list", "--before", cursor, "--json"], as: "ann")) as? [[String: Any]])
        #expect(rest.compactMap { $0["subject"] as? String } == ["Issue 0"])
        let end = try home.ok(["mail", "list", "--before", try #require(rest.last?["cursor"] as? String)], as: "ann")
        #expect(end.contains("No older conversations in Inbox."))
    }

    @Test func showPrintsOneMessageOrItsConversation() throws {
        let home = try CLIHome.withTwoTeams()
        let ids = try seed(home)
        let first = try #require(ids["g1"])
        let text = try home.ok(["mail", "show", String(first)], as: "ann")
        #expect(text.contains("From:     Carol Client <carol@client.example>"))
        #expect(text.contains("Shall we?") && !text.contains("\u{1B}") && !text.contains("\u{07}"))
        #expect(text.contains("One of 3 messages in its conversation: rapport mail show \(first) --thread"))

        let message = try #require(try json(home.ok(["mail", "show", String(first), "--json"], as: "ann")) as? [String: Any])
        for key in ["message_id", "subject", "date", "from", "to", "cc", "reply_to", "in_reply_to", "references", "text",
                    "html", "attachments", "parts", "id", "thread_id", "labels", "account"] {
            #expect(message.keys.contains(key), "mail show --json has \(key)")
        }
        #expect(message["id"] as? Int == Int(first))
        #expect(message["thread_id"] as? String == "t1")
        #expect(message["account"] as? String == "ann@alpha.example")
        #expect(message["message_id"] as? String == "g1@mail.example")
        #expect(message["date"] as? String == "2026-01-01T16:40:00Z")
        #expect((message["from"] as? [[String: Any]])?.first?["name"] as? String == "Carol Client")
        #expect(message["text"] as? String == "Shall we?\u{1B}]0;owned\u{07}")

        let last = try #require(ids["g3"])
        let thread = try #require(try json(home.ok(["mail", "show", String(last), "--thread", "--json"], as: "ann"))
                                  as? [[String: Any]])
        #expect(thread.compactMap { $0["id"] as? Int } == [ids["g1"], ids["g2"], ids["g3"]].compactMap { $0.map(Int.init) })
        #expect(thread[2]["references"] as? [String] == ["g1@mail.example"])
        let threadText = try home.ok(["mail", "show", String(first), "--thread"], as: "ann")
        #expect(threadText.contains("── 1 of 3 ──") && threadText.contains("── 3 of 3 ──"))
    }

    @Test func badInputIsSaidPlainly() throws {
        let home = try CLIHome.withTwoTeams()
        let ids = try seed(home)
        let unknown = try home.run(["mail", "list", "--label", "Customers"], as: "ann")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no label “Customers”") && unknown.stderr.contains("inbox, sent, all, unread, trash")
                    && unknown.stderr.contains("“Deals/Won”"), "says which labels exist: \(unknown.stderr)")
        for arguments in [["--before", "yesterday"], ["--before", "12:0"], ["--limit", "0"], ["--limit", "10001"],
                          ["--account", "not an address"]] {
            let result = try home.run(["mail", "list"] + arguments, as: "ann")
            #expect(result.status == 2, "\(arguments) is a usage error: \(result)")
            #expect(result.errorLines.count == 1)
        }
        let elsewhere = try home.run(["mail", "list", "--account", "bob@beta.example"], as: "ann")
        #expect(elsewhere.status == 1 && elsewhere.stderr.contains("no mailbox bob@beta.example"))
        let noMailbox = try home.run(["mail", "list"], as: "ada")
        #expect(noMailbox.status == 1 && noMailbox.stderr.contains("rapport account add"))

        #expect(try home.run(["mail", "show", "x"], as: "ann").status == 2)
        let annsFirst = String(try #require(ids["g1"]))
        let missing = try home.run(["mail", "show", "9999"], as: "ann")
        let walled = try home.run(["mail", "show", annsFirst], as: "bob")
        #expect(missing.status == 1 && walled.status == 1)
        #expect(walled.stderr == missing.stderr.replacingOccurrences(of: "9999", with: annsFirst),
                "another team's message reads as no such message")
        #expect(walled.stdout.isEmpty)
        #expect(try home.run(["mail", "show", annsFirst, "--thread", "--json"], as: "bob").status == 1)
        #expect(try home.ok(["mail", "list", "--json"], as: "bob").trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }
}

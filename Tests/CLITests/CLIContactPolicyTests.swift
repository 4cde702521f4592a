import CRMCore
import Foundation
import Testing

/// The contact policy through `import maildir`, with `explain` and the blocklist commands.
@Suite struct CLIContactPolicyTests {
    static func write(_ messages: [String: String], in home: CLIHome) throws -> URL {
        let maildir = home.folder.appendingPathComponent("Mail")
        let cur = maildir.appendingPathComponent("cur")
        try FileManager.default.createDirectory(at: cur, withIntermediateDirectories: true)
        for (name, text) in messages {
            try text.replacingOccurrences(of: "\n", with: "\r\n")
                .write(to: cur.appendingPathComponent("\(name).host:2,S"), atomically: true, encoding: .utf8)
        }
        return maildir
    }

    static let messages = [
        "1": """
            From: Ann Lee <ann@alpha.example>
            To: Nina Buyer <nina@buyer.example>
            Subject: Proposal
            Date: Mon, 02 Nov 2026 09:00:00 +0000
            Message-ID: <p1@alpha.example>

            Here it is.
            """,
        "2": """
            From: Shop News <news@shop.example>
            To: ann@alpha.example
            Subject: Sale
            Date: Mon, 02 Nov 2026 10:00:00 +0000
            Message-ID: <n1@shop.example>
            List-Unsubscribe: <mailto:u@shop.example>
            Precedence: bulk

            Buy now.
            """,
        "3": """
            From: Vic Prospect <vic@prospect.example>
            To: ann@alpha.example
            Subject: Question
            Date: Mon, 02 Nov 2026 11:00:00 +0000
            Message-ID: <q1@prospect.example>

            Hello?
            """,
    ]

    func ids(_ home: CLIHome) throws -> [String: String] {
        let rows = try home.sqlite("SELECT message_id || '=' || id FROM incoming_emails").split(separator: "\n")
        return Dictionary(uniqueKeysWithValues: rows.map { row in
            let parts = row.split(separator: "=")
            return (String(parts[0]), String(parts[1]))
        })
    }

    func explain(_ home: CLIHome, _ id: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["explain", id, "--json"], as: "ann").utf8))
                     as? [String: Any])
    }

    @Test func importMakesContactsOfWhomYouWriteToAndExplainSaysWhy() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["import", "maildir", Self.write(Self.messages, in: home).path], as: "ann")
        let contacts = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["contact", "list", "--json"], as: "ann").utf8))
                                    as? [[String: Any]])
        #expect(contacts.compactMap { $0["name"] as? String } == ["Nina Buyer"])
        let ids = try ids(home)

        let sent = try explain(home, try #require(ids["p1@alpha.example"]))
        #expect(sent["on_timeline"] as? Bool == true && sent["direction"] as? String == "out")
        let timelines = try #require(sent["timelines"] as? [[String: Any]])
        #expect(timelines.first?["name"] as? String == "Nina Buyer" && timelines.first?["made_from_this_message"] as? Bool == true)

        let bulk = try explain(home, try #require(ids["n1@shop.example"]))
        #expect(bulk["on_timeline"] as? Bool == false)
        #expect(bulk["automation"] as? [String] == ["List-Unsubscribe", "Precedence: bulk"])
        let reason = try #require((bulk["addresses"] as? [[String: Any]])?.first?["reason"] as? String)
        #expect(reason.contains("bulk or automatic mail"))

        let text = try home.ok(["explain", try #require(ids["q1@prospect.example"])], as: "ann")
        #expect(text.contains("on no timeline"))
        #expect(text.contains("[contacts] create = sent makes none from mail you receive"))
        // Bob's team cannot ask about Alpha's mail.
        try home.run(["explain", try #require(ids["q1@prospect.example"])], as: "bob").expectOneLine(["no message"], status: 1)
    }

    @Test func theSettingAndTheBlocklistSteerImport() throws {
        let home = try CLIHome.withTwoTeams()
        try "[contacts]\ncreate = sent_and_received\n".write(to: home.folder.appendingPathComponent("config.ini"),
                                                          atomically: true, encoding: .utf8)
        #expect(try home.ok(["contact", "block", "@Buyer.example"], as: "ann").contains("Blocked @buyer.example"))
        try home.ok(["contact", "block", "someone@else.example"], as: "ann")
        #expect(try home.ok(["contact", "block", "@buyer.example"], as: "ann").contains("already blocked"))
        let entries = try JSONSerialization.jsonObject(with: Data(home.ok(["contact", "blocklist", "--json"], as: "ann").utf8))
        #expect(entries as? [String] == ["@buyer.example", "someone@else.example"])
        #expect(try home.ok(["contact", "blocklist"], as: "bob").contains("blocks no address"))
        try home.ok(["import", "maildir", Self.write(Self.messages, in: home).path], as: "ann")
        let names = try home.sqlite("SELECT name FROM contacts ORDER BY name")
        #expect(names == "Vic Prospect")
        let ids = try ids(home)
        let blocked = try explain(home, try #require(ids["p1@alpha.example"]))
        let reason = try #require((blocked["addresses"] as? [[String: Any]])?.first?["reason"] as? String)
        #expect(reason.contains("blocklist (@buyer.example)"))
        try home.ok(["contact", "unblock", "someone@else.example"], as: "ann")
        try home.run(["contact", "unblock", "someone@else.example"], as: "ann").expectOneLine(["not on your team's blocklist"], status: 1)
    }

    @Test func badInput() throws {
        let home = try CLIHome.withTwoTeams()
        try home.run(["contact", "block", "not an address"], as: "ann").expectOneLine(["neither an address"], status: 2)
        try home.run(["explain", "abc"], as: "ann").expectOneLine(["not a message id"], status: 2)
        try home.run(["explain", "999"], as: "ann").expectOneLine(["no message 999"], status: 1)
        try "[contacts]\ncreate = everyone\n".write(to: home.folder.appendingPathComponent("config.ini"), atomically: true,
                                                   encoding: .utf8)
        let maildir = try Self.write(Self.messages, in: home)
        try home.run(["import", "maildir", maildir.path], as: "ann").expectOneLine(["[contacts] create = everyone"], status: 1)
        #expect(try home.sqlite("SELECT count(*) FROM incoming_emails") == "0")
    }
}

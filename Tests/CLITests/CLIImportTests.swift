import Foundation
import Testing

@Suite struct CLIImportTests {
    private func writeMessage(_ folder: URL, _ name: String, _ text: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(to: folder.appendingPathComponent(name),
                                                                    atomically: true, encoding: .utf8)
    }

    @Test func importsAMaildirTreeOnceAndMatchesContacts() throws {
        let home = try CLIHome.withTwoTeams()
        try home.ok(["contact", "add", "--name", "Carol", "--email", "carol@client.example"], as: "ann")
        let maildir = home.folder.appendingPathComponent("Mail")
        try writeMessage(maildir.appendingPathComponent("cur"), "1.host:2,S", """
            From: Carol <carol@client.example>
            To: ann@alpha.example
            Subject: =?utf-8?q?Caf=C3=A9_pricing?=
            Date: Mon, 02 Nov 2026 09:00:00 +0000
            Message-ID: <m1@client.example>

            Could you send the price list?
            """)
        try writeMessage(maildir.appendingPathComponent(".Sent/cur"), "2.host:2,S", """
            From: Ann <ann@alpha.example>
            To: carol@client.example
            Subject: Re: Café pricing
            Date: Mon, 02 Nov 2026 10:00:00 +0000
            Message-ID: <m2@alpha.example>
            In-Reply-To: <m1@client.example>

            Here it is.
            """)
        try writeMessage(maildir.appendingPathComponent("new"), "3.host", """
            From: news@letter.example
            To: ann@alpha.example
            Subject: Weekly digest
            Message-ID: <m3@letter.example>

            Nothing about contacts.
            """)
        try writeMessage(maildir.appendingPathComponent("new"), "4.host", "")
        let first = try home.run(["import", "maildir", maildir.path, "--json"], as: "ann")
        #expect(first.status == 1, "\(first)")
        #expect(first.errorLines.count == 1 && first.stderr.contains("4.host: the file is empty"))
        let summary = try #require(try first.json() as? [String: Any])
        #expect(summary["imported"] as? Int == 3 && summary["unreadable"] as? Int == 1)

        let timeline = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["timeline", "1", "--json"], as: "ann").utf8)) as? [[String: Any]])
        #expect(timeline.compactMap { $0["direction"] as? String } == ["out", "in"])
        #expect(timeline.compactMap { $0["subject"] as? String } == ["Re: Café pricing", "Café pricing"])
        #expect(try home.ok(["search", "digest"], as: "ann").contains("Weekly digest"))

        let again = try home.run(["import", "maildir", maildir.path, "--json"], as: "ann")
        let second = try #require(try again.json() as? [String: Any])
        #expect(second["imported"] as? Int == 0 && second["already_there"] as? Int == 3)
        #expect(try JSONSerialization.jsonObject(with: Data(home.ok(["timeline", "1", "--json"], as: "ann").utf8)) as? [Any] != nil)
        let after = try #require(try JSONSerialization.jsonObject(with: Data(home.ok(["timeline", "1", "--json"], as: "ann").utf8)) as? [Any])
        #expect(after.count == 2)
    }

    @Test func aMissingPathIsOneClearError() throws {
        let home = try CLIHome.withTwoTeams()
        let result = try home.run(["import", "maildir", home.folder.appendingPathComponent("nope").path], as: "ann")
        #expect(result.status == 1 && result.errorLines.count == 1 && result.stderr.contains("cannot read"))
    }
}

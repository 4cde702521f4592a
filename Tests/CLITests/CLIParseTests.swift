import Foundation
import Testing

@Suite struct CLIParseTests {
    static let sample = """
        From: =?utf-8?q?Zo=C3=AB_Lee?= <zoe@example.com>
        To: "Lee, Ann" <ann@example.com>, Team: bob@example.com, cy@example.com;
        Cc: dan@example.com
        Reply-To: sales@example.com
        Subject: =?utf-8?b?UHLDqXNlbnRhdGlvbg==?= for Q3
        Date: Tue, 03 Nov 2026 14:05:00 +0100
        Message-ID: <abc@example.com>
        In-Reply-To: <parent@example.com>
        References: <root@example.com> <parent@example.com>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="XX"

        preamble
        --XX
        Content-Type: multipart/alternative; boundary="YY"

        --YY
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Caf=E9 at 10?
        --YY
        Content-Type: text/html; charset=utf-8

        <p>Café at <b>10</b>?</p>
        --YY--
        --XX
        Content-Type: application/pdf; name="deck.pdf"
        Content-Disposition: attachment; filename="deck.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --XX--
        """

    @Test func jsonHasTheContractShape() throws {
        let home = try CLIHome()
        let file = home.folder.appendingPathComponent("m.eml")
        try Self.sample.replacingOccurrences(of: "\n", with: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try home.run(["parse", file.path, "--json"])
        #expect(result.status == 0, "\(result)")
        let json = try #require(try result.json() as? [String: Any])
        #expect(json["message_id"] as? String == "abc@example.com")
        #expect(json["subject"] as? String == "Présentation for Q3")
        #expect(json["date"] as? String == "2026-11-03T13:05:00Z")
        let from = try #require(json["from"] as? [[String: Any]])
        #expect(from.first?["name"] as? String == "Zoë Lee" && from.first?["address"] as? String == "zoe@example.com")
        let to = try #require(json["to"] as? [[String: Any]])
        #expect(to.compactMap { $0["address"] as? String } == ["ann@example.com", "bob@example.com", "cy@example.com"])
        #expect(to.first?["name"] as? String == "Lee, Ann")
        #expect((json["reply_to"] as? [[String: Any]])?.first?["address"] as? String == "sales@example.com")
        #expect(json["in_reply_to"] as? [String] == ["parent@example.com"])
        #expect(json["references"] as? [String] == ["root@example.com", "parent@example.com"])
        #expect((json["text"] as? String)?.hasPrefix("Café at 10?") == true)
        #expect((json["html"] as? String)?.contains("<b>10</b>") == true)
        let attachment = try #require((json["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["filename"] as? String == "deck.pdf")
        #expect(attachment["content_type"] as? String == "application/pdf")
        #expect(attachment["size"] as? Int == 9)
        #expect(attachment["sha256"] as? String == "e5c62df5dab5c87b6a015ef3d43597074d1eec433b15f51aec63b8582d0e4ab4")
        let parts = try #require(json["parts"] as? [String: Any])
        #expect(parts["content_type"] as? String == "multipart/mixed")
        #expect((parts["parts"] as? [[String: Any]])?.first?["content_type"] as? String == "multipart/alternative")
    }

    @Test func readableOutputFromStandardInputKeepsEscapesOut() throws {
        let home = try CLIHome()
        let hostile = "From: Eve <eve@example.com>\r\nSubject: Hi \u{1B}]0;pwned\u{07}there\r\n\r\nLine \u{1B}[31mred\u{1B}[0m \u{202E}evil\r\n"
        let result = try home.run(["parse", "-"], stdin: hostile)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Subject:  Hi there"))
        #expect(result.stdout.contains("Line red evil"))
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{202E}") && !result.stdout.contains("\u{07}"))
    }

    @Test func anUnreadableFileIsOneClearError() throws {
        let home = try CLIHome()
        let result = try home.run(["parse", home.folder.appendingPathComponent("absent.eml").path])
        #expect(result.status == 1 && result.errorLines.count == 1 && result.stderr.contains("cannot read"))
    }
}

import Foundation
import Testing
@testable import MailFormat

/// Shapes of real mail that the corpora do not hold: white space before the first header, files
/// uuencoded in a plain body, fields written twice. Each message is written here as bytes.
@Suite struct MessageShapesTests {
    private func message(_ text: String) -> Message { Message(bytes: Array(text.utf8)) }

    private func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

    // MARK: - White space before the first header

    private static let headers = """
        From: Ann Lee <ann@example.com>
        To: Bob Stone <bob@example.org>
        Subject: Quarterly numbers
        Message-ID: <q3@example.com>

        The numbers are in.

        """

    @Test(arguments: ["  \n", "\t\n", " \t \n", "    \n \n", "\u{20}\n\t\n   \n"])
    func aBlankLookingFirstLineKeepsTheHeaders(prefix: String) {
        for text in [prefix + Self.headers, crlf(prefix + Self.headers)] {
            let parsed = message(text)
            #expect(parsed.subject == "Quarterly numbers", "\(text.debugDescription)")
            #expect(parsed.from == [MailAddress(name: "Ann Lee", address: "ann@example.com")])
            #expect(parsed.to == [MailAddress(name: "Bob Stone", address: "bob@example.org")])
            #expect(parsed.messageID == "q3@example.com")
            #expect(parsed.text?.replacingOccurrences(of: "\r\n", with: "\n") == "The numbers are in.\n")
        }
    }

    @Test func aBlankLookingLineAfterAnMboxFromLineKeepsTheHeaders() {
        let parsed = message("From ann@example.com Mon Jan  1 09:00:00 2024\n   \n" + Self.headers)
        #expect(parsed.subject == "Quarterly numbers")
        #expect(parsed.text == "The numbers are in.\n")
    }

    @Test func aBlankLookingLineBeforeAPartsHeadersKeepsThem() {
        let text = crlf("""
            From: ann@example.com
            Subject: Two parts
            Content-Type: multipart/alternative; boundary="b1"

            --b1
            \t
            Content-Type: text/plain; charset=utf-8

            plain
            --b1
              
            Content-Type: text/html; charset=utf-8

            <p>rich</p>
            --b1--

            """)
        let parsed = message(text)
        #expect(parsed.root.children.map(\.contentType.mimeType) == ["text/plain", "text/html"])
        #expect(parsed.text == "plain")
        #expect(parsed.html == "<p>rich</p>")
    }

    @Test func withoutAFieldAfterItAnIndentedStartIsStillTheBody() {
        // No header follows the white space: the whole text is the body, as before.
        let indented = "    Dear Ann,\n    thanks for the call.\n"
        #expect(message(indented).headers.isEmpty)
        #expect(message(indented).text == indented)
        let blankThenProse = "   \nDear Ann, thanks.\n"
        #expect(message(blankThenProse).headers.isEmpty)
        #expect(message(blankThenProse).text == blankThenProse)
        // A truly empty first line ends the (empty) header block, as RFC 5322 has it.
        let emptyFirst = "\nSubject: not a header\n\nbody\n"
        #expect(message(emptyFirst).subject == nil)
        #expect(message(emptyFirst).text == "Subject: not a header\n\nbody\n")
    }

    // MARK: - Fields written twice

    @Test func aFieldWrittenTwiceGivesOneValue() {
        let text = crlf("""
            From: Ann Lee <ann@example.com>
            From: Mallory <mallory@example.net>
            Sender: assistant@example.com
            Sender: other@example.net
            Reply-To: ann.replies@example.com
            Reply-To: nobody@example.net
            To: Bob Stone <bob@example.org>, carol@example.org
            To: BOB@example.org, Dan <dan@example.org>
            Cc: eve@example.org
            Cc: eve@example.org
            Subject: First subject
            Subject: Second subject
            Date: Tue, 7 Apr 2026 10:00:00 +0000
            Date: Wed, 8 Apr 2026 11:00:00 +0000
            Message-ID: <first@example.com>
            Message-ID: <second@example.com>
            In-Reply-To: <parent-1@example.com>
            In-Reply-To: <parent-2@example.com>
            References: <root@example.com> <parent-1@example.com>
            References: <other@example.com>

            body

            """)
        let parsed = message(text)
        #expect(parsed.from == [MailAddress(name: "Ann Lee", address: "ann@example.com")])
        #expect(parsed.sender == [MailAddress(name: nil, address: "assistant@example.com")])
        #expect(parsed.replyTo == [MailAddress(name: nil, address: "ann.replies@example.com")])
        #expect(parsed.subject == "First subject")
        #expect(parsed.date == Date(timeIntervalSince1970: 1_775_556_000))
        #expect(parsed.messageID == "first@example.com")
        #expect(parsed.inReplyTo == ["parent-1@example.com"])
        #expect(parsed.references == ["root@example.com", "parent-1@example.com"])
        // Mailers send to every To and Cc field: all recipients, each once.
        #expect(parsed.to == [MailAddress(name: "Bob Stone", address: "bob@example.org"),
                              MailAddress(name: nil, address: "carol@example.org"),
                              MailAddress(name: "Dan", address: "dan@example.org")])
        #expect(parsed.cc == [MailAddress(name: nil, address: "eve@example.org")])
    }
}

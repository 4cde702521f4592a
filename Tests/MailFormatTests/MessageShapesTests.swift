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

    // MARK: - uuencoded files in a plain body

    /// `data` as `uuencode` writes it: 45 bytes a line, "`" for zero, a "`" line, then "end".
    static func uuencoded(_ data: [UInt8], name: String, lineEnd: String = "\n") -> String {
        func character(_ value: UInt8) -> Character { Character(Unicode.Scalar(value == 0 ? 0x60 : value + 0x20)) }
        var out = "begin 644 \(name)\(lineEnd)"
        var start = 0
        while start < data.count {
            let piece = Array(data[start..<min(start + 45, data.count)])
            var line = String(character(UInt8(piece.count)))
            for group in stride(from: 0, to: piece.count, by: 3) {
                let a = piece[group], b = group + 1 < piece.count ? piece[group + 1] : 0
                let c = group + 2 < piece.count ? piece[group + 2] : 0
                line.append(character(a >> 2))
                line.append(character((a & 0x03) << 4 | b >> 4))
                line.append(character((b & 0x0F) << 2 | c >> 6))
                line.append(character(c & 0x3F))
            }
            out += line + lineEnd
            start += 45
        }
        return out + "`" + lineEnd + "end" + lineEnd
    }

    private static let quote: [UInt8] = Array("%PDF-1.4\n".utf8) + (0..<700).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    private static let prices: [UInt8] = Array("product,price\nSeat,12.00\nSupport,3.50\n".utf8)

    @Test(arguments: ["\n", "\r\n"])
    func uuencodedFilesInAPlainBodyBecomeAttachments(lineEnd: String) throws {
        let body = ["Hi Bob,", "", "the quote and the price list:", ""].joined(separator: lineEnd) + lineEnd
            + Self.uuencoded(Self.quote, name: "Quote 2027.pdf", lineEnd: lineEnd) + lineEnd
            + Self.uuencoded(Self.prices, name: "prices.csv", lineEnd: lineEnd)
            + ["", "Regards,", "Ann", ""].joined(separator: lineEnd)
        let text = ["From: ann@example.com", "Subject: Quote", "", ""].joined(separator: lineEnd) + body
        let parsed = message(text)
        let attachments = parsed.bodyStructure.attachments
        #expect(attachments.map(\.filename) == ["Quote 2027.pdf", "prices.csv"])
        #expect(attachments.map(\.contentType.mimeType) == ["application/pdf", "text/csv"])
        #expect(attachments.map(\.decodedBody) == [Self.quote, Self.prices])
        #expect(attachments.allSatisfy { $0.isAttachment && $0.isUUEncodedInText })
        let expected = ["Hi Bob,", "", "the quote and the price list:", "", "", "", "Regards,", "Ann", ""]
        #expect(parsed.text == expected.joined(separator: lineEnd))
        // The tree itself is untouched: one text part holding the blocks, as the sender wrote it.
        #expect(parsed.root.decodedBody.count > Self.quote.count)
    }

    @Test func uuencodedFilesInsideAMultipartTextPartAndUnderQuotedPrintable() throws {
        let block = Self.uuencoded(Self.prices, name: "prices.csv", lineEnd: "\r\n")
        let qp = String(decoding: QuotedPrintable.encode(Array(("See below.\r\n\r\n" + block + "\r\nAnn").utf8)), as: UTF8.self)
        let text = crlf("""
            From: ann@example.com
            Subject: Prices
            Content-Type: multipart/mixed; boundary="m"

            --m
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            \(qp.replacingOccurrences(of: "\r\n", with: "\n"))
            --m
            Content-Type: application/pdf; name="quote.pdf"
            Content-Disposition: attachment; filename="quote.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --m--

            """)
        let parsed = message(text)
        let attachments = parsed.bodyStructure.attachments
        #expect(attachments.map(\.filename) == ["prices.csv", "quote.pdf"])
        #expect(attachments.first?.decodedBody == Self.prices)
        #expect(attachments.map(\.isUUEncodedInText) == [true, false])
        #expect(parsed.text == "See below.\r\n\r\n\r\nAnn")
    }

    @Test func proseThatLooksLikeABlockStaysText() {
        let shapes = [
            // Mode digits and a name, but the next lines are prose and no "end" follows.
            "Plan:\nbegin 644 days from now\nOK\nend\n",
            "begin 644 notes.txt\nThese are my notes.\nend\n",
            "We begin at nine.\nbegin now\nend\n",
            // A real-looking block without its "end".
            "begin 644 a.txt\n#0V%T\n\nRegards\n",
            // No name, or nothing in the file.
            "begin 644\n#0V%T\n`\nend\n",
            "begin 644 empty.txt\n`\nend\n",
        ]
        for body in shapes {
            let parsed = message("Subject: Notes\n\n" + body)
            #expect(parsed.bodyStructure.attachments.isEmpty, "\(body.debugDescription)")
            #expect(parsed.text == body)
        }
    }

    @Test func aDeclaredAttachmentIsNotSearchedForBlocks() {
        let block = Self.uuencoded(Self.prices, name: "prices.csv")
        let parsed = message("Subject: x\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"log.txt\"\n\n" + block)
        #expect(parsed.bodyStructure.attachments.map(\.filename) == ["log.txt"])
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

import Testing
@testable import MailFormat

/// The parts `bodyStructure` lists carry their place in the MIME tree, numbered as Gmail numbers
/// them (gmail-api.md §4), so a part found here can be asked of Gmail by the same number.
@Suite struct PartIDTests {
    private func message(_ text: String) -> Message {
        Message(bytes: Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    /// mixed > [alternative > [plain, related > [html, image]], pdf, message/rfc822, plain text with a
    /// uuencoded file].
    static let nested = """
        From: sam@vendor.example
        To: dana@example.com
        Subject: Nested
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: text/plain; charset=utf-8

        Hello
        --alt
        Content-Type: multipart/related; boundary="rel"

        --rel
        Content-Type: text/html; charset=utf-8

        <p>Hello <img src="cid:logo"></p>
        --rel
        Content-Type: image/png
        Content-ID: <logo>
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --rel--
        --alt--
        --outer
        Content-Type: application/pdf; name="quote.pdf"
        Content-Disposition: attachment; filename="quote.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer
        Content-Type: message/rfc822

        From: carol@client.example
        Subject: Earlier

        The earlier message.
        --outer
        Content-Type: text/plain; charset=us-ascii
        Content-Disposition: inline

        Notes follow.
        begin 644 notes.txt
        .4F%P<&]R="!N;W1E<PH`
        `
        end
        --outer--

        """

    @Test func everyListedPartCarriesItsPlaceInTheTree() {
        let structure = message(Self.nested).bodyStructure
        #expect(structure.textBody.map(\.partID) == ["0.0", "3"])
        #expect(structure.htmlBody.map(\.partID) == ["0.1.0", "3"])
        #expect(structure.attachments.map(\.partID) == ["0.1.1", "1", "2", nil])
        #expect(structure.attachments.map(\.filename) == [nil, "quote.pdf", nil, "notes.txt"])
        #expect(structure.attachments.last?.isUUEncodedInText == true)
        // The text part keeps its number when the uuencoded file is taken out of it.
        #expect(structure.textBody.last?.text.contains("begin 644") == false)
    }

    @Test func aMessageOfOnePartIsTheTop() {
        let pdf = message("""
            From: sam@vendor.example
            Content-Type: application/pdf; name="quote.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK

            """)
        #expect(pdf.bodyStructure.attachments.map(\.partID) == [""])
        let plain = message("From: sam@vendor.example\nSubject: Hi\n\nHello\n")
        #expect(plain.bodyStructure.textBody.map(\.partID) == [""])
        #expect(plain.bodyStructure.attachments.isEmpty)
    }

    @Test func partsTakenFromTheTreeDirectlyHaveNoNumber() {
        let root = message(Self.nested).root
        #expect(root.partID == nil)
        #expect(root.children.allSatisfy { $0.partID == nil })
    }
}

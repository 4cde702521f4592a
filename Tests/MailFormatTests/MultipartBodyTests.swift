import Testing
@testable import MailFormat

/// `MIMEPart.parts(ofMultipartBody:boundary:)`: a multipart body with no message around it, as
/// HTTP batches and uploads carry one.
@Suite struct MultipartBodyTests {
    private func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A batch answer shaped like Gmail's: CRLF framing, application/http parts answering
    /// Content-IDs, JSON bodies with bare LF line ends, and a JSON line that starts with "--".
    private let gmailBatchAnswer = """
        --batch_4kQ2aZ\r
        Content-Type: application/http\r
        Content-ID: <response-m2>\r
        \r
        HTTP/1.1 200 OK\r
        Content-Type: application/json; charset=UTF-8\r
        Vary: Origin\r
        \r
        {
          "id": "18f40b1c2d3e4f50",
          "snippet": "--batch_4kQ2aZ is not a delimiter inside a line"
        --batch_4kQ2 is not one either: it is only the start of the boundary
        }\r
        \r
        --batch_4kQ2aZ\r
        Content-Type: application/http\r
        Content-ID: <response-m1>\r
        \r
        HTTP/1.1 404 Not Found\r
        Content-Type: application/json; charset=UTF-8\r
        \r
        {"error": {"code": 404, "message": "Requested entity was not found."}}\r
        --batch_4kQ2aZ--\r

        """

    @Test func readsAGmailStyleBatchAnswer() throws {
        let parts = try #require(MIMEPart.parts(ofMultipartBody: Array(gmailBatchAnswer.utf8), boundary: "batch_4kQ2aZ"))
        #expect(parts.count == 2)
        #expect(parts.map { $0.headers.first("content-id")?.text } == ["<response-m2>", "<response-m1>"])
        #expect(parts.allSatisfy { $0.contentType.mimeType == "application/http" && !$0.isTruncated })
        // Each body is the embedded HTTP response, up to (not including) the line break before the
        // next delimiter; lines that merely look like a delimiter stay in the body.
        #expect(text(parts[1].body) == """
            HTTP/1.1 404 Not Found\r
            Content-Type: application/json; charset=UTF-8\r
            \r
            {"error": {"code": 404, "message": "Requested entity was not found."}}
            """)
        #expect(text(parts[0].body).hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text(parts[0].body).hasSuffix("--batch_4kQ2 is not one either: it is only the start of the boundary\n}\r\n"))
    }

    @Test func preambleEpilogueAndBareLineFeeds() throws {
        let body = "preamble\n--b\nContent-ID: one\n\nfirst\n--b\n\nsecond\n--b--\nepilogue\n"
        let parts = try #require(MIMEPart.parts(ofMultipartBody: Array(body.utf8), boundary: "b"))
        #expect(parts.map { text($0.body) } == ["first", "second"])
        #expect(parts.map { $0.headers.count } == [1, 0])
    }

    @Test func noDelimiterIsNilAndOnlyTheCloseDelimiterIsNoParts() {
        #expect(MIMEPart.parts(ofMultipartBody: Array("no parts here\r\n".utf8), boundary: "b") == nil)
        #expect(MIMEPart.parts(ofMultipartBody: [], boundary: "b") == nil)
        #expect(MIMEPart.parts(ofMultipartBody: Array("--b--\r\n".utf8), boundary: "b")?.count == 0)
    }

    @Test func aBodyCutShortKeepsItsLastPartMarkedTruncated() throws {
        let body = "--b\r\n\r\nwhole\r\n--b\r\n\r\ncut off"
        let parts = try #require(MIMEPart.parts(ofMultipartBody: Array(body.utf8), boundary: "b"))
        #expect(parts.map { text($0.body) } == ["whole", "cut off"])
        #expect(parts.map(\.isTruncated) == [false, true])
    }
}

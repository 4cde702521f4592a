import Testing
@testable import MailFormat

@Suite struct ContentDispositionTests {
    private func parse(_ value: String) -> ContentDisposition? { ContentDisposition(headerValue: Array(value.utf8)) }

    @Test func kindAndFilename() throws {
        let disposition = try #require(parse("Attachment; filename=\"report.pdf\"; size=1234"))
        #expect(disposition.kind == "attachment")
        #expect(disposition.isAttachment)
        #expect(disposition.filename == "report.pdf")
        #expect(disposition.parameters["size"] == "1234")
        #expect(parse("inline")?.kind == "inline")
        #expect(parse("INLINE")?.isAttachment == false)
    }

    @Test func missingSemicolonAndTrailingSemicolon() {
        #expect(parse("attachment filename=report.pdf")?.filename == "report.pdf")
        #expect(parse("attachment; filename=report.pdf;")?.filename == "report.pdf")
        #expect(parse("attachment;; filename = \"report.pdf\" ;")?.filename == "report.pdf")
    }

    @Test func unquotedFilenameWithSpaces() {
        #expect(parse("attachment; filename=My Report 2024.pdf")?.filename == "My Report 2024.pdf")
        #expect(parse("attachment; filename=My Report.pdf; size=10")?.parameters
                == ["filename": "My Report.pdf", "size": "10"])
        // A missing semicolon after an unquoted value: the next `name=` starts a parameter.
        #expect(parse("attachment; filename=a b.pdf creation-date=\"x\"")?.parameters
                == ["filename": "a b.pdf", "creation-date": "x"])
        #expect(parse("attachment; filename=report(1).pdf")?.filename == "report(1).pdf")
    }

    @Test func quotedFilenameWithEscapes() {
        #expect(parse(#"attachment; filename="  best \"file\" ever with \\ escaped ' stuff.  ""#)?.filename
                == #"  best "file" ever with \ escaped ' stuff.  "#)
        #expect(parse("attachment; filename=\"unterminated.pdf")?.filename == "unterminated.pdf")
    }

    @Test func firstOfDuplicateParametersWins() {
        #expect(parse("attachment; filename=\"a.pdf\"; FILENAME=\"b.pdf\"")?.filename == "a.pdf")
    }

    /// Thunderbird and Gmail send both; the RFC 2231 form is the real name, the other a fallback.
    @Test func rfc2231FormWinsOverThePlainOne() {
        #expect(parse("attachment; filename=\"Reunion.pdf\"; filename*=utf-8''R%C3%A9union.pdf")?.filename
                == "Réunion.pdf")
        #expect(parse("attachment; filename*=utf-8''R%C3%A9union.pdf; filename=\"Reunion.pdf\"")?.filename
                == "Réunion.pdf")
    }

    @Test func rfc2231Continuations() {
        let value = "attachment; filename*0*=utf-8''%E6%97%A5%E6%9C%AC; filename*2=\".txt\"; filename*1*=%E8%AA%9E"
        #expect(parse(value)?.filename == "日本語.txt")
    }

    /// A UTF-8 character split across two encoded segments is joined before it is converted.
    @Test func characterSplitAcrossSegments() {
        #expect(parse("attachment; filename*0*=utf-8''caf%C3; filename*1*=%A9.txt")?.filename == "café.txt")
    }

    @Test func encodedWordFilenames() {
        #expect(parse("attachment; filename=\"=?UTF-8?B?w6l0w6kucGRm?=\"")?.filename == "été.pdf")
        #expect(parse("attachment;\r\n\tfilename=\"=?utf-8?Q?Auftragsbest=C3=A4tigung_X=2EPD?=\r\n =?utf-8?Q?F?=\"")?.filename
                == "Auftragsbestätigung X.PDF")
        #expect(parse("attachment; filename==?utf-8?Q?caf=C3=A9?=.txt")?.filename == "café.txt")
        #expect(parse("attachment; filename=\"report =?utf-8?Q?=C3=A9t=C3=A9?=.pdf\"")?.filename == "report été.pdf")
    }

    @Test func rawUTF8Filename() {
        #expect(parse("attachment; filename=\"Ünïcödé.pdf\"")?.filename == "Ünïcödé.pdf")
    }

    /// A value without a disposition type is no disposition (as stalwart reads it); the part's name
    /// then comes from Content-Type's name parameter.
    @Test func parametersWithoutAKind() {
        #expect(parse("filename=\"a.pdf\"") == nil)
        #expect(parse("; filename=a.pdf") == nil)
        #expect(parse("") == nil)
        #expect(parse(" ; ") == nil)
    }

    /// stalwart's content_type.json vectors without a subtype are dispositions; the kind is the
    /// leading word.
    @Test func stalwartDispositionVectors() {
        #expect(parse(" inline; filename=\"  best \\\"file\\\" ever with \\\\ escaped ' stuff.  \"\n")?.filename
                == "  best \"file\" ever with \\ escaped ' stuff.  ")
        let folded = "attachment;\r\n\tfilename=\"=?utf-8?Q?Auftragsbest=C3=A4tigung_Xxxxx_Xxxxxx_XXXXXXXXXX=2EPD?=\r\n =?utf-8?Q?F?=\"\r\n"
        #expect(parse(folded) == ContentDisposition(kind: "attachment",
                                                   parameters: ["filename": "Auftragsbestätigung Xxxxx Xxxxxx XXXXXXXXXX.PDF"]))
    }
}

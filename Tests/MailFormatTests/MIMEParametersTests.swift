import Testing
@testable import MailFormat

@Suite struct MIMEParametersTests {
    private func parse(_ value: String) -> [String: String] { MIMEParameters.parse(Array(value.utf8)) }

    // MARK: - Reading

    @Test func tokensAndQuotedStrings() {
        #expect(parse("; charset=utf-8; format=\"flowed\"") == ["charset": "utf-8", "format": "flowed"])
        #expect(parse("a=\"x;y\"; b=\"q\\\"uote\"") == ["a": "x;y", "b": "q\"uote"])
    }

    @Test func namesAreLowerCasedValuesAreNot() {
        #expect(parse("CharSet=UTF-8") == ["charset": "UTF-8"])
    }

    @Test func emptyValuesAndNamelessValuesAreDropped() {
        #expect(parse("a=; b=\"\"; =c; =\"d\"; e") == [:])
        #expect(parse(";;;") == [:])
    }

    @Test func rfc2231CharsetAndLanguage() {
        var index = 0
        let list = MIMEParameters.parseList(Array("title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A".utf8), from: &index)
        #expect(list.parameters == ["title": "This is ***fun***"])
        #expect(list.languages == ["title": "en-us"])
    }

    @Test func rfc2231SectionsJoinInNumericOrder() {
        #expect(parse("u*10=k; u*2=c; u*0=a; u*1=b; u*3=d; u*4=e; u*5=f; u*6=g; u*7=h; u*8=i; u*9=j")
                == ["u": "abcdefghijk"])
    }

    @Test func rfc2231MixesEncodedAndPlainSegments() {
        #expect(parse("title*0*=us-ascii'en'This%20is%20even%20more%20; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"")
                == ["title": "This is even more ***fun*** isn't it!"])
        // A "%" in a plain segment is not an escape.
        #expect(parse("k*0*=utf-8''a%25; k*1=b%25") == ["k": "a%b%25"])
    }

    @Test func rfc2231InvalidEscapesStay() {
        #expect(parse("k*=utf-8''100%; j*=utf-8''%zz%4") == ["k": "100%", "j": "%zz%4"])
    }

    @Test func rfc2231QuotedExtendedValue() {
        #expect(parse("name*=\"utf-8''R%C3%A9union.txt\"") == ["name": "Réunion.txt"])
    }

    @Test func rfc2231WithoutCharsetIsUTF8() {
        #expect(parse("name*=%C3%A9t%C3%A9") == ["name": "été"])
    }

    @Test func rfc2231RepeatedSectionFirstWins() {
        #expect(parse("n*0=a; n*1=b; n*1=x; n*2=c") == ["n": "abc"])
    }

    // MARK: - Writing

    @Test func plainASCIIIsQuoted() {
        #expect(MIMEParameters.encode(name: "filename", value: "report.pdf") == "filename=\"report.pdf\"")
        #expect(MIMEParameters.encode(name: "filename", value: "a \"b\" \\c") == #"filename="a \"b\" \\c""#)
        #expect(MIMEParameters.encode(name: "filename", value: "") == "filename=\"\"")
    }

    @Test func nonASCIIIsRFC2231() {
        #expect(MIMEParameters.encode(name: "filename", value: "Réunion.pdf") == "filename*=utf-8''R%C3%A9union.pdf")
        #expect(MIMEParameters.encode(name: "filename", value: "tab\there") == "filename*=utf-8''tab%09here")
        #expect(MIMEParameters.encode(name: "filename", value: "a b'c*d%.pdf") == "filename=\"a b'c*d%.pdf\"")
        #expect(MIMEParameters.encode(name: "filename", value: "é b'c*d%") == "filename*=utf-8''%C3%A9%20b%27c%2Ad%25")
    }

    @Test func longValuesAreSplitIntoSegments() throws {
        let name = String(repeating: "日本語", count: 8) + ".txt"
        let encoded = MIMEParameters.encode(name: "filename", value: name)
        let segments = encoded.components(separatedBy: "; ")
        #expect(segments.count > 1)
        for (index, segment) in segments.enumerated() {
            #expect(segment.hasPrefix("filename*\(index)*="))
            let value = segment.dropFirst("filename*\(index)*=".count)
            #expect(value.count <= 60)
            // Never a split escape: every "%" has two hex digits after it in the same segment.
            let bytes = Array(value.utf8)
            for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "%") {
                #expect(offset + 2 < bytes.count)
            }
        }
        #expect(segments.first?.hasPrefix("filename*0*=utf-8''") == true)
        // Each segment holds whole characters, so even a per-segment decoder gets it right.
        #expect(segments.dropFirst().allSatisfy { $0.contains("%E6") || $0.contains("%E8") || $0.hasSuffix(".txt") })
        #expect(MIMEParameters.parse(Array(("; " + encoded).utf8)) == ["filename": name])
    }

    @Test func encodeThenParseRoundTrips() {
        let values = ["plain.txt", "Réunion été 2024.pdf", "日本語.txt", "emoji 🎉 party.png", "quote\" back\\slash",
                      String(repeating: "é", count: 100), "ends with space ", " starts", "semi;colon=equals"]
        for value in values {
            let encoded = MIMEParameters.encode(name: "filename", value: value)
            #expect(MIMEParameters.parse(Array(("; " + encoded).utf8)) == ["filename": value], "\(value)")
            let header = "attachment; " + encoded
            #expect(ContentDisposition(headerValue: Array(header.utf8))?.filename == value)
        }
    }
}

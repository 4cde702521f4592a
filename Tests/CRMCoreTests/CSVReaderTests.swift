import Foundation
import Testing
@testable import CRMCore

@Suite("CSVReader")
struct CSVReaderTests {
    private func fields(_ text: String) -> [[String]] {
        CSVReader(text: text).records.map(\.fields)
    }

    @Test func plainRecordsWithLineNumbers() throws {
        let records = CSVReader(text: "a,b,c\n1,2,3\n").records
        try #require(records.count == 2)
        #expect(records[0] == CSVReader.Record(line: 1, fields: ["a", "b", "c"], problem: nil))
        #expect(records[1] == CSVReader.Record(line: 2, fields: ["1", "2", "3"], problem: nil))
    }

    @Test func lastRecordWithoutNewline() {
        #expect(fields("a,b\nc,d") == [["a", "b"], ["c", "d"]])
    }

    @Test func emptyFieldsAreKept() {
        #expect(fields("a,,c\n,x,\n") == [["a", "", "c"], ["", "x", ""]])
        #expect(fields("a,b,") == [["a", "b", ""]])
    }

    @Test func quotedFieldsWithCommas() {
        #expect(fields("\"Acme, Inc.\",\"x,y,z\",plain\n") == [["Acme, Inc.", "x,y,z", "plain"]])
    }

    @Test func doubledQuotesInsideQuotes() {
        #expect(fields("\"She said \"\"hi\"\"\",\"\"\"\",\"\"\n") == [["She said \"hi\"", "\"", ""]])
    }

    @Test func quoteInsideAnUnquotedFieldIsLiteral() throws {
        let records = CSVReader(text: "5'11\",ab\"c\n").records
        try #require(records.map(\.fields) == [["5'11\"", "ab\"c"]])
        #expect(records[0].problem == nil)
    }

    @Test func embeddedNewlinesKeepLaterLineNumbersRight() throws {
        let text = "name,notes\nAnn,\"line one\nline two\nline three\"\nBo,short\n\"multi\nline\",x\nCy,end\n"
        let records = CSVReader(text: text).records
        try #require(records.map(\.line) == [1, 2, 5, 6, 8])
        #expect(records[1].fields == ["Ann", "line one\nline two\nline three"])
        #expect(records[2].fields == ["Bo", "short"])
        #expect(records[3].fields == ["multi\nline", "x"])
        #expect(records[4].fields == ["Cy", "end"])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func crlfLineEndings() throws {
        let records = CSVReader(text: "a,b\r\n\"q\",\"x\r\ny\"\r\nlast,1\r\n").records
        #expect(records.map(\.fields) == [["a", "b"], ["q", "x\r\ny"], ["last", "1"]])
        try #require(records.map(\.line) == [1, 2, 4])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func crlfWithoutFinalLineFeedAndEmptyLastField() {
        #expect(fields("a,b\r\nc,\r\n") == [["a", "b"], ["c", ""]])
        #expect(fields("a,\"b\"\r") == [["a", "b"]])
    }

    @Test func utf8ByteOrderMarkIsDropped() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("Name,Email\nJörg,j@x.de\n".utf8))
        let records = CSVReader(data: data).records
        try #require(records.map(\.fields) == [["Name", "Email"], ["Jörg", "j@x.de"]])
        #expect(records[0].fields[0].unicodeScalars.first == "N")
    }

    @Test func utf16LittleEndianWithByteOrderMark() throws {
        let text = "Name,Email\r\n\"Lee, Ann\",ann@x.com\r\n日本,jp@x.jp\r\n"
        var data = Data([0xFF, 0xFE])
        data.append(try #require(text.data(using: .utf16LittleEndian)))
        let records = CSVReader(data: data).records
        #expect(records.map(\.fields) == [["Name", "Email"], ["Lee, Ann", "ann@x.com"], ["日本", "jp@x.jp"]])
        try #require(records.map(\.line) == [1, 2, 3])
    }

    @Test func utf16BigEndianWithByteOrderMark() throws {
        var data = Data([0xFE, 0xFF])
        data.append(try #require("a,b\nc,d\n".data(using: .utf16BigEndian)))
        #expect(CSVReader(data: data).records.map(\.fields) == [["a", "b"], ["c", "d"]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = CSVReader(text: "\na,b\n\n   \n,,\r\n\nc,d\n\n").records
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"]])
        try #require(records.map(\.line) == [2, 7])
    }

    @Test func emptyInputHasNoRecords() {
        #expect(CSVReader(text: "").records.isEmpty)
        #expect(CSVReader(data: Data([0xEF, 0xBB, 0xBF])).records.isEmpty)
        #expect(CSVReader(text: "\n\n\r\n").records.isEmpty)
    }

    @Test func unterminatedQuoteIsReportedOnTheLineWhereItStarts() throws {
        let records = CSVReader(text: "a,b\nc,d\nok,\"never closed\nmore\nand more").records
        try #require(records.count == 3)
        let broken = records[2]
        #expect(broken.line == 3)
        let problem = try #require(broken.problem)
        #expect(problem.contains("never closed"))
        #expect(problem.contains("line 5"))
        #expect(broken.fields.first == "ok")
        #expect(records[0].problem == nil && records[1].problem == nil)
    }

    @Test func textAfterAClosingQuoteIsReported() throws {
        let records = CSVReader(text: "x,y\n\"Acme\" Inc,next\nfine,row\n").records
        try #require(records.count == 3)
        let broken = records[1]
        #expect(broken.line == 2)
        let problem = try #require(broken.problem)
        #expect(problem.contains("closing quote"))
        #expect(problem.contains("field 1"))
        #expect(broken.fields == ["Acme Inc", "next"])
        #expect(records[2] == CSVReader.Record(line: 3, fields: ["fine", "row"], problem: nil))
    }

    @Test func textAfterAClosingQuoteNamesTheField() throws {
        let records = CSVReader(text: "a,b,\"c\"d\r\n").records
        let problem = try #require(records.first?.problem)
        #expect(problem.contains("field 3"))
        #expect(records[0].fields == ["a", "b", "cd"])
    }

    @Test func textInitializerMatchesDataInitializer() {
        let text = "a,\"b\nc\",d\r\ne,f\n"
        #expect(CSVReader(text: text).records == CSVReader(data: Data(text.utf8)).records)
    }
}

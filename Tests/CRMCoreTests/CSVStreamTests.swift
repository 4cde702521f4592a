import Foundation
import Testing
@testable import CRMCore

@Suite("CSVReader.Stream")
struct CSVStreamTests {
    private static let text = "\u{FEFF}Name,Email,Notes\r\n\"Lee, Ann\",ann@a.example,\"two\nlines, \"\"quoted\"\"\"\r\n"
        + "\n,,\nBob,bob@b.example,plain\r\nCé,c@c.example,\"\"\"\"\nlast,l@l.example,no line break"

    /// Whatever sizes the pieces come in, the stream reads what reading the whole text reads.
    @Test(arguments: [1, 2, 3, 5, 7, 16, 1_000])
    func piecesReadLikeTheWhole(size: Int) {
        let bytes = Array(Self.text.utf8)
        var stream = CSVReader.Stream()
        var records: [CSVReader.Record] = []
        var start = 0
        while start < bytes.count {
            records += stream.feed(Array(bytes[start..<min(start + size, bytes.count)]))
            start += size
        }
        records += stream.finish()
        #expect(records == CSVReader(text: Self.text).records)
        #expect(records.count == 5)
        #expect(records.first?.fields == ["Name", "Email", "Notes"])
        #expect(records.last?.line == 8)
    }

    @Test func anUnclosedQuoteWaitsForTheEnd() {
        var stream = CSVReader.Stream()
        #expect(stream.feed(Array("a,b\n\"open,x\n".utf8)).map(\.fields) == [["a", "b"]])
        #expect(stream.feed(Array("more\n".utf8)).isEmpty)
        let last = stream.finish()
        #expect(last.count == 1)
        #expect(last.first?.problem != nil)
    }

    @Test func theReaderTakesTheHeaderThenRows() throws {
        var reader = ContactImport.Reader()
        #expect(try reader.take(CSVReader(text: "Name,Email\n").records).isEmpty)
        let rows = try reader.take(CSVReader(text: "Ann,ann@a.example\nNo Address,\n").records)
        #expect(rows.map(\.name) == ["Ann"])
        #expect(reader.rejections.map(\.line) == [2])
        try reader.end()
        #expect(throws: ContactImport.FileError.self) { try ContactImport.Reader().end() }
    }
}

import Foundation
import Testing
@testable import MailImport

@Suite struct MboxSplitTests {
    @Test func splitsLikeMime4j() throws {
        let corpus = ProcessInfo.processInfo.environment["RAPPORT_MIME_CORPUS"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/mime")
        let folder = corpus.appendingPathComponent("mime4j/mbox-split")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            print("MIME corpus not found: mbox split test skipped")
            return
        }
        let items = try Mbox.items(at: folder.appendingPathComponent("mbox.rlug"))
        #expect(items.count == 5)
        for (index, item) in items.enumerated() {
            let expected = [UInt8](try Data(contentsOf: folder.appendingPathComponent("mbox.rlug-\(index)")))
            #expect(try item.read() == expected, "message \(index)")
        }
    }

    @Test func unescapesMboxrdQuoting() {
        let text = "From a@b Mon Jan 1 00:00:00 2024\nSubject: x\n\n>From the start\n>>From deeper\n> From not\n\nFrom c@d Tue\nSubject: y\n\nbody\n"
        let data = Data(text.utf8)
        let ranges = Mbox.messageRanges(in: data)
        #expect(ranges.count == 2)
        let first = String(decoding: Mbox.unescape(data[ranges[0]]), as: UTF8.self)
        #expect(first == "Subject: x\n\nFrom the start\n>From deeper\n> From not\n\n")
    }
}

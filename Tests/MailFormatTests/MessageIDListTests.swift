import Foundation
import Testing
@testable import MailFormat

@Suite struct MessageIDListTests {
    private func parse(_ text: String) -> [String] { MessageIDList.parse(Array(text.utf8)) }

    @Test func bracketedIdsInOrder() {
        #expect(parse("<a@b>") == ["a@b"])
        #expect(parse("<a@b> <c@d>\t<e@f>") == ["a@b", "c@d", "e@f"])
        #expect(parse("<a@b>,<c@d>") == ["a@b", "c@d"])
        #expect(parse("<a@b> <a@b>") == ["a@b", "a@b"])
        #expect(parse("<  a@b  >") == ["a@b"])
        #expect(parse(#"<"john doe"@example.com>"#) == [#""john doe"@example.com"#])
    }

    @Test func missingBracketsAndJunk() {
        #expect(parse("a@b") == ["a@b"])
        #expect(parse("a@b c@d") == ["a@b", "c@d"])
        #expect(parse("<a@b c@d") == ["a@b", "c@d"])
        #expect(parse("<a@b <c@d>") == ["a@b", "c@d"])
        #expect(parse("a@b>") == ["a@b"])
        #expect(parse("<a@b> (a comment <x@y>) <c@d>") == ["a@b", "c@d"])
        #expect(parse(#"Your message of "Mon, 2 Jan 2006 <x@y>" <c@d>"#) == ["c@d"])
        #expect(parse("<a@b> (Ann Lee's message of Mon, 2 Jan 2006)") == ["a@b"])
        #expect(parse(#""john doe"@example.com"#) == [#""john doe"@example.com"#])
        #expect(parse("abc123") == ["abc123"])
        #expect(parse("Your message of yesterday").isEmpty)
        #expect(parse("").isEmpty)
        #expect(parse("<>").isEmpty)
        #expect(parse("<> <>").isEmpty)
    }

    @Test func adversarialInputIsLinearAndNeverTraps() {
        let cases = [
            String(repeating: "<", count: 100_000), String(repeating: "(", count: 100_000),
            String(repeating: "\"", count: 100_001), String(repeating: "<a", count: 50_000),
            String(repeating: "\"\\", count: 50_000), String(repeating: "a\"", count: 50_000) + "@",
            String(repeating: "<a@b>", count: 20_000),
        ]
        for text in cases {
            let started = Date()
            _ = parse(text)
            #expect(Date().timeIntervalSince(started) < 2)
        }
        #expect(parse(String(repeating: "<a@b>", count: 20_000)).count == 20_000)
    }

    /// Where we read id.json differently from stalwart on purpose: header → (our result, reason).
    static let deliberateDifferences: [String: (ours: [String], reason: String)] = [:]

    @Test func stalwartIdVectors() {
        guard let entries = StalwartHeaderVectors.load("id") else { return }
        var matched = 0
        var differences = 0
        for entry in entries {
            let ours = MessageIDList.parse(StalwartHeaderVectors.value(entry.header))
            let theirs = entry.expected as? [String] ?? []
            if ours == theirs {
                matched += 1
            } else if let difference = Self.deliberateDifferences[entry.header] {
                differences += 1
                #expect(ours == difference.ours, "deliberate difference changed for \(entry.header.debugDescription)")
            } else {
                Issue.record("\(entry.header.debugDescription): ours \(ours), stalwart \(theirs)")
            }
        }
        print("id.json: \(matched)/\(entries.count) match (\(StalwartHeaderVectors.percent(matched, entries.count))), "
            + "\(differences) deliberate differences")
        #expect(matched + differences == entries.count)
    }
}

@Suite struct PhraseListTests {
    private func parse(_ text: String) -> [String] { PhraseList.parse(Array(text.utf8)) }

    @Test func commaSeparatedPhrases() {
        #expect(parse("sales,  big deal ,,q3") == ["sales", "big deal", "q3"])
        #expect(parse(#""a, b", c"#) == ["a, b", "c"])
        #expect(parse("Sales (EMEA)") == ["Sales (EMEA)"])
        #expect(parse("  ").isEmpty)
        #expect(parse("=?utf-8?Q?caf=C3=A9?=, th\u{E9}") == ["café", "thé"])
    }

    @Test func stalwartListVectors() {
        guard let entries = StalwartHeaderVectors.load("list") else { return }
        var matched = 0
        for entry in entries {
            let ours = PhraseList.parse(StalwartHeaderVectors.value(entry.header))
            let theirs = entry.expected as? [String] ?? []
            if ours == theirs {
                matched += 1
            } else {
                Issue.record("\(entry.header.debugDescription): ours \(ours), stalwart \(theirs)")
            }
        }
        print("list.json: \(matched)/\(entries.count) match (\(StalwartHeaderVectors.percent(matched, entries.count)))")
        #expect(matched == entries.count)
    }
}

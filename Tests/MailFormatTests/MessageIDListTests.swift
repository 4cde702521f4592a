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

    /// id.json: we read every vector as stalwart does.
    @Test func stalwartIdVectors() {
        StalwartHeaderVectors.compare("id", ours: { MessageIDList.parse(StalwartHeaderVectors.value($0)) },
                                      theirs: { _, expected in expected as? [String] ?? [] })
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
        StalwartHeaderVectors.compare("list", ours: { PhraseList.parse(StalwartHeaderVectors.value($0)) },
                                      theirs: { _, expected in expected as? [String] ?? [] })
    }
}

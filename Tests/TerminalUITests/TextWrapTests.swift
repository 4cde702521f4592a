import Testing
@testable import TerminalUI

@Suite("TextWrap")
struct TextWrapTests {
    @Test func wrapsAtSpaces() {
        #expect(TextWrap.wrap("The quick brown fox jumps over the lazy dog", width: 12) == [
            "The quick", "brown fox", "jumps over", "the lazy dog",
        ])
    }

    @Test func hardBreaksWordsLongerThanARow() {
        #expect(TextWrap.wrap("see https://example.com/a/very/long/path ok", width: 10) == [
            "see", "https://ex", "ample.com/", "a/very/lon", "g/path ok",
        ])
    }

    @Test func keepsBlankLinesAndShortLines() {
        #expect(TextWrap.wrap("Hi Ann,\n\nThanks!\n", width: 20) == ["Hi Ann,", "", "Thanks!", ""])
        #expect(TextWrap.wrap("", width: 5) == [""])
        #expect(TextWrap.wrap("\n\n", width: 5) == ["", "", ""])
    }

    @Test func neverSplitsAWideCharacter() {
        #expect(TextWrap.wrap("日本語のテキスト", width: 5) == ["日本", "語の", "テキ", "スト"])
        #expect(TextWrap.wrap("ab日本", width: 3) == ["ab", "日", "本"])
        #expect(TextWrap.wrap("日本", width: 1) == ["日", "本"])
    }

    @Test func spacesAtABreakGo() {
        #expect(TextWrap.wrap("hello     world", width: 5) == ["hello", "world"])
        #expect(TextWrap.wrap("ab cd", width: 2) == ["ab", "cd"])
        #expect(TextWrap.wrap("  indented text", width: 20) == ["  indented text"])
    }

    @Test func everyRowFits() {
        let text = "Quarterly review — 日本語 mixed with ünïcödé and https://example.com/long/url and 😀 emoji, done."
        for width in 1...30 {
            for row in TextWrap.wrap(text, width: width) {
                #expect(TextWidth.of(row) <= max(width, 2), "width \(width): \(row)")
            }
            let rejoined = TextWrap.wrap(text, width: width).joined().filter { $0 != " " }
            #expect(rejoined == text.filter { $0 != " " }, "width \(width) lost text")
        }
    }

    @Test func unsafeTextIsCleanedAndTabsExpanded() {
        #expect(TextWrap.wrap("a\u{1B}[31mb\tc\r\nd\u{202E}", width: 20) == ["ab    c", "d"])
    }

    @Test func noWidthNoRows() {
        #expect(TextWrap.wrap("abc", width: 0).isEmpty)
    }

    @Test func rowsAreRangesOfTheLine() {
        #expect(TextWrap.rows(Array("ab cde"), width: 4) == [0..<3, 3..<6])
        #expect(TextWrap.rows(Array("ab cd ef"), width: 5) == [0..<6, 6..<8])
        #expect(TextWrap.rows([], width: 5) == [0..<0])
        #expect(TextWrap.rows(Array("abc   "), width: 3) == [0..<6])
    }

    @Test func itemsBreakBetweenValuesNeverInsideOne() {
        let items = ["last in 2d ago", "last out 5h ago", "they reply in ~23h 52m", "going cold"]
        #expect(TextWrap.items(items, separator: " · ", width: 40) == [
            "last in 2d ago · last out 5h ago", "they reply in ~23h 52m · going cold",
        ])
        #expect(TextWrap.items(items, separator: " · ", width: 200) == [items.joined(separator: " · ")])
        for width in 22...80 {
            let rows = TextWrap.items(items, separator: " · ", width: width)
            #expect(rows.allSatisfy { TextWidth.of($0) <= width }, "width \(width)")
            #expect(rows.joined(separator: " · ") == items.joined(separator: " · "), "width \(width): nothing lost or split")
        }
    }

    @Test func anItemWiderThanARowIsWrappedOnItsOwn() {
        #expect(TextWrap.items(["ok", "a very long item", "end"], separator: ", ", width: 8) == [
            "ok", "a very", "long", "item", "end",
        ])
        #expect(TextWrap.items(["", "x"], separator: " · ", width: 5) == ["x"], "empty items take no room")
        #expect(TextWrap.items(["x"], separator: " · ", width: 0) == [])
    }
}


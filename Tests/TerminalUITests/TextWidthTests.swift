import Testing
@testable import TerminalUI

@Suite("TextWidth")
struct TextWidthTests {
    /// The width of the scalar with this value.
    private func width(_ value: UInt32) -> Int { TextWidth.of(Unicode.Scalar(value)!) }

    @Test func asciiIsOneColumnEach() {
        #expect(TextWidth.of("hello") == 5)
        #expect(TextWidth.of("") == 0)
        #expect(TextWidth.of("a b~") == 4)
        #expect(TextWidth.of("hello"[...]) == 5)
    }

    @Test func wideEastAsianCharactersTakeTwo() {
        #expect(TextWidth.of("日本語") == 6)
        #expect(TextWidth.of("한국어") == 6)
        #expect(TextWidth.of("ひらがな") == 8)
        #expect(TextWidth.of("ＡＢ") == 4)            // fullwidth Latin
        #expect(TextWidth.of("ｱｲ") == 2)             // halfwidth katakana
        #expect(TextWidth.of("a日b") == 4)
        #expect(width(0x4E00) == 2)
        #expect(width(0x20000) == 2)
    }

    @Test func combiningMarksTakeNone() {
        #expect(width(0x0301) == 0)  // combining acute
        #expect(width(0x20DD) == 0)  // combining enclosing circle
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("cafe\u{301}") == 4)
        #expect(TextWidth.of("a\u{300}\u{301}\u{302}") == 1)
        #expect(TextWidth.of("\u{301}") == 0)
    }

    @Test func controlsAndInvisiblesTakeNone() {
        #expect(width(0x07) == 0)
        #expect(width(0x1B) == 0)
        #expect(width(0x85) == 0)
        #expect(width(0x200B) == 0)
        #expect(width(0xFEFF) == 0)
        #expect(width(0x1160) == 0)  // Hangul medial vowel filler
        #expect(TextWidth.of("a\u{200B}b") == 2)
    }

    @Test func emojiTakeTwo() {
        #expect(TextWidth.of("😀") == 2)
        #expect(TextWidth.of("🚀") == 2)
        #expect(TextWidth.of("🤖") == 2)
        #expect(TextWidth.of("❤️") == 2)    // U+2764 with emoji presentation selector
        #expect(TextWidth.of("❤") == 1)     // text presentation
    }

    @Test func otherScriptsAreNarrow() {
        #expect(TextWidth.of("Grüße") == 5)
        #expect(TextWidth.of("Привет") == 6)
        #expect(TextWidth.of("…") == 1)
    }

    @Test func truncateLeavesShortTextAlone() {
        #expect(TextWidth.truncate("hello", to: 5) == "hello")
        #expect(TextWidth.truncate("hello", to: 10) == "hello")
        #expect(TextWidth.truncate("日本", to: 4) == "日本")
        #expect(TextWidth.truncate("", to: 3) == "")
    }

    @Test func truncateEndsWithAnEllipsis() {
        #expect(TextWidth.truncate("hello world", to: 5) == "hell…")
        #expect(TextWidth.truncate("hello", to: 4) == "hel…")
        #expect(TextWidth.truncate("hello", to: 1) == "…")
        #expect(TextWidth.truncate("hello", to: 0) == "")
        #expect(TextWidth.truncate("hello", to: -3) == "")
    }

    @Test func truncateNeverSplitsOrOverflowsWideCharacters() {
        #expect(TextWidth.truncate("日本語テキスト", to: 5) == "日本…")
        #expect(TextWidth.truncate("日本語テキスト", to: 4) == "日…")
        #expect(TextWidth.truncate("日本語", to: 2) == "…")
        #expect(TextWidth.truncate("a日本", to: 4) == "a日…")
        #expect(TextWidth.truncate("cafe\u{301} au lait", to: 5) == "cafe\u{301}…")
    }

    static let samples = [
        "hello world", "日本語テキスト", "a日b本c語", "cafe\u{301} crème", "😀😀😀 emoji", "ＡＢＣ", "mixed 한국 text",
        "", "x",
    ]

    @Test("truncate never exceeds the width", arguments: samples)
    func truncateFits(_ text: String) {
        for columns in 0...16 {
            let cut = TextWidth.truncate(text, to: columns)
            #expect(TextWidth.of(cut) <= columns, "\(text) to \(columns): \(cut)")
            if columns == 0 {
                #expect(cut.isEmpty)
            } else if TextWidth.of(text) <= columns {
                #expect(cut == text)
            } else {
                #expect(cut.hasSuffix("…"))
                #expect(text.hasPrefix(cut.dropLast()))
                // It keeps as much as fits: one column less would not hold the next character.
                #expect(TextWidth.of(cut) >= columns - 1, "\(text) to \(columns): \(cut)")
            }
        }
    }

    @Test("pad gives exactly the width", arguments: samples)
    func padIsExact(_ text: String) {
        for columns in 0...16 {
            let padded = TextWidth.pad(text, to: columns)
            #expect(TextWidth.of(padded) == columns, "\(text) to \(columns): \(padded.debugDescription)")
        }
    }

    @Test func padExamples() {
        #expect(TextWidth.pad("ab", to: 5) == "ab   ")
        #expect(TextWidth.pad("日本", to: 5) == "日本 ")
        #expect(TextWidth.pad("日本語", to: 5) == "日本…")
        #expect(TextWidth.pad("日本語", to: 4) == "日… ")
        #expect(TextWidth.pad("hello", to: 3) == "he…")
        #expect(TextWidth.pad("", to: 2) == "  ")
        #expect(TextWidth.pad("x", to: 0) == "")
    }
}

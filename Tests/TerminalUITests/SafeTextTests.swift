import Testing
@testable import TerminalUI

@Suite("SafeText")
struct SafeTextTests {
    /// Every scalar that would let text drive the terminal or hide itself.
    private func isClean(_ text: String, allowNewline: Bool = false) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            if scalar == "\n" { return allowNewline }
            return value >= 0x20 && !(0x7F...0x9F).contains(value) && !(0x202A...0x202E).contains(value)
                && !(0x2066...0x2069).contains(value) && !(0x200B...0x200F).contains(value) && value != 0xFEFF
        }
    }

    @Test("escape sequences are removed", arguments: [
        ("\u{1B}[31mred\u{1B}[0m", "red"),
        ("\u{1B}[1;38;5;196mbold\u{1B}[m text", "bold text"),
        ("a\u{1B}[2Jb", "ab"),                                  // clear screen
        ("a\u{1B}[?1049hb", "ab"),                              // private mode (alternate screen)
        ("\u{1B}[6n", ""),                                      // cursor position report request
        ("\u{9B}31mred\u{9B}0m", "red"),                        // C1 CSI
        ("\u{1B}]0;pwned\u{07}hello", "hello"),                 // OSC title, BEL terminator
        ("\u{1B}]2;pwned\u{1B}\\hello", "hello"),               // OSC title, ST terminator
        ("\u{1B}]0;pwned\u{9C}hello", "hello"),                 // OSC title, C1 ST terminator
        ("\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\", "click"), // OSC 8 hyperlink
        ("\u{1B}]52;c;ZWNobyBoaQ==\u{07}x", "x"),               // OSC 52 clipboard write
        ("\u{1B}Pq#0;2;0;0;0\u{1B}\\ok", "ok"),                 // DCS (sixel)
        ("\u{1B}_apc\u{1B}\\ok", "ok"),                         // APC
        ("\u{1B}^pm\u{07}ok", "ok"),                            // PM
        ("\u{1B}cok", "ok"),                                    // RIS: full reset
        ("\u{1B}7save\u{1B}8", "save"),                         // DECSC / DECRC
        ("\u{1B}(Bplain", "plain"),                             // designate G0 charset
        ("\u{1B}#8x", "x"),                                     // DECALN (screen fill)
        ("end\u{1B}", "end"),
        ("end\u{1B}[", "end"),
        ("end\u{1B}]0;never terminated", "end"),
    ])
    func escapes(input: String, expected: String) {
        #expect(SafeText.line(input) == expected, "\(input.debugDescription)")
        #expect(SafeText.block(input) == expected, "\(input.debugDescription)")
    }

    @Test("control, bidi and invisible characters are removed", arguments: [
        ("a\u{07}b\u{08}c\u{00}d", "abcd"),
        ("a\u{7F}b", "ab"),
        ("a\u{85}b\u{9D}c\u{90}d", "abcd"),                     // C1 controls
        ("abc\u{202E}fdp.exe", "abcfdp.exe"),                   // right-to-left override
        ("\u{2066}x\u{2069}y\u{2067}z\u{2068}", "xyz"),         // isolates
        ("\u{202A}\u{202B}\u{202C}\u{202D}q", "q"),             // embeddings and overrides
        ("\u{200E}l\u{200F}r\u{061C}", "lr"),                   // marks
        ("zero\u{200B}width\u{FEFF}", "zerowidth"),             // ZWSP, BOM
        ("a\u{200C}b\u{200D}c\u{2060}d", "abcd"),               // ZWNJ, ZWJ, word joiner
        ("tag\u{E0041}\u{E007F}", "tag"),                       // tag characters
        ("\u{FFF9}ann\u{FFFB}", "ann"),                         // interlinear annotation
    ])
    func invisible(input: String, expected: String) {
        #expect(SafeText.line(input) == expected, "\(input.debugDescription)")
        #expect(SafeText.block(input) == expected, "\(input.debugDescription)")
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "Grüße aus Köln — 日本語, 한국어, עברית, العربية 😀 café"
        #expect(SafeText.line(text) == text)
        #expect(SafeText.block(text) == text)
    }

    @Test func lineCollapsesBreaksTabsAndRunsOfSpaces() {
        #expect(SafeText.line("a\nb\r\nc\td") == "a b c d")
        #expect(SafeText.line("one  two\n\n\nthree") == "one two three")
        #expect(SafeText.line("  \n\tleading and trailing \n ") == "leading and trailing")
        #expect(SafeText.line("a \u{200B} b") == "a b")
        #expect(SafeText.line("a\u{1B}[0m \u{1B}[0m b") == "a b")
        #expect(SafeText.line("") == "")
        #expect(SafeText.line(" \n \t ") == "")
        #expect(!SafeText.line("x\ny").contains("\n"))
    }

    @Test func blockKeepsLineBreaksAndExpandsTabs() {
        #expect(SafeText.block("Hi Ann,\n\nThanks.\r\n\u{1B}[1m-- \u{1B}[0m\nBo") == "Hi Ann,\n\nThanks.\n-- \nBo")
        #expect(SafeText.block("col\tcol") == "col    col")
        #expect(SafeText.block("  indented\n") == "  indented\n")
        #expect(SafeText.block("a\rb") == "ab")
    }

    @Test func cleanForEveryUnsafeScalar() {
        // Every C0 and C1 control and every listed invisible, each between letters.
        var unsafe: [UInt32] = Array(0x00...0x1F) + Array(0x7F...0x9F)
        unsafe += Array(0x200B...0x200F) + Array(0x202A...0x202E) + Array(0x2060...0x206F) + [0xFEFF, 0x061C]
        for value in unsafe {
            guard let scalar = Unicode.Scalar(value), scalar != "\u{1B}", value != 0x9B else { continue }
            let text = "a" + String(Character(scalar)) + "b"
            #expect(isClean(SafeText.line(text)), "U+\(String(value, radix: 16))")
            #expect(isClean(SafeText.block(text), allowNewline: true), "U+\(String(value, radix: 16))")
        }
    }

    @Test func hostileMailSubjectEndsUpClean() {
        let subject = "\u{1B}]0;evil\u{07}\u{1B}[2J\u{9B}H Invoice \u{202E}fdp.exe\u{200B}\r\n\u{1B}[8mhidden"
        let line = SafeText.line(subject)
        #expect(isClean(line))
        #expect(line == "Invoice fdp.exe hidden")
    }
}

import Testing
@testable import TerminalUI

/// The ASCII look-alikes for terminals whose locale is not UTF-8: same width, nothing above 0x7F.
@Suite struct ASCIIFallbackTests {
    @Test func bordersMarkersBarsAndEllipsesHaveLookAlikes() {
        #expect(ASCIIFallback.text("┌─ Mail · ann ─┐") == "+- Mail - ann -+")
        #expect(ASCIIFallback.text("● ← → ↩ ✓ ⚠ ⟳") == "* < > < v ! ~")
        #expect(ASCIIFallback.text("▁▂▃▄▅▆▇█") == "_.-=+*##")
        #expect(ASCIIFallback.text("Loading…") == "Loading.")
        #expect(ASCIIFallback.text("“quoted” — it’s") == "\"quoted\" - it's")
    }

    @Test func mailTextLosesAccentsOrBecomesQuestionMarksInTheSameColumns() {
        #expect(ASCIIFallback.text("Zoë Müller, café") == "Zoe Muller, cafe")
        #expect(ASCIIFallback.text("日本") == "????", "a wide character keeps both its columns")
        #expect(ASCIIFallback.text("ab😀") == "ab??")
        #expect(ASCIIFallback.text("Ωmega") == "?mega")
    }

    @Test func everyLookAlikeIsOneASCIIColumnAndEveryResultKeepsTheWidth() {
        for (glyph, stand) in ASCIIFallback.glyphs {
            #expect(stand.isASCII && TextWidth.of(stand) == 1, "\(glyph)")
            #expect(TextWidth.of(glyph) == 1, "\(glyph) is drawn in one column")
        }
        let text = "Quarterly review — 日本語 ünïcödé 😀 e\u{301} ▁▂█ … done"
        let ascii = ASCIIFallback.text(text)
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(TextWidth.of(ascii) == TextWidth.of(text))
    }

    @Test(arguments: [
        ([String: String](), true), (["LANG": "C"], true), (["LANG": "POSIX"], true),
        (["LANG": "en_US.UTF-8"], false), (["LANG": "C.utf8"], false), (["LANG": "de_DE.UTF-8@euro"], false),
        (["LANG": "en_US.UTF-8", "LC_ALL": "C"], true), (["LANG": "C", "LC_CTYPE": "C.UTF-8"], false),
        (["LANG": "en_US.ISO-8859-1"], true), (["LC_ALL": "", "LANG": "en_GB.UTF-8"], false),
    ])
    func theLocaleDecides(environment: [String: String], ascii: Bool) {
        #expect(ASCIIFallback.isNeeded(environment: environment) == ascii)
    }
}

import Testing
@testable import TerminalUI

@Suite("SafeText input")
struct SafeTextInputTests {
    @Test func lineBreaksBecomeNewlines() {
        #expect(SafeText.input("a\r\nb\rc\nd\r\r\ne") == "a\nb\nc\nd\n\ne")
        #expect(SafeText.input("\r") == "\n")
    }

    @Test func tabsAndUnsafeCharacters() {
        #expect(SafeText.input("\ta\u{1B}[1mb\u{1B}]0;t\u{07}c\u{9B}2Jd\u{85}\u{200B}\u{202E}") == "    abcd")
    }

    @Test func oneLineInput() {
        #expect(SafeText.inputLine("a\r\nb\nc\r\n\n") == "a b c")
        #expect(SafeText.inputLine("\n\nx") == "  x")
        #expect(SafeText.inputLine("tab\there") == "tab    here")
        #expect(SafeText.inputLine("\u{1B}[31m") == "")
    }
}

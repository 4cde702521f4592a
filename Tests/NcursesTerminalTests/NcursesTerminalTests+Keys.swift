import Testing
import TerminalUI
@testable import NcursesTerminal

extension NcursesTerminalTests {
    /// Bytes as a terminal sends them, fed through ncurses' real `wget_wch` and decoded.
    @MainActor
    @Suite struct Keys {
        @Test(arguments: [
            ("\u{1B}OA", [Key.up]),
            ("\u{1B}OB\u{1B}OD\u{1B}OC", [.down, .left, .right]),
            ("\u{1B}OH\u{1B}OF", [.home, .end]),
            ("\u{1B}[5~\u{1B}[6~\u{1B}[2~\u{1B}[3~", [.pageUp, .pageDown, .insert, .delete]),
            ("\u{1B}OP\u{1B}[15~", [.function(1), .function(5)]),
            ("\u{1B}[Z", [.backTab]),
            ("\u{1B}[A\u{1B}[1~\u{1B}[4~\u{1B}[H", [.up, .home, .end, .home]),   // not in xterm-256color's terminfo
            ("\u{1B}b", [.alt("b")]),
            ("\u{7F}\u{08}", [.backspace, .backspace]),
            ("\u{04}\u{03}\u{1A}", [.control("d"), .control("c"), .control("z")]),
            ("\r\n\t", [.enter, .enter, .tab]),
            ("jk G", [.character("j"), .character("k"), .character(" "), .character("G")]),
            ("日本", [.character("日"), .character("本")]),
            ("e\u{301}", [.character("e\u{301}")]),
            ("\u{1B}[200~hello\r\nworld\u{1B}[201~", [.paste("hello\nworld")]),
            ("\u{1B}", [.escape]),
        ])
        func bytesFromTheTerminalBecomeKeys(bytes: String, keys: [Key]) throws {
            let terminal = try NcursesTerminal(headless: NcursesTerminalTests.size)
            defer { terminal.stop() }
            terminal.feed(bytes)
            #expect(terminal.pendingKeys() == keys)
            #expect(terminal.pendingKeys() == [], "the drain took everything")
        }

        @Test func aPasteSplitOverTwoReadsComesWhole() throws {
            let terminal = try NcursesTerminal(headless: NcursesTerminalTests.size)
            defer { terminal.stop() }
            terminal.feed("x\u{1B}[200~first line\r")
            #expect(terminal.pendingKeys() == [.character("x")])
            terminal.feed("second q\u{1B}[201~q")
            #expect(terminal.pendingKeys() == [.paste("first line\nsecond q"), .character("q")])
        }

        @Test func aClosedFeedIsInputThatHasEnded() throws {
            let terminal = try NcursesTerminal(headless: NcursesTerminalTests.size)
            defer { terminal.stop() }
            #expect(!terminal.inputHasEnded)
            terminal.feed("a")
            #expect(!terminal.inputHasEnded)
            #expect(terminal.pendingKeys() == [.character("a")])
            terminal.closeFeed()
            #expect(terminal.inputHasEnded)
            #expect(terminal.pendingKeys() == [])
        }
    }
}

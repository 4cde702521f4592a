import Testing
@testable import TerminalUI

@Suite("TextEditor")
struct TextEditorTests {
    private typealias Position = TextEditor.Position

    /// An editor holding `text` with the cursor at `line`, `column`.
    private func editor(_ text: String, _ line: Int = 0, _ column: Int = 0) -> TextEditor {
        var editor = TextEditor(text: text)
        editor.move(to: Position(line: line, column: column))
        return editor
    }

    /// Keys from a script applied one by one, each of which must be used.
    private func typing(_ script: String, into editor: inout TextEditor) {
        for key in Key.script(script) {
            let used = editor.handle(key)
            #expect(used, "\(key)")
        }
    }

    private func rendered(_ editor: TextEditor, width: Int, height: Int) -> (lines: [String], cursor: (x: Int, y: Int)?) {
        var screen = ScreenBuffer(size: TerminalSize(columns: width + 2, rows: height + 2), fill: Cell("."))
        let cursor = editor.render(into: &screen, rect: Rect(x: 1, y: 1, width: width, height: height))
        return (screen.lines, cursor)
    }

    // MARK: text

    @Test("Text goes to an editor's file with its last line ended, and comes back less that one line break",
          arguments: [
              ("Hi", "Hi\n", "Hi"),
              ("Hi\nthere", "Hi\nthere\nAppended\n", "Hi\nthere\nAppended"),
              ("Hi\n", "Hi\n\n", "Hi\n"),
              ("", "\n", ""),
              ("", "", ""),
              ("Hi", "Hi\r\nthere\r\n", "Hi\nthere"),
              ("Hi", "no line break at the end", "no line break at the end"),
          ])
    func fileText(body: String, saved: String, back: String) {
        #expect(TextEditor(text: body).fileText == body + "\n")
        #expect(TextEditor(fileText: saved).text == back)
        #expect(TextEditor(fileText: TextEditor(text: body).fileText).text == body, "unchanged, it comes back the same")
    }

    @Test func textRoundTrips() {
        let text = "Hi Ann,\n\nThanks — 日本語 too.\n"
        let editor = TextEditor(text: text)
        #expect(editor.text == text)
        #expect(editor.lines == ["Hi Ann,", "", "Thanks — 日本語 too.", ""])
        #expect(editor.cursor == Position(line: 0, column: 0))
        #expect(TextEditor().isEmpty && TextEditor().lines == [""])
        #expect(!TextEditor(text: "\n").isEmpty)
    }

    @Test func initialTextIsMadeSafe() {
        #expect(TextEditor(text: "a\r\nb\rc\td\u{1B}[31m!\u{202E}").text == "a\nb\nc    d!")
    }

    // MARK: typing

    @Test func typingInsertsAtTheCursor() {
        var text = editor("Hello", 0, 5)
        typing(#"" world" Enter "Bye""#, into: &text)
        #expect(text.text == "Hello world\nBye")
        #expect(text.cursor == Position(line: 1, column: 3))
        text.move(to: Position(line: 0, column: 0))
        text.insert(">")
        #expect(text.lines[0] == ">Hello world" && text.cursor == Position(line: 0, column: 1))
    }

    @Test func aCombiningMarkJoinsTheLetterBeforeIt() {
        var text = editor("cafe", 0, 4)
        text.insert("\u{301}")
        #expect(text.text == "café")
        #expect(text.cursor.column == 4)
        #expect(text.lines[0].count == 4)
    }

    @Test func unsafeCharactersTypedAreDropped() {
        var text = TextEditor()
        for character: Character in ["a", "\u{1B}", "\u{7}", "\u{9B}", "\u{200B}", "b"] { text.insert(character) }
        #expect(text.text == "ab" && text.cursor.column == 2)
    }

    @Test func pasteKeepsLineBreaksAndDropsWhatIsUnsafe() {
        var text = editor("[]", 0, 1)
        let used = text.handle(.paste("one\r\ntwo\rthree\n\u{1B}[2J\u{1B}]0;owned\u{07}four\tfive\u{85}"))
        #expect(used)
        #expect(text.lines == ["[one", "two", "three", "four    five]"])
        #expect(text.cursor == Position(line: 3, column: 12))
    }

    @Test func pasteOfOnlyUnsafeTextChangesNothing() {
        var text = editor("abc", 0, 1)
        text.insert(text: "\u{1B}[6n\u{202E}")
        #expect(text.text == "abc" && text.cursor == Position(line: 0, column: 1))
    }

    @Test func newlineSplitsTheLine() {
        var text = editor("abcd", 0, 2)
        text.newline()
        #expect(text.lines == ["ab", "cd"] && text.cursor == Position(line: 1, column: 0))
    }

    // MARK: deleting

    @Test func backspaceDeletesAndJoinsLinesAtColumnZero() {
        var text = editor("ab\ncd", 1, 1)
        text.backspace()
        #expect(text.lines == ["ab", "d"] && text.cursor == Position(line: 1, column: 0))
        text.backspace()
        #expect(text.lines == ["abd"] && text.cursor == Position(line: 0, column: 2))
        text.move(to: Position(line: 0, column: 0))
        text.backspace()
        #expect(text.text == "abd" && text.cursor == Position(line: 0, column: 0))
    }

    @Test func deleteForwardDeletesAndJoinsLinesAtTheEnd() {
        var text = editor("a日\nb", 0, 1)
        text.deleteForward()
        #expect(text.lines == ["a", "b"])
        text.deleteForward()
        #expect(text.lines == ["ab"] && text.cursor == Position(line: 0, column: 1))
        text.moveToBottom()
        text.deleteForward()
        #expect(text.text == "ab")
    }

    @Test func deleteWordBackwardStopsAtSpaces() {
        var text = editor("mail ann@example.com  now", 0, 22)
        text.deleteWordBackward()
        #expect(text.text == "mail now" && text.cursor.column == 5)
        text.deleteWordBackward()
        #expect(text.text == "now" && text.cursor.column == 0)
        var lines = editor("one\ntwo", 1, 0)
        let used = lines.handle(.control("w"))
        #expect(used)
        #expect(lines.text == "onetwo" && lines.cursor == Position(line: 0, column: 3))
    }

    @Test func killToEndOfLineThenJoins() {
        var text = editor("Hello world\nnext", 0, 5)
        text.killToEndOfLine()
        #expect(text.lines == ["Hello", "next"] && text.cursor == Position(line: 0, column: 5))
        text.killToEndOfLine()
        #expect(text.lines == ["Hellonext"])
        text.moveToBottom()
        text.killToEndOfLine()
        #expect(text.text == "Hellonext")
    }

    @Test func killToStartOfLineKeepsOtherLines() {
        var text = editor("first\nHello world", 1, 6)
        let used = text.handle(.control("u"))
        #expect(used)
        #expect(text.lines == ["first", "world"] && text.cursor == Position(line: 1, column: 0))
        text.killToStartOfLine()
        #expect(text.lines == ["first", "world"])
    }

    // MARK: moving

    @Test func leftAndRightCrossLineEnds() {
        var text = editor("ab\ncd", 0, 2)
        text.moveRight()
        #expect(text.cursor == Position(line: 1, column: 0))
        text.moveLeft()
        #expect(text.cursor == Position(line: 0, column: 2))
        text.moveToTop()
        text.moveLeft()
        #expect(text.cursor == Position(line: 0, column: 0))
        text.moveToBottom()
        text.moveRight()
        #expect(text.cursor == Position(line: 1, column: 2))
    }

    @Test func upAndDownKeepTheDisplayColumnAcrossWideCharacters() {
        // Column 6 of "abcdefgh" is display column 6: on "日本語です" that is after 語 (character 3).
        var text = editor("abcdefgh\n日本語です\nxy\nabcdefghij", 0, 6)
        text.moveDown()
        #expect(text.cursor == Position(line: 1, column: 3))
        text.moveDown()                                  // a short line: its end
        #expect(text.cursor == Position(line: 2, column: 2))
        text.moveDown()                                  // the goal column is kept
        #expect(text.cursor == Position(line: 3, column: 6))
        text.moveUp()
        text.moveUp()
        #expect(text.cursor == Position(line: 1, column: 3))
    }

    @Test func upAndDownNeverLandInsideAWideCharacter() {
        // Display column 3 falls in the middle of 本 (columns 2–3): the cursor stops before it.
        var text = editor("abc\n日本", 0, 3)
        text.moveDown()
        #expect(text.cursor == Position(line: 1, column: 1))
        text.moveUp()
        #expect(text.cursor == Position(line: 0, column: 3))
    }

    @Test func horizontalMovesForgetTheGoalColumn() {
        var text = editor("abcdef\nab\nabcdef", 0, 5)
        text.moveDown()
        text.moveLeft()
        text.moveDown()
        #expect(text.cursor == Position(line: 2, column: 1))
    }

    @Test func upOnTheFirstLineAndDownOnTheLast() {
        var text = editor("abc\ndef", 0, 2)
        text.moveUp()
        #expect(text.cursor == Position(line: 0, column: 0))
        text.move(to: Position(line: 1, column: 1))
        text.moveDown()
        #expect(text.cursor == Position(line: 1, column: 3))
    }

    @Test func wordMovesLikeAltBAndAltF() {
        var text = editor("Hi Ann, re: the_deal\nnext", 0, 0)
        let rights = (0..<5).map { _ in text.moveWordRight(); return text.cursor }
        #expect(rights == [Position(line: 0, column: 2), Position(line: 0, column: 6), Position(line: 0, column: 10),
                           Position(line: 0, column: 20), Position(line: 1, column: 4)])
        text.moveWordRight()
        #expect(text.cursor == Position(line: 1, column: 4))
        let lefts = (0..<5).map { _ in text.moveWordLeft(); return text.cursor }
        #expect(lefts == [Position(line: 1, column: 0), Position(line: 0, column: 12), Position(line: 0, column: 8),
                          Position(line: 0, column: 3), Position(line: 0, column: 0)])
    }

    @Test func homeEndTopBottom() {
        var text = editor("one\ntwo three\nfour", 1, 4)
        text.moveToLineStart()
        #expect(text.cursor == Position(line: 1, column: 0))
        text.moveToLineEnd()
        #expect(text.cursor == Position(line: 1, column: 9))
        text.moveToBottom()
        #expect(text.cursor == Position(line: 2, column: 4))
        text.moveToTop()
        #expect(text.cursor == Position(line: 0, column: 0))
        text.move(to: Position(line: 9, column: 99))
        #expect(text.cursor == Position(line: 2, column: 4))
    }

    // MARK: keys

    @Test func standardKeys() {
        var text = editor("hello world", 0, 11)
        typing("C-a → → M-f C-e ← Home End M-b C-k Backspace Delete", into: &text)
        #expect(text.text == "hello" && text.cursor.column == 5)
        typing("Enter ↑ ↓ M-< M->", into: &text)
        #expect(text.lines == ["hello", ""] && text.cursor == Position(line: 1, column: 0))
    }

    @Test("keys an editor leaves to the app", arguments: [Key.tab, .backTab, .escape, .control("s"), .control("d"),
                                                           .function(1), .pageDown, .resize, .alt("x")])
    func unusedKeys(key: Key) {
        var text = editor("abc", 0, 1)
        let before = text
        let used = text.handle(key)
        #expect(!used)
        #expect(text == before)
    }
}

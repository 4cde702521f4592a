import Testing
@testable import TerminalUI

@Suite("TextEditor rendering")
struct TextEditorRenderTests {
    private typealias Position = TextEditor.Position

    private func editor(_ text: String, _ line: Int, _ column: Int) -> TextEditor {
        var editor = TextEditor(text: text)
        editor.move(to: Position(line: line, column: column))
        return editor
    }

    /// The editor drawn at (1, 1) in a buffer of dots one cell larger on every side: the rows, and
    /// the cursor relative to the editor's rect.
    private func draw(_ editor: TextEditor, width: Int, height: Int, role: Role = .normal)
        -> (rows: [String], cursor: [Int], screen: ScreenBuffer) {
        var screen = ScreenBuffer(size: TerminalSize(columns: width + 2, rows: height + 2), fill: Cell("."))
        let cursor = editor.render(into: &screen, rect: Rect(x: 1, y: 1, width: width, height: height), role: role)
        return (screen.lines, cursor.map { [$0.x - 1, $0.y - 1] } ?? [], screen)
    }

    @Test func wideCharactersWrapWhole() {
        let (rows, cursor, screen) = draw(editor("日本語", 0, 3), width: 5, height: 3)
        #expect(rows == [
            ".......",
            ".日本 .",
            ".語   .",
            ".     .",
            ".......",
        ])
        #expect(cursor == [2, 1])
        #expect(screen[5, 1] == Cell(" "))
    }

    @Test func aWideCharacterThatWouldCrossTheEdgeStartsTheNextRow() {
        let (rows, cursor, _) = draw(editor("a日本語", 0, 2), width: 4, height: 2)
        #expect(rows == ["......", ".a日 .", ".本語.", "......"])
        #expect(cursor == [0, 1])
    }

    @Test func wrapsAtSpaces() {
        let (rows, cursor, _) = draw(editor("Hello there world", 0, 8), width: 8, height: 3)
        #expect(rows == ["..........", ".Hello   .", ".there   .", ".world   .", ".........."])
        #expect(cursor == [2, 1])
    }

    @Test func hardBreaksAWordLongerThanARow() {
        let (rows, _, _) = draw(editor("see abcdefghij", 0, 0), width: 4, height: 4)
        #expect(rows == ["......", ".see .", ".abcd.", ".efgh.", ".ij  .", "......"])
    }

    @Test func keepsBlankLinesAndDrawsInItsRole() {
        let (rows, cursor, screen) = draw(editor("a\n\nb", 1, 0), width: 3, height: 3, role: .inputFocused)
        #expect(rows == [".....", ".a  .", ".   .", ".b  .", "....."])
        #expect(cursor == [0, 1])
        #expect(screen[3, 2].role == .inputFocused && screen[4, 2].role == .normal)
    }

    @Test func theCursorAfterAFullRowShowsOnTheNextRow() {
        let (rows, cursor, _) = draw(editor("abcd\nx", 0, 4), width: 4, height: 3)
        #expect(rows == ["......", ".abcd.", ".    .", ".x   .", "......"])
        #expect(cursor == [0, 1])
        let (_, atStart, _) = draw(editor("abcd\nx", 1, 0), width: 4, height: 3)
        #expect(atStart == [0, 1])
    }

    @Test func spacesWhereARowBreaksHangAtItsEnd() {
        // After "world" the row is full: the cursor waits at the start of the next one.
        let (rows, cursor, _) = draw(editor("hello world", 0, 11), width: 5, height: 3)
        #expect(rows == [".......", ".hello.", ".world.", ".     .", "......."])
        #expect(cursor == [0, 2])
        let (_, onTheSpace, _) = draw(editor("hello world", 0, 5), width: 5, height: 2)
        #expect(onTheSpace == [0, 1])
    }

    @Test func scrollsSoTheCursorShows() {
        let text = (0..<10).map { "line \($0)" }.joined(separator: "\n")
        let (rows, cursor, _) = draw(editor(text, 9, 6), width: 8, height: 3)
        #expect(rows == ["..........", ".line 7  .", ".line 8  .", ".line 9  .", ".........."])
        #expect(cursor == [6, 2])
        let (top, topCursor, _) = draw(editor(text, 0, 0), width: 8, height: 3)
        #expect(top[1] == ".line 0  ." && topCursor == [0, 0])
    }

    @Test func theViewStaysPutWhileTheCursorMovesInsideIt() {
        let text = (0..<10).map { "line \($0)" }.joined(separator: "\n")
        var editor = editor(text, 9, 0)
        editor.scrollToCursor(width: 8, height: 3)
        #expect(editor.scrollRow == 7)
        editor.moveUp()
        editor.scrollToCursor(width: 8, height: 3)
        #expect(editor.scrollRow == 7)
        let (rows, cursor, _) = draw(editor, width: 8, height: 3)
        #expect(rows[1...3] == [".line 7  .", ".line 8  .", ".line 9  ."])
        #expect(cursor == [0, 1])
        editor.moveToTop()
        editor.scrollToCursor(width: 8, height: 3)
        #expect(editor.scrollRow == 0)
    }

    @Test func scrollingCountsWrappedRows() {
        // Two lines that wrap into five rows; the cursor on the last row of the second line.
        var editor = editor("aaaa bbbb cccc\ndddd eeee", 1, 9)
        #expect(editor.rowCount(width: 5) == 5)
        editor.scrollToCursor(width: 5, height: 2)
        #expect(editor.scrollRow == 3)
        let (rows, cursor, _) = draw(editor, width: 5, height: 2)
        #expect(rows == [".......", ".dddd .", ".eeee .", "......."])
        #expect(cursor == [4, 1])
    }

    @Test func aShrunkTextScrollsBack() {
        let text = (0..<10).map { "l\($0)" }.joined(separator: "\n")
        var editor = editor(text, 9, 2)
        editor.scrollToCursor(width: 4, height: 3)
        #expect(editor.scrollRow == 7)
        for _ in 0..<(3 * 9) { editor.backspace() }     // back to "l0" and the cursor at its end
        #expect(editor.text == "l0")
        let (rows, cursor, _) = draw(editor, width: 4, height: 3)
        #expect(rows[1] == ".l0  ." && cursor == [2, 0])
    }

    @Test func anEmptyRectDrawsNothing() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 4, rows: 2))
        let before = screen
        #expect(editor("abc", 0, 0).render(into: &screen, rect: Rect(x: 0, y: 0, width: 0, height: 2)) == nil)
        #expect(screen == before)
    }

    @Test func pastedEscapesNeverReachTheScreen() {
        var editor = TextEditor()
        editor.insert(text: "ok\u{1B}[2J\u{1B}]0;x\u{07}\u{9B}1m\u{202E}!")
        var screen = ScreenBuffer(size: TerminalSize(columns: 6, rows: 1))
        editor.render(into: &screen, rect: screen.bounds)
        #expect(screen.lines == ["ok!"])
    }
}

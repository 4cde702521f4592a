import Testing
@testable import TerminalUI

@Suite("TextField")
struct TextFieldTests {
    /// The field drawn at (1, 0) in a row of dots: the row, and the cursor's x relative to the field.
    private func draw(_ field: TextField, width: Int, focused: Bool = true) -> (row: String, cursor: Int?, screen: ScreenBuffer) {
        var screen = ScreenBuffer(size: TerminalSize(columns: width + 2, rows: 1), fill: Cell("."))
        let cursor = field.render(into: &screen, rect: Rect(x: 1, y: 0, width: width, height: 1), focused: focused)
        return (screen.text(row: 0), cursor.map { $0.x - 1 }, screen)
    }

    @Test func startsWithTheCursorAtTheEnd() {
        let field = TextField(text: "ann@example.com")
        #expect(field.text == "ann@example.com" && field.cursor == 15)
        #expect(TextField().isEmpty)
    }

    @Test func editingKeys() {
        var field = TextField(text: "Re: lunch")
        for key in Key.script(#"C-a M-f M-f "eon" End " demo" C-w Backspace Home Delete ← → C-e"#) {
            let used = field.handle(key)
            #expect(used, "\(key)")
        }
        #expect(field.text == "e: luncheon" && field.cursor == 11)
        field.move(to: 3)
        let used = field.handle(.control("k"))
        #expect(used)
        #expect(field.text == "e: " && field.cursor == 3)
        field = TextField(text: "farah rossi")
        field.move(to: 6)
        let cleared = field.handle(.control("u"))
        #expect(cleared)
        #expect(field.text == "rossi" && field.cursor == 0)
    }

    @Test func enterAndVerticalKeysAreLeftToTheCaller() {
        var field = TextField(text: "abc")
        for key in [Key.enter, .up, .down, .tab, .escape, .pageDown, .control("s")] {
            let used = field.handle(key)
            #expect(!used, "\(key)")
        }
        #expect(field.text == "abc")
    }

    @Test func pasteTurnsLineBreaksIntoSpaces() {
        var field = TextField(text: "To: ")
        let used = field.handle(.paste("ann@example.com,\r\nbo@example.com\n\u{1B}[31m\n"))
        #expect(used)
        #expect(field.text == "To: ann@example.com, bo@example.com")
        field.insert("\n")
        field.insert("\u{7}")
        #expect(field.text == "To: ann@example.com, bo@example.com")
        field.text = "one\ntwo"
        #expect(field.text == "one two" && field.cursor == 7)
    }

    @Test func aShortTextDrawsFromTheLeft() {
        let (row, cursor, screen) = draw(TextField(text: "hi"), width: 6)
        #expect(row == ".hi    .")
        #expect(cursor == 2)
        #expect((1...6).allSatisfy { screen[$0, 0].role == .inputFocused })
        #expect(draw(TextField(text: "hi"), width: 6, focused: false).screen[3, 0].role == .input)
    }

    @Test func thePlaceholderShowsWhileEmpty() {
        let (row, cursor, screen) = draw(TextField(placeholder: "Search mail"), width: 8)
        #expect(row == ".Search ….")
        #expect(cursor == 0)
        #expect(screen[1, 0].role == .placeholder)
        let typed = draw(TextField(text: "x", placeholder: "Search mail"), width: 8).row
        #expect(typed == ".x       .")
    }

    @Test func scrollsSidewaysToKeepTheCursorInView() {
        var field = TextField(text: "abcdefghijklmnop")          // 16 characters, cursor at the end
        var (row, cursor, _) = draw(field, width: 10)
        #expect(row == ".klmnop    ." && cursor == 6)             // jumped by half the width, twice
        field.moveToStart()
        (row, cursor, _) = draw(field, width: 10)
        #expect(row == ".abcdefghij." && cursor == 0)
        field.move(to: 10)                                        // just past the right edge
        (row, cursor, _) = draw(field, width: 10)
        #expect(row == ".fghijklmno." && cursor == 5)
        field.move(to: 9)
        (row, cursor, _) = draw(field, width: 10)
        #expect(row == ".abcdefghij." && cursor == 9)
    }

    @Test func scrollingNeverSplitsAWideCharacter() {
        // Eight wide characters (16 columns) in 7 columns: the view starts after the cut one.
        let field = TextField(text: "日本語のテキスト")
        #expect(field.scrollColumn(width: 7) == 12)
        let (row, cursor, _) = draw(field, width: 7)
        #expect(row == ".スト   .")
        #expect(cursor == 4)
        var middle = field
        middle.move(to: 4)                                        // display column 8
        #expect(middle.scrollColumn(width: 7) == 3)
        let drawn = draw(middle, width: 7)
        #expect(drawn.row == ".語のテ .")                         // 本 straddles column 3: left out
        #expect(drawn.cursor == 4)
    }

    @Test func theCursorStaysInsideTheFieldEverywhere() {
        var field = TextField(text: "Quarterly 日本 review — ünïcödé and more words here")
        for width in 1...12 {
            for column in 0...field.text.count {
                field.move(to: column)
                let cursor = draw(field, width: width).cursor!
                #expect((0..<width).contains(cursor), "width \(width) column \(column)")
            }
        }
    }
}

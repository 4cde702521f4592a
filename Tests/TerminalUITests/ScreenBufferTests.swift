import Testing
@testable import TerminalUI

@Suite("ScreenBuffer")
struct ScreenBufferTests {
    private func buffer(_ columns: Int, _ rows: Int = 1) -> ScreenBuffer {
        ScreenBuffer(size: TerminalSize(columns: columns, rows: rows))
    }

    /// Every scalar in every cell, for checking nothing unsafe landed.
    private func scalars(_ buffer: ScreenBuffer) -> [UInt32] {
        var values: [UInt32] = []
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                values += (buffer[x, y].text.map { Array($0.unicodeScalars) } ?? []).map(\.value)
            }
        }
        return values
    }

    @Test func writesTextAndReportsColumns() {
        var screen = buffer(10, 2)
        #expect(screen.write("hello", x: 2, y: 1, role: .title) == 5)
        #expect(screen.lines == ["", "  hello"])
        #expect(screen[2, 1] == Cell("h", role: .title))
        #expect(screen[7, 1] == Cell.blank)
    }

    @Test func clipsAtTheLimitAndTheEdges() {
        var screen = buffer(8, 2)
        #expect(screen.write("abcdefgh", x: 1, y: 0, limit: 4) == 3)
        #expect(screen.lines[0] == " abc")
        #expect(screen.write("0123456789", x: 5, y: 1) == 3)
        #expect(screen.lines[1] == "     012")
        var left = buffer(5)
        left.write("abcdef", x: -3, y: 0)
        #expect(left.lines == ["def"])
        var outside = buffer(5, 1)
        #expect(outside.write("abc", x: 0, y: 1) == 0)
        #expect(outside.write("abc", x: 0, y: -1) == 0)
        #expect(outside.write("abc", x: 9, y: 0) == 0)
        #expect(outside.lines == [""])
    }

    @Test func wideCharactersTakeTwoCells() {
        var screen = buffer(6)
        #expect(screen.write("日本", x: 1, y: 0) == 4)
        #expect(screen[1, 0].text == "日")
        #expect(screen[2, 0].isContinuation)
        #expect(screen[3, 0].text == "本")
        #expect(screen[4, 0].isContinuation)
        #expect(screen.text(row: 0) == " 日本 ")
    }

    @Test func aWideCharacterThatDoesNotFitIsLeftOut() {
        var screen = buffer(5)
        #expect(screen.write("ab日本", x: 0, y: 0) == 4)
        #expect(screen.lines == ["ab日"])
        #expect(screen[4, 0] == .blank)
        var limited = buffer(8)
        #expect(limited.write("日本語", x: 0, y: 0, limit: 5) == 4)
        #expect(limited.lines == ["日本"])
        #expect(!limited[4, 0].isContinuation)
    }

    @Test func aWideCharacterCutByTheLeftEdgeShowsAsASpace() {
        var screen = buffer(4)
        screen.write("xxxx", x: 0, y: 0)
        screen.write("日本", x: -1, y: 0, role: .title)
        #expect(screen.text(row: 0) == " 本x")
        #expect(screen[0, 0] == Cell(" ", role: .title))
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var screen = buffer(6)
        screen.write("日本語", x: 0, y: 0)
        screen.write("x", x: 1, y: 0)          // the right half of 日
        #expect(screen.text(row: 0) == " x本語")
        #expect(!screen[0, 0].isContinuation)
        screen.write("y", x: 2, y: 0)          // the left half of 本
        #expect(screen.text(row: 0) == " xy 語")
        #expect(screen[3, 0] == Cell(" "))
        screen.write("中", x: 3, y: 0)         // straddles the blank and the left half of 語
        #expect(screen.text(row: 0) == " xy中 ")
        #expect(screen[4, 0].isContinuation)
        #expect(screen[5, 0] == Cell(" "))
    }

    @Test func fillingOverHalfAWideCharacterMendsIt() {
        var screen = buffer(4)
        screen.write("日本", x: 0, y: 0)
        screen.fill(Rect(x: 1, y: 0, width: 2, height: 1), role: .dim, with: "-")
        #expect(screen.text(row: 0) == " -- ")
        #expect(screen[3, 0] == Cell(" "))
    }

    @Test func fillWithAWideCharacterFillsPairs() {
        var screen = buffer(5)
        screen.fill(screen.bounds, with: "日")
        #expect(screen.text(row: 0) == "日日 ")
        #expect(screen[1, 0].isContinuation && screen[3, 0].isContinuation)
    }

    @Test("unsafe characters never land in a cell", arguments: [
        "\u{1B}[31mred\u{1B}[0m", "a\u{9B}1mb", "c1\u{80}\u{85}\u{9F}", "abc\u{202E}fdp", "zero\u{200B}width",
        "bell\u{07}nul\u{00}del\u{7F}", "\u{1B}]0;title\u{07}x", "bom\u{FEFF}", "iso\u{2066}late\u{2069}",
    ])
    func unsafeCharacters(text: String) {
        var screen = buffer(30)
        screen.write(text, x: 0, y: 0)
        screen.write(padded: text, x: 0, y: 0, columns: 10)
        screen.fill(Rect(x: 20, y: 0, width: 5, height: 1), with: "\u{1B}")
        screen.fill(Rect(x: 25, y: 0, width: 5, height: 1), with: "\u{202E}")
        let unsafe = scalars(screen).filter { SafeText.isUnsafe($0) }
        #expect(unsafe.isEmpty, "\(text.debugDescription) left \(unsafe)")
    }

    @Test func escapeSequenceLosesItsEscape() {
        var screen = buffer(20)
        screen.write("\u{1B}[2Jok", x: 0, y: 0)
        #expect(screen.lines == ["[2Jok"])
        var another = buffer(10)
        another.write("a\u{202E}b\u{200B}c\u{85}d", x: 0, y: 0)
        #expect(another.lines == ["abcd"])
    }

    @Test func lineBreaksAndTabsDrawAsSpaces() {
        var screen = buffer(10)
        screen.write("a\nb\tc\r\nd", x: 0, y: 0)
        #expect(screen.lines == ["a b c d"])
    }

    @Test func aFillCellThatIsUnsafeOrWideBecomesASpace() {
        let unsafe = ScreenBuffer(size: TerminalSize(columns: 3, rows: 1), fill: Cell("\u{1B}", role: .dim))
        #expect(unsafe[0, 0] == Cell(" ", role: .dim))
        let wide = ScreenBuffer(size: TerminalSize(columns: 3, rows: 1), fill: Cell("日"))
        #expect(wide.text(row: 0) == "   ")
        let continuation = ScreenBuffer(size: TerminalSize(columns: 3, rows: 1), fill: .continuation(role: .normal))
        #expect(!continuation[0, 0].isContinuation)
    }

    @Test func paddedWriteCutsWithAnEllipsisAndPads() {
        var screen = buffer(12)
        screen.fill(screen.bounds, with: "#")
        screen.write(padded: "hello world", x: 1, y: 0, columns: 6, role: .title)
        #expect(screen.text(row: 0) == "#hello…#####")
        screen.write(padded: "hi", x: 1, y: 0, columns: 6, role: .title)
        #expect(screen.text(row: 0) == "#hi    #####")
        #expect((1..<7).allSatisfy { screen[$0, 0].role == .title })
        #expect(screen[7, 0].role == .normal)
        screen.write(padded: "exact!", x: 1, y: 0, columns: 6)
        #expect(screen.text(row: 0) == "#exact!#####")
    }

    @Test func paddedWriteNeverSplitsAWideCharacter() {
        var screen = buffer(8)
        screen.write(padded: "日本語", x: 0, y: 0, columns: 4)
        #expect(screen.text(row: 0) == "日… " + "    ")
        screen.write(padded: "日本語", x: 0, y: 0, columns: 5)
        #expect(screen.text(row: 0) == "日本…   ")
    }

    @Test func paddedWriteMeasuresWhatIsDrawn() {
        // A line break draws as a space and an escape as nothing: the cut must count that way.
        var screen = buffer(6)
        screen.write(padded: "a\nb\nc\nd", x: 0, y: 0, columns: 4)
        #expect(screen.text(row: 0) == "a b…  ")
        screen.write(padded: "tab\there", x: 0, y: 0, columns: 6)
        #expect(screen.text(row: 0) == "tab h…")
    }

    @Test func paintChangesRolesAndKeepsText() {
        var screen = buffer(6, 2)
        screen.write("abc", x: 0, y: 0)
        screen.paint(Rect(x: 1, y: 0, width: 10, height: 5), role: .selection)
        #expect(screen.lines == ["abc", ""])
        #expect(screen[0, 0].role == .normal)
        #expect((1..<6).allSatisfy { screen[$0, 0].role == .selection && screen[$0, 1].role == .selection })
    }

    @Test func fillAndPaintOutsideTheBufferDoNothing() {
        var screen = buffer(4, 2)
        screen.write("ab", x: 0, y: 0)
        let before = screen
        for rect in [Rect(x: 5, y: 0, width: 3, height: 1), Rect(x: 0, y: 3, width: 4, height: 2),
                     Rect(x: -6, y: 0, width: 3, height: 2), Rect(x: 0, y: -4, width: 4, height: 2)] {
            screen.fill(rect, role: .error, with: "x")
            screen.paint(rect, role: .error)
        }
        #expect(screen == before)
    }

    @Test func readingBack() {
        var screen = buffer(6, 2)
        screen.write("a日b", x: 0, y: 1)
        #expect(screen.text(row: 1) == "a日b  ")
        #expect(screen.lines == ["", "a日b"])
        #expect(screen.contains("日b"))
        #expect(!screen.contains("x"))
        #expect(screen[-1, 0] == .blank && screen[6, 0] == .blank)
    }

    @Test func equalityIncludesTheCursor() {
        var one = buffer(3)
        let two = buffer(3)
        one.cursor = (1, 0)
        #expect(one != two)
        one.cursor = nil
        #expect(one == two)
    }
}

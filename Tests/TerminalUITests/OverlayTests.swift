import Testing
@testable import TerminalUI

@Suite("Overlay")
struct OverlayTests {
    @Test func aCentredBoxWithItsTitleAndLines() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 20, rows: 7), fill: Cell("."))
        let box = Overlay(title: "Send?", lines: ["Send to Ann?", "y  yes   n  no"]).render(into: &screen)
        #expect(box == Rect(x: 1, y: 1, width: 18, height: 4))
        #expect(screen.lines == [
            "....................",
            ".┌─ Send? ────────┐.",
            ".│ Send to Ann?   │.",
            ".│ y  yes   n  no │.",
            ".└────────────────┘.",
            "....................",
            "....................",
        ])
        #expect(screen[1, 1].role == .overlay && screen[3, 2].role == .overlay && screen[17, 3].role == .overlay)
        #expect(screen[4, 1].role == .title)
        #expect(screen[0, 2].role == .normal)
    }

    @Test func theTitleCanSetTheWidth() {
        let box = Overlay(title: "A long title", lines: ["ok"]).box(in: Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(box == Rect(x: 31, y: 10, width: 18, height: 3))
    }

    @Test func clippedToTheScreenWithAPositionMark() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 11, rows: 5))
        let lines = (1...10).map { "line \($0)" }
        let box = Overlay(title: "Help", lines: lines, scroll: 2).render(into: &screen)
        #expect(box == Rect(x: 0, y: 0, width: 11, height: 5))
        #expect(screen.lines == [
            "┌─ Help ──┐",
            "│ line 3  │",
            "│ line 4  │",
            "│ line 5  │",
            "└ 3–5/10 ─┘",
        ])
    }

    @Test func scrollingStopsAtTheLastPage() {
        let overlay = Overlay(title: "Help", lines: (1...10).map { "\($0)" }, scroll: 50)
        #expect(overlay.visibleRange(rows: 4) == 6..<10)
        #expect(Overlay(title: "", lines: ["a"], scroll: -3).visibleRange(rows: 4) == 0..<1)
    }

    @Test func longLinesAreCutInANarrowScreen() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 12, rows: 3))
        Overlay(title: "", lines: ["a very long confirmation"]).render(into: &screen)
        #expect(screen.lines == ["┌──────────┐", "│ a very … │", "└──────────┘"])
    }

    @Test func linesAreDrawnSafely() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 20, rows: 3))
        Overlay(title: "x", lines: ["ok\u{1B}[2J\u{202E}!"]).render(into: &screen)
        #expect(screen.lines[1].contains("ok[2J!"))
        #expect(!screen.lines.joined().unicodeScalars.contains { SafeText.isUnsafe($0.value) })
    }
}

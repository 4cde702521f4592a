import Testing
@testable import TerminalUI

@Suite("Frame")
struct FrameTests {
    @Test func drawsABorderWithItsTitleAndReturnsTheInside() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 14, rows: 5), fill: Cell("x"))
        let inner = Frame(title: "Outbox").render(into: &screen, rect: Rect(x: 1, y: 0, width: 12, height: 4))
        #expect(inner == Rect(x: 2, y: 1, width: 10, height: 2))
        #expect(screen.lines == [
            "x┌─ Outbox ─┐x",
            "x│xxxxxxxxxx│x",
            "x│xxxxxxxxxx│x",
            "x└──────────┘x",
            "xxxxxxxxxxxxxx",
        ])
        #expect(screen[1, 0].role == .border && screen[12, 3].role == .border)
        #expect((3...10).allSatisfy { screen[$0, 0].role == .title })
        #expect(screen[11, 0].role == .border)
    }

    @Test func aFocusedPaneHasItsTitleHighlighted() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 12, rows: 3))
        Frame(title: "Mail", focused: true).render(into: &screen, rect: screen.bounds)
        #expect(screen.lines[0] == "┌─ Mail ───┐")
        #expect((2...7).allSatisfy { screen[$0, 0].role == .selection })
        #expect(screen[1, 0].role == .border && screen[8, 0].role == .border)
    }

    @Test func aLongTitleIsCut() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 10, rows: 2))
        Frame(title: "Contacts and companies").render(into: &screen, rect: screen.bounds)
        #expect(screen.lines == ["┌─ Con… ─┐", "└────────┘"])
        var wide = ScreenBuffer(size: TerminalSize(columns: 10, rows: 2))
        Frame(title: "日本語のメール").render(into: &wide, rect: wide.bounds)
        #expect(wide.lines[0] == "┌─ 日… ──┐")
    }

    @Test func titlesAreMadeSafe() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 16, rows: 2))
        Frame(title: "Re:\u{1B}]0;x\u{07} hi\nthere").render(into: &screen, rect: screen.bounds)
        #expect(screen.lines[0] == "┌─ Re: hi th… ─┐")
    }

    @Test func tinyRectsGetNoBorder() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 4, rows: 4))
        let before = screen
        #expect(Frame(title: "x").render(into: &screen, rect: Rect(x: 0, y: 0, width: 1, height: 4)).isEmpty)
        #expect(screen == before)
        let inner = Frame(title: "Long").render(into: &screen, rect: Rect(x: 0, y: 0, width: 4, height: 2))
        #expect(inner.isEmpty)
        #expect(screen.lines == ["┌──┐", "└──┘", "", ""])
    }
}

import Testing
@testable import TerminalUI

@Suite("StatusLine")
struct StatusLineTests {
    private func draw(_ status: StatusLine, width: Int) -> ScreenBuffer {
        var screen = ScreenBuffer(size: TerminalSize(columns: width, rows: 2), fill: Cell("."))
        status.render(into: &screen, rect: Rect(x: 0, y: 1, width: width, height: 1))
        return screen
    }

    @Test func leftTextLeftAndRightTextRight() {
        let screen = draw(StatusLine(left: "Outbox: 3 queued", right: "12/340"), width: 30)
        #expect(screen.text(row: 1) == "Outbox: 3 queued        12/340")
        #expect(screen.text(row: 0) == String(repeating: ".", count: 30))
        #expect((0..<30).allSatisfy { screen[$0, 1].role == .statusLine })
    }

    @Test func theLeftTextIsCutFirst() {
        let screen = draw(StatusLine(left: "Syncing ann@example.com", right: "12/340"), width: 16)
        #expect(screen.text(row: 1) == "Syncing … 12/340")
        #expect(draw(StatusLine(left: "Syncing", right: "12/340"), width: 8).text(row: 1) == "… 12/340")
    }

    @Test func thenTheRightText() {
        #expect(draw(StatusLine(left: "Syncing", right: "12/340"), width: 7).text(row: 1) == " 12/340")
        #expect(draw(StatusLine(left: "Syncing", right: "1234567890"), width: 6).text(row: 1) == "12345…")
    }

    @Test func wideCharactersOnBothSides() {
        let screen = draw(StatusLine(left: "日本語のメール", right: "日本"), width: 12)
        #expect(screen.text(row: 1) == "日本語… 日本")
    }

    @Test func onlyLeftOrOnlyRight() {
        #expect(draw(StatusLine(left: "ready"), width: 8).text(row: 1) == "ready   ")
        #expect(draw(StatusLine(right: "3 unread"), width: 10).text(row: 1) == "  3 unread")
    }

    @Test func errorsUseTheirRoleAndAreOneSafeLine() {
        let screen = draw(.error("Gmail rejected\nthe token\u{1B}[2J", right: "!"), width: 30)
        #expect(screen.text(row: 1) == "Gmail rejected the token     !")
        #expect((0..<30).allSatisfy { screen[$0, 1].role == .statusError })
    }
}

import Testing
@testable import TerminalUI

@Suite("Rect")
struct RectTests {
    private let rect = Rect(x: 2, y: 3, width: 10, height: 6)

    @Test func edgesAndEmptiness() {
        #expect(rect.maxX == 12 && rect.maxY == 9)
        #expect(!rect.isEmpty)
        #expect(Rect(x: 0, y: 0, width: 0, height: 4).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -3, height: -1) == Rect(x: 0, y: 0, width: 0, height: 0))
        #expect(rect.description == "10×6 at 2,3")
    }

    @Test func splitTop() {
        let (top, rest) = rect.splitTop(2)
        #expect(top == Rect(x: 2, y: 3, width: 10, height: 2))
        #expect(rest == Rect(x: 2, y: 5, width: 10, height: 4))
        #expect(rect.splitTop(99).top == rect && rect.splitTop(99).rest.isEmpty)
        #expect(rect.splitTop(-1).top.isEmpty && rect.splitTop(-1).rest == rect)
    }

    @Test func splitBottom() {
        let (rest, bottom) = rect.splitBottom(1)
        #expect(rest == Rect(x: 2, y: 3, width: 10, height: 5))
        #expect(bottom == Rect(x: 2, y: 8, width: 10, height: 1))
        #expect(rect.splitBottom(10).bottom == rect && rect.splitBottom(10).rest.height == 0)
    }

    @Test func splitLeft() {
        let (left, rest) = rect.splitLeft(4)
        #expect(left == Rect(x: 2, y: 3, width: 4, height: 6))
        #expect(rest == Rect(x: 6, y: 3, width: 6, height: 6))
        #expect(rect.splitLeft(20).rest.width == 0 && rect.splitLeft(20).left == rect)
    }

    @Test func splitsCoverTheWholeRect() {
        for rows in -1...8 {
            let (top, rest) = rect.splitTop(rows)
            #expect(top.height + rest.height == rect.height && top.maxY == rest.y)
        }
    }

    @Test func inset() {
        #expect(rect.inset(1) == Rect(x: 3, y: 4, width: 8, height: 4))
        #expect(rect.inset(4).isEmpty)
    }

    @Test func rows() {
        #expect(rect.row(0) == Rect(x: 2, y: 3, width: 10, height: 1))
        #expect(rect.row(5) == Rect(x: 2, y: 8, width: 10, height: 1))
        #expect(rect.row(6).isEmpty)
        #expect(rect.row(-1).isEmpty)
    }

    @Test func terminalSizeNeverNegative() {
        #expect(TerminalSize(columns: -1, rows: 5) == TerminalSize(columns: 0, rows: 5))
        #expect(TerminalSize(columns: 80, rows: 24).description == "80×24")
    }
}

import Testing
@testable import TerminalUI

@Suite("ListState")
struct ListStateTests {
    @Test func startsAtTheTop() {
        let list = ListState(count: 5)
        #expect(list.selected == 0 && list.offset == 0 && list.selection == 0)
        #expect(ListState().selection == nil)
        #expect(ListState(count: 3, selected: 9).selected == 2)
        #expect(ListState(count: 340, selected: 11).position == "12/340")
        #expect(ListState().position == "0/0")
    }

    @Test func movesStopAtTheEnds() {
        var list = ListState(count: 3)
        list.moveUp()
        #expect(list.selected == 0)
        list.moveDown()
        list.moveDown()
        list.moveDown()
        #expect(list.selected == 2)
        list.top()
        #expect(list.selected == 0)
        list.bottom()
        #expect(list.selected == 2)
        var empty = ListState()
        empty.moveDown()
        empty.bottom()
        empty.pageDown(visibleRows: 5)
        #expect(empty.selected == 0 && empty.offset == 0 && empty.selection == nil)
    }

    @Test func ensureVisibleScrollsAsLittleAsNeeded() {
        var list = ListState(count: 100)
        for _ in 0..<12 { list.moveDown() }
        list.ensureVisible(visibleRows: 10)
        #expect(list.selected == 12 && list.offset == 3)
        list.moveUp()
        list.ensureVisible(visibleRows: 10)
        #expect(list.offset == 3)                     // still in view: the view stays
        list.select(1)
        list.ensureVisible(visibleRows: 10)
        #expect(list.offset == 1)
        list.bottom()
        list.ensureVisible(visibleRows: 10)
        #expect(list.offset == 90)
    }

    @Test func pagesMoveTheSelectionAndTheView() {
        var list = ListState(count: 100)
        list.pageDown(visibleRows: 10)
        #expect(list.selected == 10 && list.offset == 10)
        list.halfPageDown(visibleRows: 10)
        #expect(list.selected == 15 && list.offset == 15)
        list.halfPageUp(visibleRows: 10)
        #expect(list.selected == 10 && list.offset == 10)
        list.pageUp(visibleRows: 10)
        #expect(list.selected == 0 && list.offset == 0)
        list.pageUp(visibleRows: 10)
        #expect(list.selected == 0 && list.offset == 0)
    }

    @Test func pagingNearTheEndKeepsTheLastPageFull() {
        var list = ListState(count: 25, selected: 20)
        list.ensureVisible(visibleRows: 10)
        #expect(list.offset == 11)
        list.pageDown(visibleRows: 10)
        #expect(list.selected == 24 && list.offset == 15)
        list.halfPageDown(visibleRows: 10)
        #expect(list.selected == 24 && list.offset == 15)
        var short = ListState(count: 4)
        short.halfPageDown(visibleRows: 10)
        #expect(short.selected == 3 && short.offset == 0)
    }

    @Test func shrinkingTheListClamps() {
        var list = ListState(count: 50, selected: 45)
        list.ensureVisible(visibleRows: 10)
        #expect(list.offset == 36)
        list.count = 20
        #expect(list.selected == 19 && list.offset == 19)
        #expect(list.visibleOffset(visibleRows: 10) == 10)
        list.count = 0
        #expect(list.selection == nil && list.selected == 0 && list.offset == 0)
        list.count = -4
        #expect(list.count == 0)
    }

    // MARK: drawing

    private func draw(_ list: ListState, rows: Int, width: Int = 8, focused: Bool = true) -> ScreenBuffer {
        var screen = ScreenBuffer(size: TerminalSize(columns: width, rows: rows), fill: Cell("~"))
        list.render(into: &screen, rect: screen.bounds, focused: focused) { index in
            ("row \(index)", index % 2 == 0 ? .normal : .dim)
        }
        return screen
    }

    @Test func drawsTheRowsThatFitAndHighlightsTheSelection() {
        let screen = draw(ListState(count: 3, selected: 1), rows: 4)
        #expect(screen.lines == ["row 0", "row 1", "row 2", ""])
        #expect((0..<8).allSatisfy { screen[$0, 1].role == .selection })
        #expect(screen[0, 0].role == .normal && screen[0, 2].role == .normal)
        #expect(draw(ListState(count: 3, selected: 1), rows: 4, focused: false)[0, 1].role == .selectionInactive)
    }

    @Test func aLongListScrollsAndShowsAScrollBar() {
        var list = ListState(count: 20, selected: 19)
        list.ensureVisible(visibleRows: 4)
        let screen = draw(list, rows: 4)
        #expect(screen.lines == ["row 16 │", "row 17 │", "row 18 │", "row 19 █"])
        #expect(screen[7, 3].role == .border && screen[7, 0].role == .dim)
        #expect(screen[6, 3].role == .selection)
        let top = draw(ListState(count: 20), rows: 4)
        #expect(top.lines.map { String($0.last!) } == ["█", "│", "│", "│"])
    }

    @Test func theViewFollowsTheSelectionEvenWithoutEnsureVisible() {
        let screen = draw(ListState(count: 20, selected: 10), rows: 4)
        #expect(screen.lines[3].hasPrefix("row 10"))
        #expect(screen[0, 3].role == .selection)
    }

    @Test func theRowClosureGetsEachVisibleRow() {
        var seen: [String] = []
        var screen = ScreenBuffer(size: TerminalSize(columns: 10, rows: 5))
        var list = ListState(count: 9, selected: 6)
        list.ensureVisible(visibleRows: 3)
        list.render(into: &screen, rect: Rect(x: 1, y: 1, width: 6, height: 3)) { buffer, index, rect, selected in
            seen.append("\(index)@\(rect.x),\(rect.y)w\(rect.width)\(selected ? "*" : "")")
            buffer.write("#\(index)", x: rect.x, y: rect.y)
        }
        #expect(seen == ["4@1,1w5", "5@1,2w5", "6@1,3w5*"])
        #expect(screen.lines == ["", " #4   │", " #5   █", " #6   │", ""])
    }
}

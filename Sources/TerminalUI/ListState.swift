/// The selection and scroll position of a list of `count` rows (contacts, outbox, timeline), with
/// vim-like movement; `render` draws the rows that show, the selection and a scroll bar.
public struct ListState: Equatable, Sendable {
    /// How many rows the list has; when it shrinks, the selection and offset are clamped.
    public var count: Int {
        didSet {
            if count < 0 { count = 0 }
            clamp()
        }
    }
    /// The selected row (0 when the list is empty; see `selection`).
    public private(set) var selected: Int
    /// The first row shown.
    public private(set) var offset: Int

    /// A list of `count` rows with `selected` selected, scrolled to the top.
    public init(count: Int = 0, selected: Int = 0) {
        self.count = max(0, count)
        self.selected = selected
        offset = 0
        clamp()
    }

    /// The selected row, or nil when the list is empty.
    public var selection: Int? { count > 0 ? selected : nil }

    /// "12/340": the selected row counted from 1, and the count ("0/0" when empty).
    public var position: String { "\(count > 0 ? selected + 1 : 0)/\(count)" }

    // MARK: moving (call `ensureVisible` afterwards so the view follows)

    /// Selects `index`, clamped to the list.
    public mutating func select(_ index: Int) {
        selected = index
        clamp()
    }

    /// The next row (j, ↓).
    public mutating func moveDown() { select(selected + 1) }
    /// The previous row (k, ↑).
    public mutating func moveUp() { select(selected - 1) }
    /// The first row (g).
    public mutating func top() { select(0) }
    /// The last row (G).
    public mutating func bottom() { select(count - 1) }

    /// A page down: the selection and the view move by `visibleRows` (PgDn).
    public mutating func pageDown(visibleRows: Int) { scroll(by: max(1, visibleRows), visibleRows: visibleRows) }
    /// A page up (PgUp).
    public mutating func pageUp(visibleRows: Int) { scroll(by: -max(1, visibleRows), visibleRows: visibleRows) }
    /// Half a page down (C-d).
    public mutating func halfPageDown(visibleRows: Int) { scroll(by: max(1, visibleRows / 2), visibleRows: visibleRows) }
    /// Half a page up (C-u).
    public mutating func halfPageUp(visibleRows: Int) { scroll(by: -max(1, visibleRows / 2), visibleRows: visibleRows) }

    /// Scrolls as little as needed for the selection to show in `visibleRows` rows.
    public mutating func ensureVisible(visibleRows: Int) { offset = visibleOffset(visibleRows: visibleRows) }

    /// The first row to show in `visibleRows` rows: `offset`, moved as little as needed to show the
    /// selection and to leave no empty rows below the last when the list is long enough.
    public func visibleOffset(visibleRows: Int) -> Int {
        let rows = max(1, visibleRows)
        var top = min(offset, max(0, count - rows))
        if selected < top { top = selected }
        if selected >= top + rows { top = selected - rows + 1 }
        return max(0, top)
    }

    private mutating func scroll(by rows: Int, visibleRows: Int) {
        selected += rows
        offset += rows
        clamp()
        offset = min(offset, max(0, count - max(1, visibleRows)))
        ensureVisible(visibleRows: visibleRows)
    }

    /// Keeps the selection and offset inside the list (never assigns `count`: its observer calls this).
    private mutating func clamp() {
        selected = min(max(0, selected), max(0, count - 1))
        offset = min(max(0, offset), max(0, count - 1))
    }

    // MARK: drawing

    /// Clears `rect` and calls `row` for each row that shows, with its index, its one-row rect and
    /// whether it is selected; then paints the selected row `.selection` (`.selectionInactive` when
    /// the list is not focused). When there are more rows than fit, the rightmost column becomes a
    /// scroll bar.
    public func render(into buffer: inout ScreenBuffer, rect: Rect, focused: Bool = true,
                       row: (inout ScreenBuffer, _ index: Int, _ rect: Rect, _ isSelected: Bool) -> Void) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect)
        let scrolls = count > rect.height && rect.width > 1
        let rows = scrolls ? rect.splitLeft(rect.width - 1).left : rect
        let top = visibleOffset(visibleRows: rect.height)
        for line in 0..<min(rect.height, count - top) {
            let index = top + line
            let rowRect = rows.row(line)
            row(&buffer, index, rowRect, index == selected)
            if index == selected { buffer.paint(rowRect, role: focused ? .selection : .selectionInactive) }
        }
        if scrolls { drawScrollBar(into: &buffer, x: rect.maxX - 1, y: rect.y, height: rect.height, top: top) }
    }

    /// As `render(into:rect:focused:row:)`, with each row's text and role given by `text`; rows are
    /// cut with "…" and padded to the width.
    public func render(into buffer: inout ScreenBuffer, rect: Rect, focused: Bool = true,
                       text: (_ index: Int) -> (text: String, role: Role)) {
        render(into: &buffer, rect: rect, focused: focused) { buffer, index, rowRect, _ in
            let (line, role) = text(index)
            buffer.write(padded: line, x: rowRect.x, y: rowRect.y, columns: rowRect.width, role: role)
        }
    }

    /// A track ("│", `.dim`) with a thumb ("█", `.border`) sized and placed like the view in the list.
    private func drawScrollBar(into buffer: inout ScreenBuffer, x: Int, y: Int, height: Int, top: Int) {
        let thumb = max(1, height * height / max(1, count))
        let start = (height - thumb) * top / max(1, count - height)
        for row in 0..<height {
            let inThumb = row >= start && row < start + thumb
            buffer.write(inThumb ? "█" : "│", x: x, y: y + row, role: inThumb ? .border : .dim)
        }
    }
}

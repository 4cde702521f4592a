extension TextEditor {
    /// One row on screen: a piece of one line, as a range of its characters.
    struct DisplayRow: Equatable {
        var line: Int
        var range: Range<Int>
    }

    /// The text soft-wrapped to `width`, and where the cursor shows (row index, column).
    struct Layout {
        var rows: [DisplayRow]
        var cursorRow: Int
        var cursorColumn: Int
    }

    /// Wraps every line at `width` (see `TextWrap.rows`). When the cursor sits past the right edge
    /// (after a full row, or on spaces hanging at a break) it shows at the start of the next row,
    /// and a row is added for it when its line has no next row.
    func layout(width: Int) -> Layout {
        let width = max(1, width)
        var rows: [DisplayRow] = []
        var cursorRow = 0
        var cursorColumn = 0
        for (index, characters) in storage.enumerated() {
            let ranges = TextWrap.rows(characters, width: width)
            guard index == cursor.line else {
                rows += ranges.map { DisplayRow(line: index, range: $0) }
                continue
            }
            let column = cursor.column
            let piece = ranges.firstIndex { $0.contains(column) } ?? ranges.count - 1
            rows += ranges.map { DisplayRow(line: index, range: $0) }
            cursorRow = rows.count - ranges.count + piece
            cursorColumn = characters[ranges[piece].lowerBound..<column].reduce(0) { $0 + TextWidth.of($1) }
            if cursorColumn >= width {
                cursorRow += 1
                cursorColumn = 0
                if piece == ranges.count - 1 {
                    rows.append(DisplayRow(line: index, range: characters.count..<characters.count))
                }
            }
        }
        return Layout(rows: rows, cursorRow: cursorRow, cursorColumn: cursorColumn)
    }

    /// The first display row to show in a view `height` rows tall: `scrollRow`, moved as little as
    /// needed to show the cursor, and not past the point where the last row reaches the bottom.
    func visibleScrollRow(_ layout: Layout, height: Int) -> Int {
        let height = max(1, height)
        var top = min(scrollRow, max(0, layout.rows.count - height))
        if layout.cursorRow < top { top = layout.cursorRow }
        if layout.cursorRow >= top + height { top = layout.cursorRow - height + 1 }
        return max(0, top)
    }

    /// Scrolls as little as needed for the cursor to show in a view of `width` × `height`; call it
    /// after editing, so the view stays put while the cursor moves inside it.
    public mutating func scrollToCursor(width: Int, height: Int) {
        scrollRow = visibleScrollRow(layout(width: width), height: height)
    }

    /// The display rows the text takes at `width` (for sizing a view).
    public func rowCount(width: Int) -> Int { layout(width: width).rows.count }

    /// Draws the text soft-wrapped into `rect` in `role`, scrolled so the cursor shows; returns the
    /// cursor's screen position (for `ScreenBuffer.cursor`), or nil when `rect` is empty.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, rect: Rect, role: Role = .normal) -> (x: Int, y: Int)? {
        guard !rect.isEmpty else { return nil }
        let layout = layout(width: rect.width)
        let top = visibleScrollRow(layout, height: rect.height)
        buffer.fill(rect, role: role)
        for row in 0..<rect.height {
            let index = top + row
            guard index < layout.rows.count else { break }
            let piece = layout.rows[index]
            buffer.write(String(storage[piece.line][piece.range]), x: rect.x, y: rect.y + row, role: role,
                         limit: rect.maxX)
        }
        return (rect.x + layout.cursorColumn, rect.y + layout.cursorRow - top)
    }
}

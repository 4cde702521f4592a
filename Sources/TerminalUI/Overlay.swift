/// A box centred over the screen (help, confirmations): a title on its border and lines of text,
/// clipped to the screen and scrollable when they do not fit.
public struct Overlay: Equatable, Sendable {
    /// The title on the top border.
    public var title: String
    /// The lines inside, drawn as they are (runs of spaces kept, for aligned columns).
    public var lines: [String]
    /// The first line shown when not all fit.
    public var scroll: Int

    /// An overlay titled `title` showing `lines`.
    public init(title: String, lines: [String], scroll: Int = 0) {
        self.title = title
        self.lines = lines
        self.scroll = scroll
    }

    /// The box for an `area`: wide enough for the longest line plus a border and a space each
    /// side (and for the title), tall enough for every line plus the border, centred, clipped to `area`.
    public func box(in area: Rect) -> Rect {
        let longest = lines.map(Self.width).max() ?? 0
        let width = min(area.width, max(longest + 4, Self.width(title) + 6))
        let height = min(area.height, lines.count + 2)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2,
                    width: width, height: height)
    }

    /// The lines that fit in `rows` rows: `scroll` clamped so the last page is full.
    public func visibleRange(rows: Int) -> Range<Int> {
        let first = min(max(0, scroll), max(0, lines.count - max(0, rows)))
        return first..<min(lines.count, first + max(0, rows))
    }

    /// Draws the box in `.overlay` over `area` (the whole buffer by default) and returns it. When
    /// lines are left out, the bottom border says which show ("3–20/41").
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, area: Rect? = nil) -> Rect {
        let box = box(in: area ?? buffer.bounds)
        buffer.fill(box, role: .overlay)
        let inner = Frame(title: title, borderRole: .overlay).render(into: &buffer, rect: box)
        guard inner.width > 2, inner.height > 0 else { return box }
        let text = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let range = visibleRange(rows: text.height)
        for (row, index) in range.enumerated() {
            buffer.write(padded: lines[index], x: text.x, y: text.y + row, columns: text.width, role: .overlay)
        }
        if range.count < lines.count {
            let mark = " \(range.lowerBound + 1)–\(range.upperBound)/\(lines.count) "
            let x = max(box.x + 1, box.maxX - 2 - TextWidth.of(mark))
            buffer.write(mark, x: x, y: box.maxY - 1, role: .overlay, limit: box.maxX - 1)
        }
        return box
    }

    /// How wide a line draws (line breaks and tabs as one column, unsafe characters as none).
    private static func width(_ text: String) -> Int {
        text.reduce(0) { $0 + (ScreenBuffer.safe($1).map(TextWidth.of) ?? 0) }
    }
}

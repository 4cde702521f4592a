/// A box-drawn border around a pane ("┌─┐│└┘") with its title on the top edge; a focused pane's
/// title is highlighted.
public struct Frame: Equatable, Sendable {
    /// The title, shown on the top edge as "┌─ Title ─…┐" and cut with "…" to fit.
    public var title: String
    /// Whether the pane has the focus: its title is drawn `.selection` rather than `.title`.
    public var isFocused: Bool
    /// The role of the lines.
    public var borderRole: Role

    /// A frame titled `title`.
    public init(title: String = "", focused: Bool = false, borderRole: Role = .border) {
        self.title = title
        isFocused = focused
        self.borderRole = borderRole
    }

    /// Draws the border on the edge of `rect` (the inside is left as it is) and returns the inside.
    /// A rect less than two cells wide or tall gets no border and has no inside.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, rect: Rect) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let inner = rect.inset(1)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.write("┌" + horizontal + "┐", x: rect.x, y: rect.y, role: borderRole, limit: rect.maxX)
        buffer.write("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, role: borderRole, limit: rect.maxX)
        for y in inner.y..<inner.maxY {
            buffer.write("│", x: rect.x, y: y, role: borderRole)
            buffer.write("│", x: rect.maxX - 1, y: y, role: borderRole)
        }
        // "┌─ Title ─┐": a corner, a line and a space before the title, a space, a line and a corner after.
        let room = rect.width - 6
        let text = SafeText.line(title)
        if room > 0, !text.isEmpty {
            let shown = " " + TextWidth.truncate(text, to: room) + " "
            buffer.write(shown, x: rect.x + 2, y: rect.y, role: isFocused ? .selection : .title, limit: rect.maxX - 2)
        }
        return inner
    }
}

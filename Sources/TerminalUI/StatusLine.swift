/// The one-row bar at the bottom of the screen: text on the left and on the right, or an error.
public struct StatusLine: Equatable, Sendable {
    /// What is going on (shown first to go when the row is too narrow).
    public var left: String
    /// Position, counts or sync state, kept whole as long as it fits.
    public var right: String
    /// Whether the left text is an error (drawn `.statusError` instead of `.statusLine`).
    public var isError: Bool

    /// A status line with `left` and `right` text.
    public init(left: String = "", right: String = "", isError: Bool = false) {
        self.left = left
        self.right = right
        self.isError = isError
    }

    /// A status line showing an error message.
    public static func error(_ message: String, right: String = "") -> StatusLine {
        StatusLine(left: message, right: right, isError: true)
    }

    /// Fills the first row of `rect` and draws the right text against its right edge and the left
    /// text from its left edge, one space apart at least; the left text is cut with "…" first,
    /// then the right. Text is made one safe line first.
    public func render(into buffer: inout ScreenBuffer, rect: Rect) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        let role: Role = isError ? .statusError : .statusLine
        let left = SafeText.line(self.left)
        let right = TextWidth.truncate(SafeText.line(self.right), to: row.width)
        buffer.fill(row, role: role)
        let rightWidth = TextWidth.of(right)
        let leftColumns = right.isEmpty ? row.width : row.width - rightWidth - 1
        if leftColumns > 0 {
            buffer.write(TextWidth.truncate(left, to: leftColumns), x: row.x, y: row.y, role: role, limit: row.x + leftColumns)
        }
        buffer.write(right, x: row.maxX - rightWidth, y: row.y, role: role, limit: row.maxX)
    }
}

/// A grid of cells that panes draw into; the terminal shows it by diffing against the last frame.
/// Everything written goes through `write`, which drops any character unsafe for a terminal, so
/// nothing from mail can reach the screen as a control sequence.
public struct ScreenBuffer: Equatable, Sendable {
    public let size: TerminalSize
    private(set) var cells: [Cell]
    /// Where the terminal's cursor should show (a text field being edited), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorPosition.map { ($0.x, $0.y) } }
        set { cursorPosition = newValue.map { Position(x: $0.x, y: $0.y) } }
    }
    private var cursorPosition: Position?

    private struct Position: Equatable, Sendable {
        var x: Int
        var y: Int
    }

    public init(size: TerminalSize, fill: Cell = .blank) {
        self.size = size
        // Only a safe, narrow character may fill every cell; anything else fills with spaces.
        let character = fill.text.flatMap(Self.safe).flatMap { TextWidth.of($0) == 1 ? $0 : nil } ?? " "
        cells = Array(repeating: Cell(character, role: fill.role), count: size.columns * size.rows)
    }

    public var width: Int { size.columns }
    public var height: Int { size.rows }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        guard contains(x, y) else { return .blank }
        return cells[y * width + x]
    }

    func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    // MARK: drawing

    /// Fills `rect` (clipped to the buffer) with `character` in `role`; an unsafe or invisible
    /// character fills with spaces, a wide one fills pairs of cells (a space where one half is left).
    public mutating func fill(_ rect: Rect, role: Role = .normal, with character: Character = " ") {
        let safe = Self.safe(character).flatMap { TextWidth.of($0) > 0 ? $0 : nil } ?? " "
        let columns = TextWidth.of(safe)
        let clip = clipped(rect)
        for y in clip.y..<clip.maxY {
            var x = clip.x
            while x < clip.maxX {
                if columns == 2, x + 1 < clip.maxX {
                    set(x, y, Cell(safe, role: role))
                    set(x + 1, y, .continuation(role: role))
                    x += 2
                } else {
                    set(x, y, Cell(columns == 2 ? " " : safe, role: role))
                    x += 1
                }
            }
        }
    }

    /// Writes one line of `text` from column `x` of row `y`, stopping at `limit` (exclusive, default
    /// the right edge); returns the columns used. Unsafe characters are dropped, line breaks become
    /// spaces, a wide character that would cross the limit is left out.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, role: Role = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let end = min(width, limit ?? width)
        var column = x
        for character in text {
            guard column < end else { break }
            guard let safe = Self.safe(character) else { continue }
            let columns = TextWidth.of(safe)
            if columns == 0 { continue }
            if column + columns > end { break }
            if column >= 0 {
                set(column, y, Cell(safe, role: role))
                if columns == 2 { set(column + 1, y, .continuation(role: role)) }
            } else if column + columns > 0 {
                // A wide character cut by the left edge: its visible half shows as a space.
                set(0, y, Cell(" ", role: role))
            }
            column += columns
        }
        return max(0, column - x)
    }

    /// Writes `text` cut to `columns` (with "…" when cut) and padded with spaces to exactly that width.
    public mutating func write(padded text: String, x: Int, y: Int, columns: Int, role: Role = .normal) {
        guard columns > 0 else { return }
        // Measure what will be drawn: line breaks and tabs draw as spaces, unsafe characters not at all.
        let drawn = String(text.compactMap(Self.safe).filter { TextWidth.of($0) > 0 })
        let used = write(TextWidth.truncate(drawn, to: columns), x: x, y: y, role: role, limit: x + columns)
        if used < columns { fill(Rect(x: x + used, y: y, width: columns - used, height: 1), role: role) }
    }

    /// Changes the role of every cell in `rect`, keeping the text (a selection highlight).
    public mutating func paint(_ rect: Rect, role: Role) {
        let clip = clipped(rect)
        for y in clip.y..<clip.maxY {
            for x in clip.x..<clip.maxX {
                cells[y * width + x].role = role
            }
        }
    }

    /// `rect` cut to the buffer (empty, not inverted, when it lies outside).
    private func clipped(_ rect: Rect) -> Rect {
        let x = min(max(0, rect.x), width), y = min(max(0, rect.y), height)
        return Rect(x: x, y: y, width: min(width, rect.maxX) - x, height: min(height, rect.maxY) - y)
    }

    /// Sets one cell, mending a wide character it cuts in half.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard contains(x, y) else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0, !cell.isContinuation {
            cells[index - 1] = Cell(" ", role: cells[index - 1].role)
        }
        if let text = old.text, TextWidth.of(text) == 2, x + 1 < width, cell.text.map(TextWidth.of) != 2 {
            cells[index + 1] = Cell(" ", role: cells[index + 1].role)
        }
        cells[index] = cell
    }

    /// The character without anything a terminal would act on, or nil when nothing is left.
    static func safe(_ character: Character) -> Character? {
        if character == "\n" || character == "\t" || character == "\r\n" { return " " }
        let scalars = character.unicodeScalars
        guard scalars.contains(where: { SafeText.isUnsafe($0.value) }) else { return character }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars.filter { !SafeText.isUnsafe($0.value) })
        let text = String(kept)
        return text.count == 1 ? text.first : nil
    }

    // MARK: reading back

    /// Row `y` as text (wide characters once, trailing spaces kept).
    public func text(row y: Int) -> String {
        var line = ""
        for x in 0..<width {
            if let character = self[x, y].text { line.append(character) }
        }
        return line
    }

    /// Every row, without trailing spaces.
    public var lines: [String] {
        (0..<height).map { row in
            var line = text(row: row)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Whether any row contains `text`.
    public func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }

    public static func == (lhs: ScreenBuffer, rhs: ScreenBuffer) -> Bool {
        lhs.size == rhs.size && lhs.cells == rhs.cells && lhs.cursorPosition == rhs.cursorPosition
    }
}

extension ScreenBuffer {
    /// A stretch of one row to draw: its text (wide characters once) in one role.
    public struct Run: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var text: String
        public var role: Role
        /// The columns the run covers.
        public var columns: Int
    }

    /// What must be drawn to turn `previous` into this buffer: for each row, the changed cells
    /// from the first change to the last, split where the role changes. With no previous frame
    /// (or another size) every row is drawn.
    public func changes(since previous: ScreenBuffer?) -> [Run] {
        var runs: [Run] = []
        let full = previous?.size != size
        guard width > 0 else { return [] }
        for y in 0..<height {
            var first = 0
            var last = width - 1
            if !full, let previous {
                let start = y * width
                guard let changed = (0..<width).first(where: { cells[start + $0] != previous.cells[start + $0] }) else { continue }
                first = changed
                last = (0..<width).last(where: { cells[start + $0] != previous.cells[start + $0] }) ?? changed
            }
            // A continuation cell is drawn by its wide character: start at the character.
            if first > 0, self[first, y].isContinuation { first -= 1 }
            if last + 1 < width, self[last + 1, y].isContinuation { last += 1 }
            var run: Run?
            for x in first...last {
                let cell = self[x, y]
                guard let character = cell.text else {
                    run?.columns += 1
                    continue
                }
                if run?.role != cell.role {
                    if let done = run { runs.append(done) }
                    run = Run(x: x, y: y, text: "", role: cell.role, columns: 0)
                }
                run?.text.append(character)
                run?.columns += 1
            }
            if let done = run { runs.append(done) }
        }
        return runs
    }
}

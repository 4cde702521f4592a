/// Multi-line text being edited (the composer's body): lines, a cursor, and the editing operations
/// of a terminal editor. Rendering (soft-wrapped, scrolled) is in `TextEditor+Render.swift`.
public struct TextEditor: Equatable, Sendable {
    /// A place in the text: a line, and a column counted in Characters.
    public struct Position: Hashable, Sendable, Comparable, CustomStringConvertible {
        /// The line, from 0.
        public var line: Int
        /// Characters before the position on its line.
        public var column: Int

        /// A position at `line`, `column`.
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        /// Earlier in the text first.
        public static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.line, lhs.column) < (rhs.line, rhs.column)
        }

        /// "line:column", for test messages.
        public var description: String { "\(line):\(column)" }
    }

    /// The lines, each as its Characters (never empty: an empty text is one empty line).
    private(set) var storage: [[Character]]
    /// Where the cursor is.
    public private(set) var cursor = Position(line: 0, column: 0)
    /// The first display row shown (display rows are lines cut by soft wrapping).
    public internal(set) var scrollRow = 0
    /// The display column up and down aim for, kept while moving across shorter lines.
    private var goalColumn: Int?

    /// `text` made safe (line breaks kept, tabs as spaces), with the cursor at its start.
    public init(text: String = "") {
        storage = SafeText.input(text).split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    }

    /// The text, lines joined with "\n".
    public var text: String { storage.map { String($0) }.joined(separator: "\n") }
    /// The lines of the text.
    public var lines: [String] { storage.map { String($0) } }
    /// Whether there is no text at all.
    public var isEmpty: Bool { storage.count == 1 && storage[0].isEmpty }

    // MARK: editing

    /// Types one character (a line break starts a new line; unsafe characters are dropped).
    public mutating func insert(_ character: Character) { insert(text: String(character)) }

    /// Inserts text as pasted: line breaks kept ("\r\n" and "\r" become "\n"), tabs become four
    /// spaces, escape sequences and control characters are dropped.
    public mutating func insert(text: String) { replace(cursor, cursor, with: SafeText.input(text)) }

    /// Breaks the line at the cursor.
    public mutating func newline() { replace(cursor, cursor, with: "\n") }

    /// Deletes the character before the cursor; at the start of a line, joins it to the line above.
    public mutating func backspace() {
        guard let before = position(before: cursor) else { return }
        replace(before, cursor, with: "")
    }

    /// Deletes the character under the cursor; at the end of a line, joins the next line to it.
    public mutating func deleteForward() {
        guard let after = position(after: cursor) else { return }
        replace(cursor, after, with: "")
    }

    /// Deletes back to the start of the word before the cursor, as Ctrl-W does in a shell (words
    /// end at spaces); at the start of a line, joins it to the line above.
    public mutating func deleteWordBackward() {
        guard cursor.column > 0 else { return backspace() }
        let line = storage[cursor.line]
        var start = cursor.column
        while start > 0, line[start - 1].isWhitespace { start -= 1 }
        while start > 0, !line[start - 1].isWhitespace { start -= 1 }
        replace(Position(line: cursor.line, column: start), cursor, with: "")
    }

    /// Deletes from the cursor to the end of the line; at the end of a line, joins the next one (Ctrl-K).
    public mutating func killToEndOfLine() {
        let end = Position(line: cursor.line, column: storage[cursor.line].count)
        if cursor != end {
            replace(cursor, end, with: "")
        } else {
            deleteForward()
        }
    }

    /// Deletes from the start of the line to the cursor, as Ctrl-U does in a shell.
    public mutating func killToStartOfLine() {
        replace(Position(line: cursor.line, column: 0), cursor, with: "")
    }

    // MARK: moving

    /// One character left, to the end of the line above from the start of a line.
    public mutating func moveLeft() { move(to: position(before: cursor) ?? cursor) }

    /// One character right, to the start of the line below from the end of a line.
    public mutating func moveRight() { move(to: position(after: cursor) ?? cursor) }

    /// One line up, keeping the display column; from the first line, to its start.
    public mutating func moveUp() {
        guard cursor.line > 0 else { return moveToLineStart() }
        moveVertically(to: cursor.line - 1)
    }

    /// One line down, keeping the display column; from the last line, to its end.
    public mutating func moveDown() {
        guard cursor.line + 1 < storage.count else { return moveToLineEnd() }
        moveVertically(to: cursor.line + 1)
    }

    /// To the start of this word or the one before (Alt-B): words are letters, digits and "_".
    public mutating func moveWordLeft() {
        move(to: wordEdge(from: cursor, next: { character(before: $0) }, step: { position(before: $0) }))
    }

    /// To the end of this word or the next one (Alt-F).
    public mutating func moveWordRight() {
        move(to: wordEdge(from: cursor, next: { character(after: $0) }, step: { position(after: $0) }))
    }

    /// To the start of the line (Home, Ctrl-A).
    public mutating func moveToLineStart() { move(to: Position(line: cursor.line, column: 0)) }

    /// To the end of the line (End, Ctrl-E).
    public mutating func moveToLineEnd() { move(to: Position(line: cursor.line, column: storage[cursor.line].count)) }

    /// To the start of the text.
    public mutating func moveToTop() { move(to: Position(line: 0, column: 0)) }

    /// To the end of the text.
    public mutating func moveToBottom() {
        move(to: Position(line: storage.count - 1, column: storage[storage.count - 1].count))
    }

    /// Puts the cursor at `position`, clamped to the text.
    public mutating func move(to position: Position) {
        let line = min(max(0, position.line), storage.count - 1)
        cursor = Position(line: line, column: min(max(0, position.column), storage[line].count))
        goalColumn = nil
    }

    // MARK: keys

    /// Applies a standard editing key (see `TextEdit`: characters, paste, Enter, Backspace, Delete,
    /// arrows, Home/End, C-a, C-e, M-b, M-f, M-<, M->, C-w, C-k, C-u); returns whether the key was used.
    public mutating func handle(_ key: Key) -> Bool {
        guard let edit = TextEdit(key) else { return false }
        apply(edit)
        return true
    }

    /// Makes one edit.
    public mutating func apply(_ edit: TextEdit) {
        switch edit {
        case .insert(let text): insert(text: text)
        case .newline: newline()
        case .deleteBackward: backspace()
        case .deleteForward: deleteForward()
        case .deleteWordBackward: deleteWordBackward()
        case .killToLineEnd: killToEndOfLine()
        case .killToLineStart: killToStartOfLine()
        case .left: moveLeft()
        case .right: moveRight()
        case .up: moveUp()
        case .down: moveDown()
        case .wordLeft: moveWordLeft()
        case .wordRight: moveWordRight()
        case .lineStart: moveToLineStart()
        case .lineEnd: moveToLineEnd()
        case .top: moveToTop()
        case .bottom: moveToBottom()
        }
    }

    // MARK: helpers

    /// Replaces the text from `start` to `end` with `text` (already safe; may hold "\n"), leaving
    /// the cursor after the inserted text.
    private mutating func replace(_ start: Position, _ end: Position, with text: String) {
        let head = String(storage[start.line][..<start.column])
        let tail = String(storage[end.line][end.column...])
        var pieces = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        pieces[0] = head + pieces[0]
        let last = pieces.count - 1
        // Counted as a String, so a combining mark typed after a letter joins it.
        let column = pieces[last].count
        pieces[last] += tail
        let lines = pieces.map { Array($0) }
        storage.replaceSubrange(start.line...end.line, with: lines)
        cursor = Position(line: start.line + last, column: min(column, lines[last].count))
        goalColumn = nil
    }

    private mutating func moveVertically(to line: Int) {
        let goal = goalColumn ?? displayColumn(of: cursor)
        var column = 0
        var width = 0
        for character in storage[line] {
            let columns = TextWidth.of(character)
            if width + columns > goal { break }
            width += columns
            column += 1
        }
        cursor = Position(line: line, column: column)
        goalColumn = goal
    }

    /// The columns the line takes on screen before `position` (wide characters count two).
    func displayColumn(of position: Position) -> Int {
        storage[position.line][..<position.column].reduce(0) { $0 + TextWidth.of($1) }
    }

    private func position(before position: Position) -> Position? {
        if position.column > 0 { return Position(line: position.line, column: position.column - 1) }
        guard position.line > 0 else { return nil }
        return Position(line: position.line - 1, column: storage[position.line - 1].count)
    }

    private func position(after position: Position) -> Position? {
        if position.column < storage[position.line].count {
            return Position(line: position.line, column: position.column + 1)
        }
        guard position.line + 1 < storage.count else { return nil }
        return Position(line: position.line + 1, column: 0)
    }

    /// Where a word move from `start` stops, going one way (`next` reads the character that way,
    /// `step` moves over it): past any non-word characters, then past the word.
    private func wordEdge(from start: Position, next: (Position) -> Character?,
                          step: (Position) -> Position?) -> Position {
        var position = start
        while let character = next(position), !Self.isWord(character), let moved = step(position) { position = moved }
        while let character = next(position), Self.isWord(character), let moved = step(position) { position = moved }
        return position
    }

    /// The character before `position` ("\n" at the start of a line after the first).
    private func character(before position: Position) -> Character? {
        if position.column > 0 { return storage[position.line][position.column - 1] }
        return position.line > 0 ? "\n" : nil
    }

    /// The character after `position` ("\n" at the end of a line before the last).
    private func character(after position: Position) -> Character? {
        if position.column < storage[position.line].count { return storage[position.line][position.column] }
        return position.line + 1 < storage.count ? "\n" : nil
    }

    static func isWord(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}

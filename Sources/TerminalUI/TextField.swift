/// One line of text being edited (recipients, subject, a search box), scrolled sideways so the
/// cursor stays in view, with a placeholder while empty.
public struct TextField: Equatable, Sendable {
    /// A one-line editor underneath: the field never lets a line break in.
    private var editor: TextEditor
    /// Shown (in `.placeholder`) while the field is empty.
    public var placeholder: String

    /// A field holding `text` (line breaks become spaces), with the cursor at its end.
    public init(text: String = "", placeholder: String = "") {
        editor = TextEditor(text: SafeText.inputLine(text))
        editor.moveToBottom()
        self.placeholder = placeholder
    }

    /// The text; setting it puts the cursor at its end.
    public var text: String {
        get { editor.text }
        set { self = TextField(text: newValue, placeholder: placeholder) }
    }

    /// The cursor, in Characters from the start.
    public var cursor: Int { editor.cursor.column }
    /// Whether the field is empty.
    public var isEmpty: Bool { editor.isEmpty }

    // MARK: editing

    /// Types one character (a line break becomes a space; unsafe characters are dropped).
    public mutating func insert(_ character: Character) { insert(text: String(character)) }

    /// Inserts pasted text: line breaks become spaces (trailing ones are dropped), tabs four
    /// spaces, unsafe characters go.
    public mutating func insert(text: String) { editor.insert(text: SafeText.inputLine(text)) }

    /// Deletes the character before the cursor.
    public mutating func backspace() { editor.backspace() }
    /// Deletes the character under the cursor.
    public mutating func deleteForward() { editor.deleteForward() }
    /// Deletes back to the previous space (Ctrl-W).
    public mutating func deleteWordBackward() { editor.deleteWordBackward() }
    /// Deletes from the cursor to the end (Ctrl-K).
    public mutating func killToEnd() { editor.killToEndOfLine() }
    /// Deletes from the start to the cursor (Ctrl-U).
    public mutating func killToStart() { editor.killToStartOfLine() }
    /// Deletes everything.
    public mutating func clear() { editor = TextEditor() }

    /// One character left.
    public mutating func moveLeft() { editor.moveLeft() }
    /// One character right.
    public mutating func moveRight() { editor.moveRight() }
    /// To the start of this word or the one before (Alt-B).
    public mutating func moveWordLeft() { editor.moveWordLeft() }
    /// To the end of this word or the next one (Alt-F).
    public mutating func moveWordRight() { editor.moveWordRight() }
    /// To the start (Home, Ctrl-A).
    public mutating func moveToStart() { editor.moveToLineStart() }
    /// To the end (End, Ctrl-E).
    public mutating func moveToEnd() { editor.moveToLineEnd() }
    /// Puts the cursor at `column` (in Characters), clamped to the text.
    public mutating func move(to column: Int) { editor.move(to: TextEditor.Position(line: 0, column: column)) }

    /// Applies a standard editing key that stays on one line (see `TextEdit`: characters, paste,
    /// Backspace, Delete, ←/→, Home/End, C-a, C-e, M-b, M-f, C-w, C-k, C-u); returns whether it was
    /// used. Enter, Tab, ↑/↓ and M-</M-> are left to the caller.
    public mutating func handle(_ key: Key) -> Bool {
        guard let edit = TextEdit(key), edit.staysOnOneLine else { return false }
        if case .insert(let text) = edit {
            insert(text: text)
        } else {
            editor.apply(edit)
        }
        return true
    }

    // MARK: drawing

    /// The display column the text is shown from when `width` columns are visible: 0 while the
    /// cursor fits, else a multiple of half the width, so the view jumps rather than creeps.
    public func scrollColumn(width: Int) -> Int {
        let column = editor.displayColumn(of: editor.cursor)
        guard width > 0, column >= width else { return 0 }
        let step = max(1, width / 2)
        return ((column - width) / step + 1) * step
    }

    /// Draws the field in the first row of `rect` (`.inputFocused` when focused, else `.input`;
    /// the placeholder when empty); returns the cursor's screen position, or nil when `rect` is empty.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, rect: Rect, focused: Bool = true) -> (x: Int, y: Int)? {
        guard !rect.isEmpty else { return nil }
        let row = rect.row(0)
        let role: Role = focused ? .inputFocused : .input
        buffer.fill(row, role: role)
        if isEmpty {
            buffer.write(TextWidth.truncate(SafeText.line(placeholder), to: row.width), x: row.x, y: row.y,
                         role: .placeholder, limit: row.maxX)
            return (row.x, row.y)
        }
        // Start at the first character that begins at or after the scroll column.
        let characters = editor.storage[0]
        let scroll = scrollColumn(width: row.width)
        var first = 0
        var start = 0
        while first < characters.count, start < scroll {
            start += TextWidth.of(characters[first])
            first += 1
        }
        buffer.write(String(characters[first...]), x: row.x, y: row.y, role: role, limit: row.maxX)
        return (row.x + editor.displayColumn(of: editor.cursor) - start, row.y)
    }
}

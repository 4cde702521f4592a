/// What an editing key does to text: the one table of editing keys that `TextEditor` and
/// `TextField` both follow, so Ctrl-W or Alt-F means the same in a search box and in the composer.
public enum TextEdit: Equatable, Sendable {
    /// A typed character or pasted text.
    case insert(String)
    /// Enter: break the line.
    case newline
    /// Backspace.
    case deleteBackward
    /// Delete.
    case deleteForward
    /// Ctrl-W: back to the start of the word before the cursor.
    case deleteWordBackward
    /// Ctrl-K: from the cursor to the end of the line.
    case killToLineEnd
    /// Ctrl-U: from the start of the line to the cursor.
    case killToLineStart
    /// ←.
    case left
    /// →.
    case right
    /// ↑.
    case up
    /// ↓.
    case down
    /// Alt-B.
    case wordLeft
    /// Alt-F.
    case wordRight
    /// Home, Ctrl-A.
    case lineStart
    /// End, Ctrl-E.
    case lineEnd
    /// Alt-<.
    case top
    /// Alt->.
    case bottom

    /// The edit a key stands for, or nil when it is not an editing key.
    public init?(_ key: Key) {
        switch key {
        case .character(let character): self = .insert(String(character))
        case .paste(let text): self = .insert(text)
        case .enter: self = .newline
        case .backspace: self = .deleteBackward
        case .delete: self = .deleteForward
        case .left: self = .left
        case .right: self = .right
        case .up: self = .up
        case .down: self = .down
        case .home, .control("a"): self = .lineStart
        case .end, .control("e"): self = .lineEnd
        case .alt("b"): self = .wordLeft
        case .alt("f"): self = .wordRight
        case .alt("<"): self = .top
        case .alt(">"): self = .bottom
        case .control("w"): self = .deleteWordBackward
        case .control("k"): self = .killToLineEnd
        case .control("u"): self = .killToLineStart
        default: return nil
        }
    }

    /// Whether the edit makes sense on a single line: not a line break nor a move between lines
    /// (a one-line field leaves those keys to its caller).
    public var staysOnOneLine: Bool {
        switch self {
        case .newline, .up, .down, .top, .bottom: return false
        default: return true
        }
    }
}

/// A key press (or a terminal event that arrives with the keys), independent of ncurses.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character.
    case character(Character)
    /// Ctrl plus a letter, lowercased: Ctrl-D is `.control("d")`.
    case control(Character)
    /// Alt (Meta) plus a character.
    case alt(Character)
    case enter
    case escape
    case tab
    case backTab
    case backspace
    case delete
    case insert
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    case function(Int)
    /// Text pasted in one piece (bracketed paste), with its line breaks.
    case paste(String)
    /// The terminal changed size.
    case resize

    /// The name shown in help, and accepted by `Key(_:)`: "j", "C-d", "M-b", "Enter", "F5", "↑".
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let character): return "C-\(character)"
        case .alt(let character): return "M-\(character)"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let number): return "F\(number)"
        case .paste: return "paste"
        case .resize: return "resize"
        }
    }

    private static let named: [String: Key] = [
        "Space": .character(" "), "Enter": .enter, "Esc": .escape, "Tab": .tab, "S-Tab": .backTab,
        "Backspace": .backspace, "Delete": .delete, "Insert": .insert, "↑": .up, "Up": .up, "↓": .down,
        "Down": .down, "←": .left, "Left": .left, "→": .right, "Right": .right, "Home": .home, "End": .end,
        "PgUp": .pageUp, "PgDn": .pageDown,
    ]

    /// Parses the names `description` gives ("C-d", "Enter", "F2", "x"); nil for anything else.
    public init?(_ name: String) {
        if let key = Self.named[name] {
            self = key
        } else if name.count == 1, let character = name.first {
            self = .character(character)
        } else if name.hasPrefix("C-"), name.count == 3, let character = name.last {
            self = .control(Character(character.lowercased()))
        } else if name.hasPrefix("M-"), name.count == 3, let character = name.last {
            self = .alt(character)
        } else if name.hasPrefix("F"), let number = Int(name.dropFirst()), (1...24).contains(number) {
            self = .function(number)
        } else {
            return nil
        }
    }

    /// Keys from a script: names separated by spaces, and quoted text typed character by character.
    /// `"c" "Hello world" Enter C-s` is c, then eleven characters, then Enter and Ctrl-S.
    public static func script(_ text: String) -> [Key] {
        var keys: [Key] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first == " " {
                rest = rest.dropFirst()
            } else if first == "\"" {
                let body = rest.dropFirst()
                let end = body.firstIndex(of: "\"") ?? body.endIndex
                keys += body[..<end].map { Key.character($0) }
                rest = end < body.endIndex ? body[body.index(after: end)...] : ""
            } else {
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                let name = String(rest[..<end])
                guard let key = Key(name) else { preconditionFailure("a key script names an unknown key: \(name)") }
                keys.append(key)
                rest = rest[end...]
            }
        }
        return keys
    }
}

import CNcurses
import TerminalUI

/// One thing `wget_wch` returned: a character (OK) or a curses key code (KEY_CODE_YES).
enum RawInput: Equatable, Sendable {
    case character(UInt32)
    case code(Int)
}

/// Turns what one drain of `wget_wch` returned into keys: curses key codes become named keys,
/// Esc followed by a character becomes Alt, and a bracketed paste becomes one `.paste`.
///
/// Pure apart from the curses constants, so it is tested as values. A paste may arrive over
/// several drains; the decoder holds it until its end marker comes.
struct KeyDecoder {
    /// Key codes given (with `define_key`) to the bracketed-paste markers ESC[200~ and ESC[201~.
    /// Far above KEY_MAX and the codes ncurses gives the terminal's extended keys.
    static let pasteBeginCode = 0x1F00
    static let pasteEndCode = 0x1F01
    static let pasteBegin = "\u{1B}[200~"
    static let pasteEnd = "\u{1B}[201~"

    /// The text of a paste whose end marker has not come yet.
    private(set) var paste: String?
    private var pasteEndedWithReturn = false

    /// The keys `inputs` (one drain, in order) stand for; several resizes count as one.
    mutating func decode(_ inputs: [RawInput]) -> [Key] {
        var keys: [Key] = []
        var index = 0
        // Whether the last key came from the input just before (so a combining mark may join it).
        var lastKeyIsPrevious = false
        while index < inputs.count {
            let input = inputs[index]
            index += 1
            if paste != nil {
                continuePaste(with: input, into: &keys)
                lastKeyIsPrevious = false
                continue
            }
            switch input {
            case .code(Self.pasteBeginCode):
                paste = ""
                pasteEndedWithReturn = false
                lastKeyIsPrevious = false
            case .code(Self.pasteEndCode):
                lastKeyIsPrevious = false
            case .code(let code):
                if let key = Self.key(forCode: code), !(key == .resize && keys.contains(.resize)) {
                    keys.append(key)
                }
                lastKeyIsPrevious = false
            case .character(27):
                if index < inputs.count, case .character(let next) = inputs[index], let scalar = Self.printable(next) {
                    keys.append(.alt(Character(scalar)))
                    index += 1
                } else {
                    keys.append(.escape)
                }
                lastKeyIsPrevious = false
            case .character(let value):
                if lastKeyIsPrevious, case .character(let previous)? = keys.last, let scalar = Self.printable(value) {
                    let joined = String(previous) + String(scalar)
                    if joined.count == 1, let character = joined.first {
                        keys[keys.count - 1] = .character(character)
                        continue
                    }
                }
                if let key = Self.key(forCharacter: value) {
                    keys.append(key)
                    lastKeyIsPrevious = true
                } else {
                    lastKeyIsPrevious = false
                }
            }
        }
        return keys
    }

    /// Adds one input to the paste under way, or ends it.
    private mutating func continuePaste(with input: RawInput, into keys: inout [Key]) {
        switch input {
        case .code(Self.pasteEndCode):
            keys.append(.paste(paste ?? ""))
            paste = nil
        case .code(KeyDecoder.enterCode):
            paste?.append("\n")
        case .code:
            break
        case .character(let value):
            // Terminals send line breaks in a paste as CR (or CR LF): both become one "\n".
            let wasReturn = pasteEndedWithReturn
            pasteEndedWithReturn = value == 13
            switch value {
            case 13: paste?.append("\n")
            case 10: if !wasReturn { paste?.append("\n") }
            case 9: paste?.append("\t")
            default:
                if let scalar = Self.printable(value) { paste?.unicodeScalars.append(scalar) }
            }
        }
    }

    private static let enterCode = Int(KEY_ENTER)

    /// The key for a curses key code (KEY_UP, KEY_F(5) …), nil for ones Rapport has no name for.
    static func key(forCode code: Int) -> Key? {
        switch Int32(truncatingIfNeeded: code) {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_FIND: return .home
        case KEY_END, KEY_SELECT: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC, KEY_SDC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            let function = code - Int(rapport_key_f0())
            return (1...63).contains(function) ? .function(function) : nil
        }
    }

    /// The key for a character `wget_wch` returned (controls included), nil for ones to drop.
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 8, 127: return .backspace
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 0: return .control("@")
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 28: return .control("\\")
        case 29: return .control("]")
        case 30: return .control("^")
        case 31: return .control("_")
        default: return printable(value).map { .character(Character($0)) }
        }
    }

    /// The scalar when it is one that may be typed: no C0 or C1 controls, no DEL, no surrogates.
    static func printable(_ value: UInt32) -> Unicode.Scalar? {
        guard value >= 0x20, value != 0x7F, !(0x80...0x9F).contains(value) else { return nil }
        return Unicode.Scalar(value)
    }
}

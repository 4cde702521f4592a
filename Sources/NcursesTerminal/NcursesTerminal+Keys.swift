import CNcurses
import TerminalUI

extension NcursesTerminal {
    /// Keys typed (and resizes) since the last call, without waiting. A paste whose end has not
    /// arrived yet is held back and comes whole, as `.paste`, in a later call.
    public func pendingKeys() -> [Key] {
        guard !isStopped, !isSuspended else { return [] }
        set_term(screen)
        var inputs: [RawInput] = []
        var value: wint_t = 0
        while true {
            let result = wget_wch(window, &value)
            if result == ERR { break }
            if result == rapport_key_code_yes() {
                inputs.append(.code(Int(value)))
            } else {
                inputs.append(.character(UInt32(value)))
            }
        }
        let keys = decoder.decode(inputs)
        if keys.contains(.resize) { readSize() }
        return keys
    }

    /// Teaches ncurses the bracketed-paste markers, and the sequences common terminals send for
    /// cursor and editing keys in either keypad mode, where the terminfo entry does not name them
    /// (TERM says xterm-256color inside tmux, or the other way round).
    static func defineExtraKeys() {
        define_key(KeyDecoder.pasteBegin, Int32(KeyDecoder.pasteBeginCode))
        define_key(KeyDecoder.pasteEnd, Int32(KeyDecoder.pasteEndCode))
        let common: [(String, Int32)] = [
            ("[A", KEY_UP), ("[B", KEY_DOWN), ("[C", KEY_RIGHT), ("[D", KEY_LEFT),
            ("OA", KEY_UP), ("OB", KEY_DOWN), ("OC", KEY_RIGHT), ("OD", KEY_LEFT),
            ("[H", KEY_HOME), ("OH", KEY_HOME), ("[1~", KEY_HOME), ("[7~", KEY_HOME),
            ("[F", KEY_END), ("OF", KEY_END), ("[4~", KEY_END), ("[8~", KEY_END),
            ("[2~", KEY_IC), ("[3~", KEY_DC), ("[5~", KEY_PPAGE), ("[6~", KEY_NPAGE), ("[Z", KEY_BTAB),
        ]
        for (tail, code) in common where key_defined("\u{1B}" + tail) == 0 {
            define_key("\u{1B}" + tail, code)
        }
    }
}

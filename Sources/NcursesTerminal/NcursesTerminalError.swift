/// Why the terminal could not be started, said for the person at it.
public enum NcursesTerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped or redirected).
    case notATerminal
    /// TERM is not set.
    case noTerminalType
    /// ncurses knows no terminal of this name.
    case unknownTerminalType(String)
    /// The terminal cannot move its cursor (`dumb`, a printing terminal): a full screen cannot be drawn.
    case noCursorAddressing(String)
    /// A file for the headless terminal could not be opened.
    case cannotOpen(String)

    /// The sentence to show.
    public var description: String {
        switch self {
        case .notATerminal:
            return "Rapport needs a terminal: standard input and output must not be redirected"
        case .noTerminalType:
            return "TERM is not set; set it to your terminal's type (for example xterm-256color)"
        case .unknownTerminalType(let name):
            return "this system has no description of the terminal type TERM=\(Self.shown(name)); "
                + "set TERM to one it knows (for example xterm-256color)"
        case .noCursorAddressing(let name):
            return "the terminal type TERM=\(Self.shown(name)) cannot move the cursor, which the full-screen app needs; "
                + "set TERM to your terminal's real type (for example xterm-256color), or use the commands (rapport help)"
        case .cannotOpen(let path):
            return "could not open \(path) for the headless terminal"
        }
    }

    /// A terminal type as given, in printable ASCII only and at most 40 characters (it comes from the environment).
    private static func shown(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { (0x21...0x7E).contains($0.value) }).prefix(40))
    }
}

/// Why the terminal could not be started, said for the person at it.
public enum NcursesTerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped or redirected).
    case notATerminal
    /// TERM is not set.
    case noTerminalType
    /// ncurses knows no terminal of this name.
    case unknownTerminalType(String)
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
            return "this system has no description of the terminal type “\(name)”; set TERM to one it knows (for example xterm-256color)"
        case .cannotOpen(let path):
            return "could not open \(path) for the headless terminal"
        }
    }
}

import NcursesTerminal

/// The terminal cannot show the full-screen app (no TERM, a type this system does not know, or one
/// that cannot move the cursor): said in one line before anything is drawn, with exit code 2.
public struct TerminalRefusal: Error, CustomStringConvertible {
    public let description: String

    init(_ reason: NcursesTerminalError) {
        description = reason.description
    }
}

/// Where frames are shown and keys come from: ncurses on a real terminal, `VirtualTerminal` in tests.
@MainActor
public protocol Terminal: AnyObject {
    /// The size now (after the last resize).
    var size: TerminalSize { get }
    /// How many colours it shows.
    var colorDepth: ColorDepth { get }
    /// Shows `frame`, drawing only what changed since the frame shown before.
    func present(_ frame: ScreenBuffer)
    /// Keys typed (and resizes) since the last call, without waiting.
    func pendingKeys() -> [Key]
}

/// A terminal in memory for tests and benchmarks: keys are queued by the test, and frames are
/// applied run by run (as a real terminal would draw them), so what it shows proves the diff.
@MainActor
public final class VirtualTerminal: Terminal {
    public private(set) var size: TerminalSize
    public let colorDepth: ColorDepth
    /// What the terminal shows now, rebuilt from the runs it was sent.
    public private(set) var screen: ScreenBuffer
    /// The last frame presented.
    public private(set) var lastFrame: ScreenBuffer?
    /// Frames presented so far.
    public private(set) var framesPresented = 0
    /// Columns drawn over all frames (a measure of how much the diff saved).
    public private(set) var columnsDrawn = 0
    private var keys: [Key] = []

    public init(size: TerminalSize = TerminalSize(columns: 80, rows: 24), colorDepth: ColorDepth = .full) {
        self.size = size
        self.colorDepth = colorDepth
        screen = ScreenBuffer(size: size)
    }

    public func present(_ frame: ScreenBuffer) {
        if frame.size != screen.size { screen = ScreenBuffer(size: frame.size) }
        for run in frame.changes(since: lastFrame) {
            columnsDrawn += run.columns
            screen.write(run.text, x: run.x, y: run.y, role: run.role)
        }
        screen.cursor = frame.cursor
        lastFrame = frame
        framesPresented += 1
    }

    public func pendingKeys() -> [Key] {
        defer { keys.removeAll() }
        return keys
    }

    /// Queues keys as if typed.
    public func type(_ keys: [Key]) {
        self.keys += keys
    }

    /// Changes the size, as a window resize does (a `.resize` key follows).
    public func resize(to size: TerminalSize) {
        self.size = size
        keys.append(.resize)
    }
}

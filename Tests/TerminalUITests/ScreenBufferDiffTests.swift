import Testing
@testable import TerminalUI

/// A small deterministic random source (SplitMix64), so a failing case can be replayed by its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("ScreenBuffer changes")
struct ScreenBufferDiffTests {
    private let size = TerminalSize(columns: 8, rows: 3)

    @Test func noPreviousFrameDrawsEveryRow() {
        var frame = ScreenBuffer(size: size)
        frame.write("hi", x: 0, y: 1)
        let runs = frame.changes(since: nil)
        #expect(runs.map(\.y) == [0, 1, 2])
        #expect(runs[1] == ScreenBuffer.Run(x: 0, y: 1, text: "hi      ", role: .normal, columns: 8))
    }

    @Test func anotherSizeDrawsEveryRow() {
        let small = ScreenBuffer(size: TerminalSize(columns: 4, rows: 2))
        #expect(ScreenBuffer(size: size).changes(since: small).count == 3)
    }

    @Test func identicalFramesNeedNoRuns() {
        var frame = ScreenBuffer(size: size)
        frame.write("same 日", x: 1, y: 2, role: .title)
        #expect(frame.changes(since: frame).isEmpty)
    }

    @Test func oneChangedCellIsOneRun() {
        let before = ScreenBuffer(size: size)
        var after = before
        after.write("x", x: 5, y: 1, role: .error)
        #expect(after.changes(since: before) == [ScreenBuffer.Run(x: 5, y: 1, text: "x", role: .error, columns: 1)])
    }

    @Test func aRunSpansFromTheFirstChangeToTheLastAndSplitsWhereTheRoleChanges() {
        let before = ScreenBuffer(size: size)
        var after = before
        after.write("ab", x: 1, y: 0, role: .title)
        after.write("z", x: 6, y: 0, role: .title)
        #expect(after.changes(since: before) == [
            ScreenBuffer.Run(x: 1, y: 0, text: "ab", role: .title, columns: 2),
            ScreenBuffer.Run(x: 3, y: 0, text: "   ", role: .normal, columns: 3),
            ScreenBuffer.Run(x: 6, y: 0, text: "z", role: .title, columns: 1),
        ])
    }

    @Test func aRoleChangeAloneIsARun() {
        var before = ScreenBuffer(size: size)
        before.write("abc", x: 0, y: 2)
        var after = before
        after.paint(Rect(x: 0, y: 2, width: 2, height: 1), role: .selection)
        #expect(after.changes(since: before) == [ScreenBuffer.Run(x: 0, y: 2, text: "ab", role: .selection, columns: 2)])
    }

    @Test func aRunStartsAtAWideCharacterWhoseRightHalfChanged() {
        var before = ScreenBuffer(size: size)
        before.write("日", x: 2, y: 0)
        var after = before
        after.paint(Rect(x: 3, y: 0, width: 1, height: 1), role: .selection)  // only the continuation
        #expect(after.changes(since: before) == [ScreenBuffer.Run(x: 2, y: 0, text: "日", role: .normal, columns: 2)])
    }

    @Test func aRunEndingOnAWideCharacterCoversBothCells() {
        let before = ScreenBuffer(size: size)
        var after = before
        after.write("a本", x: 0, y: 0)
        let runs = after.changes(since: before)
        #expect(runs == [ScreenBuffer.Run(x: 0, y: 0, text: "a本", role: .normal, columns: 3)])
    }

    @Test func replacingAWideCharacterWithNarrowOnesRedrawsBothCells() {
        var before = ScreenBuffer(size: size)
        before.write("日本", x: 0, y: 0)
        var after = before
        after.write("ab", x: 2, y: 0)
        #expect(after.changes(since: before) == [ScreenBuffer.Run(x: 2, y: 0, text: "ab", role: .normal, columns: 2)])
    }

    @Test func aBufferWithNoColumnsHasNoRuns() {
        let empty = ScreenBuffer(size: TerminalSize(columns: 0, rows: 3))
        #expect(empty.changes(since: nil).isEmpty)
    }

    // MARK: property: the runs turn the old frame into the new one

    private static let pieces = ["a", "bc", "日", "本語", "x日y", "é", "😀", " ", "─│", "한", "e\u{301}"]

    /// A random frame built the way panes build them: writes, fills and paints in random roles.
    private func randomFrame(_ random: inout SeededGenerator, size: TerminalSize) -> ScreenBuffer {
        var frame = ScreenBuffer(size: size)
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            let role = Role.allCases.randomElement(using: &random)!
            let x = Int.random(in: -2...size.columns, using: &random)
            let y = Int.random(in: 0..<size.rows, using: &random)
            switch Int.random(in: 0..<10, using: &random) {
            case 0:
                let rect = Rect(x: x, y: y, width: Int.random(in: 0...4, using: &random), height: 2)
                frame.fill(rect, role: role, with: ["-", "日", " "].randomElement(using: &random)!)
            case 1:
                frame.paint(Rect(x: x, y: y, width: Int.random(in: 1...5, using: &random), height: 1), role: role)
            default:
                let text = (0..<Int.random(in: 1...4, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }
                frame.write(text.joined(), x: x, y: y, role: role)
            }
        }
        return frame
    }

    /// The text of every row, and the role of every cell that draws a character.
    private func picture(_ frame: ScreenBuffer) -> [String] {
        (0..<frame.height).map { y in
            let roles = (0..<frame.width).map { x in
                frame[x, y].isContinuation ? "+" : String(Role.allCases.firstIndex(of: frame[x, y].role)!)
            }
            return frame.text(row: y) + " | " + roles.joined(separator: ",")
        }
    }

    @MainActor
    @Test("applying the runs onto the old frame gives the new one", arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func runsReproduceTheFrame(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for round in 0..<250 {
            let size = TerminalSize(columns: Int.random(in: 1...9, using: &random), rows: Int.random(in: 1...3, using: &random))
            let old = randomFrame(&random, size: size)
            let new = randomFrame(&random, size: size)
            let terminal = VirtualTerminal(size: size)
            terminal.present(old)
            #expect(picture(terminal.screen) == picture(old), "seed \(seed) round \(round): full draw")
            terminal.present(new)
            #expect(picture(terminal.screen) == picture(new), "seed \(seed) round \(round): diff")
            let drawn = new.changes(since: old).reduce(0) { $0 + $1.columns }
            #expect(drawn <= size.columns * size.rows)
        }
    }

    @MainActor
    @Test func virtualTerminalDrawsOnlyWhatChanged() {
        let terminal = VirtualTerminal(size: size)
        var frame = ScreenBuffer(size: size)
        frame.write("hello", x: 0, y: 0)
        terminal.present(frame)
        #expect(terminal.columnsDrawn == 24)
        frame.write("J", x: 0, y: 0)
        frame.cursor = (1, 0)
        terminal.present(frame)
        #expect(terminal.columnsDrawn == 25)
        #expect(terminal.screen.lines == ["Jello", "", ""])
        #expect(terminal.screen.cursor! == (1, 0))
        #expect(terminal.framesPresented == 2)
    }
}

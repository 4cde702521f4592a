import Foundation
import Testing
import TerminalUI
@testable import NcursesTerminal

/// Headless ncurses: frames drawn into ncurses' memory and read back. ncurses is global state, so
/// everything that starts a terminal runs here, one test at a time.
@MainActor
@Suite(.serialized)
struct NcursesTerminalTests {
    static let size = TerminalSize(columns: 30, rows: 6)

    /// A frame with ASCII, wide CJK, a combining accent, an emoji and a bottom-right corner.
    static func sampleFrame() -> ScreenBuffer {
        var frame = ScreenBuffer(size: size)
        frame.write("Rapport — inbox", x: 0, y: 0, role: .title)
        frame.write("日本語 mail", x: 2, y: 1)
        frame.write("cafe\u{301} ok", x: 0, y: 2, role: .selection)
        frame.write("ship it 😀!", x: 0, y: 3)
        frame.write("end", x: 27, y: 5, role: .statusLine)
        return frame
    }

    static func rows(_ frame: ScreenBuffer) -> [String] {
        (0..<frame.height).map { frame.text(row: $0) }
    }

    @Test func aFrameWithWideAndCombiningCharactersReadsBackAsDrawn() throws {
        let terminal = try NcursesTerminal(headless: Self.size)
        defer { terminal.stop() }
        #expect(terminal.size == Self.size)
        let frame = Self.sampleFrame()
        terminal.present(frame)

        let expected = Self.rows(frame)
        #expect(expected[1] == "  日本語 mail" + String(repeating: " ", count: 30 - 13))
        #expect(terminal.readBack() == expected)
        #expect(terminal.readBack(physical: true) == expected)
        #expect(terminal.readBack()[2].hasPrefix("café ok"))
        #expect(terminal.readBack()[5].hasSuffix("end"))
    }

    @Test func anEmojiTheCLibraryThinksNarrowKeepsTheBuffersLayout() throws {
        // TextWidth gives "❤️" (U+2764 U+FE0F) two columns; glibc's wcwidth gives U+2764 one.
        let terminal = try NcursesTerminal(headless: Self.size)
        defer { terminal.stop() }
        var frame = ScreenBuffer(size: Self.size)
        frame.write("❤️x", x: 0, y: 0)
        #expect(frame.text(row: 0).hasPrefix("❤️x"))
        terminal.present(frame)
        #expect(terminal.readBack()[0].hasPrefix("❤️ x"), "a space fills the second column, so x stays in column 2")
    }

    @Test func aSecondFrameIsDrawnAsADiff() throws {
        let terminal = try NcursesTerminal(headless: Self.size)
        defer { terminal.stop() }
        let first = Self.sampleFrame()
        terminal.present(first)
        #expect(terminal.columnsDrawn == 30 * 6)

        var second = first
        second.write("語日", x: 2, y: 1)            // wide characters swapped
        second.write("x", x: 3, y: 1)              // cuts the second one in half
        second.write("SHIP", x: 0, y: 3, role: .error)
        second.paint(Rect(x: 0, y: 2, width: 4, height: 1), role: .normal)
        terminal.present(second)

        #expect(terminal.readBack() == Self.rows(second))
        #expect(terminal.readBack(physical: true) == Self.rows(second))
        #expect(terminal.readBack()[1].hasPrefix("   x日語 mail"), "the cut wide character left a space")
        let diffColumns = terminal.columnsDrawn - 30 * 6
        #expect(diffColumns > 0 && diffColumns < 30, "the second frame redrew \(diffColumns) columns")

        terminal.present(second)
        #expect(terminal.columnsDrawn - 30 * 6 == diffColumns, "an unchanged frame draws nothing")
    }

    @Test func rolesComeOutWithTheirThemeAttributesAndColours() throws {
        let theme = Theme(name: "test", styles: [
            .selection: Style(reverse: true),
            .title: Style(foreground: .basic(1), bold: true),
            .error: Style(foreground: .basic(3), background: .basic(4), underline: true),
        ])
        let terminal = try NcursesTerminal(headless: Self.size, theme: theme)
        defer { terminal.stop() }
        #expect(terminal.colorDepth == .full)
        var frame = Self.sampleFrame()
        frame.write("oops", x: 10, y: 4, role: .error)
        terminal.present(frame)

        #expect(terminal.readBackStyle(x: 0, y: 2) == Style(reverse: true))
        #expect(terminal.readBackStyle(x: 0, y: 2, physical: true) == Style(reverse: true))
        #expect(terminal.readBackStyle(x: 3, y: 0) == Style(foreground: .basic(1), bold: true))
        #expect(terminal.readBackStyle(x: 11, y: 4) == Style(foreground: .basic(3), background: .basic(4), underline: true))
        #expect(terminal.readBackStyle(x: 0, y: 4) == Style())
        // Three roles with colours, and the two with only attributes share pair 0.
        #expect(terminal.colorPairs.pairs.count == 2)

        terminal.setTheme(.plain)
        #expect(terminal.readBackStyle(x: 3, y: 0) == Style(bold: true), "a new theme redraws at once")
        #expect(terminal.readBackStyle(x: 11, y: 4) == Style(bold: true))
        #expect(terminal.readBack() == Self.rows(frame))
    }

    @Test func noColorKeepsAttributesButDropsColours() throws {
        let theme = Theme(name: "test", styles: [
            .title: Style(foreground: .basic(1), bold: true),
            .selection: Style(foreground: .basic(0), background: .basic(6), reverse: true),
        ])
        let terminal = try NcursesTerminal(headless: Self.size, theme: theme, environment: ["NO_COLOR": "1"])
        defer { terminal.stop() }
        #expect(terminal.colorDepth == .none)
        terminal.present(Self.sampleFrame())
        #expect(terminal.readBackStyle(x: 0, y: 0) == Style(bold: true))
        #expect(terminal.readBackStyle(x: 0, y: 2) == Style(reverse: true))
        #expect(terminal.colorPairs.pairs.isEmpty)
    }

    @Test(arguments: [
        ("xterm-256color", [String: String](), ColorDepth.full),
        ("xterm-256color", ["NO_COLOR": "1"], .none),
        ("xterm-256color", ["NO_COLOR": ""], .full),
        ("xterm", [:], .eight),
        ("xterm-mono", [:], .none),
    ])
    func colourDepthFollowsTheTerminalAndNoColor(type: String, environment: [String: String], depth: ColorDepth) throws {
        let terminal = try NcursesTerminal(headless: Self.size, type: type, environment: environment)
        defer { terminal.stop() }
        #expect(terminal.colorDepth == depth)
    }

    @Test func colourDepthFromColoursAndEnvironment() {
        #expect(NcursesTerminal.colorDepth(colors: 256, environment: [:]) == .full)
        #expect(NcursesTerminal.colorDepth(colors: 88, environment: [:]) == .eight)
        #expect(NcursesTerminal.colorDepth(colors: 8, environment: [:]) == .eight)
        #expect(NcursesTerminal.colorDepth(colors: 0, environment: [:]) == .none)
        #expect(NcursesTerminal.colorDepth(colors: 256, environment: ["NO_COLOR": "yes"]) == .none)
        #expect(NcursesTerminal.colorDepth(colors: 256, environment: ["NO_COLOR": ""]) == .full)
    }

    @Test func aResizeIsReportedAndTheNextFrameIsDrawnWhole() throws {
        let terminal = try NcursesTerminal(headless: Self.size)
        defer { terminal.stop() }
        terminal.present(Self.sampleFrame())
        let bigger = TerminalSize(columns: 40, rows: 8)
        terminal.resize(to: bigger)
        #expect(terminal.size == bigger)
        #expect(terminal.pendingKeys() == [.resize])

        var frame = ScreenBuffer(size: bigger)
        frame.write("wider 世界", x: 30, y: 7)
        terminal.present(frame)
        #expect(terminal.readBack() == Self.rows(frame))
        #expect(terminal.readBack().count == 8)
    }

    @Test func theCursorShowsOnlyWhereTheFrameAsks() throws {
        let terminal = try NcursesTerminal(headless: Self.size)
        defer { terminal.stop() }
        var frame = Self.sampleFrame()
        frame.cursor = (x: 4, y: 3)
        terminal.present(frame)
        #expect(terminal.cursorShown == true)
        #expect(terminal.physicalCursor() == (x: 4, y: 3))
        frame.cursor = (x: 0, y: 5)
        terminal.present(frame)
        #expect(terminal.physicalCursor() == (x: 0, y: 5), "the cursor moves even when nothing else changed")
        _ = terminal.readBack(physical: true)
        #expect(terminal.physicalCursor() == (x: 0, y: 5), "reading back leaves the cursor where it was")
        frame.cursor = nil
        terminal.present(frame)
        #expect(terminal.cursorShown == false)
        #expect(terminal.readBack() == Self.rows(frame), "moving the cursor to read back does not disturb drawing")
    }

    @Test func suspendAndResumeKeepTheScreen() throws {
        let terminal = try NcursesTerminal(headless: Self.size)
        defer { terminal.stop() }
        let frame = Self.sampleFrame()
        terminal.present(frame)
        terminal.suspend()
        #expect(terminal.isSuspended)
        #expect(terminal.pendingKeys() == [])
        terminal.resume()
        #expect(!terminal.isSuspended)
        #expect(terminal.readBack(physical: true) == Self.rows(frame))
    }

    @Test func stopRestoresTheTerminalOnceAndBracketedPasteIsTurnedOnAndOff() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ncurses-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let terminal = try NcursesTerminal(headless: Self.size, outputPath: path)
        terminal.present(Self.sampleFrame())
        terminal.stop()
        terminal.stop()
        #expect(terminal.isStopped)
        #expect(terminal.readBack() == [])
        terminal.present(Self.sampleFrame())
        #expect(terminal.pendingKeys() == [])

        let output = try String(contentsOfFile: path, encoding: .utf8)
        let on = try #require(output.range(of: "\u{1B}[?2004h"))
        let off = try #require(output.range(of: "\u{1B}[?2004l"))
        #expect(on.upperBound <= off.lowerBound)
        #expect(output.contains("日本語"), "the frame reached the output file")
        #expect(output.components(separatedBy: "\u{1B}[?2004l").count == 2, "stop ran once")
    }

    @Test func aTerminalLetGoWithoutStopStopsItself() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ncurses-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let terminal = try NcursesTerminal(headless: Self.size, outputPath: path)
            terminal.present(Self.sampleFrame())
        }
        let output = try String(contentsOfFile: path, encoding: .utf8)
        #expect(output.contains("\u{1B}[?2004l"), "the deinit stopped it")
        let next = try NcursesTerminal(headless: Self.size)
        defer { next.stop() }
        next.present(Self.sampleFrame())
        #expect(next.readBack() == Self.rows(Self.sampleFrame()))
    }

    @Test func aTerminalThatCannotMoveTheCursorIsRefused() {
        let type = "dumb"
        #expect(throws: NcursesTerminalError.noCursorAddressing(type)) {
            try NcursesTerminal(headless: Self.size, type: type)
        }
        let message = NcursesTerminalError.noCursorAddressing(type).description
        #expect(message.contains("TERM=\(type)") && message.contains("xterm-256color"))
        #expect(message.unicodeScalars.allSatisfy { $0.isASCII }, "said in any locale")
    }

    @Test func underTheCLocaleOnlyASCIIReachesTheTerminal() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ascii-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let terminal = try NcursesTerminal(headless: Self.size, environment: ["LANG": "C"], outputPath: path)
        #expect(terminal.isASCIIOnly)
        var frame = ScreenBuffer(size: Self.size)
        Frame(title: "Zoë · 日本").render(into: &frame, rect: Rect(x: 0, y: 0, width: 20, height: 4))
        frame.write("● ← ▁▂█ …", x: 1, y: 1)
        terminal.present(frame)
        #expect(terminal.readBack()[0].hasPrefix("+- Zoe - ???? -----+"))
        #expect(terminal.readBack()[1].hasPrefix("|* < _.# .         |"))
        terminal.stop()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count > 100 && bytes.allSatisfy { $0 < 0x80 }, "no byte above 0x7F")
        let unicode = try NcursesTerminal(headless: Self.size, environment: ["LANG": "C.UTF-8"])
        defer { unicode.stop() }
        #expect(!unicode.isASCIIOnly)
    }

    @Test func onEightColoursAGreyBorderIsDrawnInTheTerminalsOwnTextColour() throws {
        let type = "screen"
        let theme = Theme(name: "test", styles: [
            .border: Style(foreground: .indexed(240)), .selection: Style(foreground: .basic(0), background: .indexed(39)),
        ])
        let terminal = try NcursesTerminal(headless: Self.size, type: type, theme: theme)
        defer { terminal.stop() }
        #expect(terminal.colorDepth == .eight)
        var frame = ScreenBuffer(size: Self.size)
        frame.write("|", x: 0, y: 0, role: .border)
        frame.write("row", x: 0, y: 1, role: .selection)
        terminal.present(frame)
        #expect(terminal.readBackStyle(x: 0, y: 0) == Style(), "not black, which vanishes on a dark terminal")
        #expect(terminal.readBackStyle(x: 0, y: 1) == Style(foreground: .basic(0), background: .basic(6)))
    }

    @Test func anUnknownTerminalTypeIsAnErrorForPeople() {
        #expect(throws: NcursesTerminalError.unknownTerminalType("no-such-terminal")) {
            try NcursesTerminal(headless: Self.size, type: "no-such-terminal")
        }
        #expect(NcursesTerminalError.unknownTerminalType("x").description.contains("set TERM"))
    }

    @Test func aFrameLargerThanTheTerminalIsClipped() throws {
        let terminal = try NcursesTerminal(headless: Self.size)
        defer { terminal.stop() }
        var frame = ScreenBuffer(size: TerminalSize(columns: 32, rows: 7))
        frame.write(String(repeating: "a", count: 29) + "語", x: 0, y: 0)
        frame.write("last", x: 0, y: 6)
        terminal.present(frame)
        let rows = terminal.readBack()
        #expect(rows.count == 6)
        #expect(rows[0] == String(repeating: "a", count: 29) + " ", "a wide character that does not fit is left out")
    }
}

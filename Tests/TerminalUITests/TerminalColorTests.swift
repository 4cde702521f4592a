import Testing
@testable import TerminalUI

@Suite("TerminalColor")
struct TerminalColorTests {
    @Test func names() {
        #expect(TerminalColor(name: "default") == .standard)
        #expect(TerminalColor(name: "red") == .basic(1))
        #expect(TerminalColor(name: "White") == .basic(7))
        #expect(TerminalColor(name: "bright-black") == .basic(8))
        #expect(TerminalColor(name: "bright-cyan") == .basic(14))
        #expect(TerminalColor(name: "0") == .indexed(0))
        #expect(TerminalColor(name: "255") == .indexed(255))
        for bad in ["256", "-1", "bright-", "bright-orange", "orange", ""] {
            #expect(TerminalColor(name: bad) == nil, "\(bad)")
        }
    }

    @Test("256 colours reduce to the nearest of eight", arguments: [
        (196, 1), (160, 1), (88, 1),    // reds, down to dark red
        (46, 2), (28, 2),               // greens
        (226, 3), (184, 3),             // yellows
        (21, 4), (19, 4),               // blues
        (201, 5), (127, 5),             // magentas
        (51, 6), (30, 6),               // cyans
        (231, 7), (253, 7), (250, 7),   // white and light greys
        (16, 0), (232, 0), (236, 0), (17, 0), (52, 0),  // black, dark greys, the darkest blue and red
        (9, 1), (12, 4), (15, 7), (3, 3),  // the basic sixteen keep their hue
    ])
    func nearest(index: Int, basic: Int) {
        #expect(TerminalColor.indexed(index).reduced(to: .eight) == .basic(basic), "colour \(index)")
    }

    @Test func everyPaletteEntryReducesToABasicColour() {
        for index in 0...255 {
            guard case .basic(let basic)? = TerminalColor.indexed(index).reduced(to: .eight) else {
                Issue.record("colour \(index)")
                continue
            }
            #expect((0...7).contains(basic))
        }
    }

    @Test func reductionByDepth() {
        #expect(TerminalColor.basic(9).reduced(to: .eight) == .basic(1))
        #expect(TerminalColor.basic(9).reduced(to: .full) == .basic(9))
        #expect(TerminalColor.indexed(208).reduced(to: .full) == .indexed(208))
        #expect(TerminalColor.indexed(208).reduced(to: .none) == nil)
        #expect(TerminalColor.basic(1).reduced(to: .none) == nil)
        #expect(TerminalColor.standard.reduced(to: .full) == nil)
        #expect(ColorDepth.none < .eight && ColorDepth.eight < .full)
    }
}

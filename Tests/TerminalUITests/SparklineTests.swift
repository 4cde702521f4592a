import Testing
@testable import TerminalUI

@Suite("Sparkline")
struct SparklineTests {
    @Test func scalesToTheLargestValue() {
        #expect(Sparkline.render([0, 1, 2, 3, 4, 5, 6, 7], width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([10, 5, 0], width: 3) == "█▅▁")
    }

    @Test func anyPositiveValueRisesAboveZero() {
        #expect(Sparkline.render([1, 0, 1000], width: 3) == "▂▁█")
    }

    @Test func keepsTheLastValuesRightAligned() {
        #expect(Sparkline.render([9, 9, 9, 0, 4, 8], width: 3) == "▁▅█")
        #expect(Sparkline.render([4, 8], width: 5) == "   ▅█")
    }

    @Test func emptyAndZeroAndNegative() {
        #expect(Sparkline.render([], width: 4) == "    ")
        #expect(Sparkline.render([0, 0, 0], width: 3) == "▁▁▁")
        #expect(Sparkline.render([-5, 3], width: 2) == "▁█")
        #expect(Sparkline.render([1, 2], width: 0) == "")
        #expect(Sparkline.render([1, 2], width: -1) == "")
    }

    @Test func alwaysExactlyTheWidth() {
        for width in 1...12 {
            for count in 0...15 {
                let values = (0..<count).map { ($0 * 37) % 11 }
                #expect(TextWidth.of(Sparkline.render(values, width: width)) == width)
            }
        }
    }
}

import Testing
import TerminalUI
@testable import NcursesTerminal

/// Colour pairs are made on first use, reused, and never beyond COLOR_PAIRS.
struct ColorPairsTests {
    @Test func pairsAreAllocatedOncePerCombinationWithinTheLimit() {
        var pairs = ColorPairs(limit: 3, colors: 256, defaultColors: true)
        var made: [[Int]] = []
        let allocate: (Int, Int, Int) -> Bool = { pair, foreground, background in
            made.append([pair, foreground, background])
            return true
        }
        #expect(pairs.pair(foreground: .standard, background: .standard, allocate: allocate) == 0)
        #expect(pairs.pair(foreground: .basic(1), background: .standard, allocate: allocate) == 1)
        #expect(pairs.pair(foreground: .indexed(208), background: .basic(0), allocate: allocate) == 2)
        #expect(pairs.pair(foreground: .basic(1), background: .standard, allocate: allocate) == 1)
        #expect(pairs.pair(foreground: .basic(2), background: .standard, allocate: allocate) == 0, "pairs ran out")
        #expect(made == [[1, 1, -1], [2, 208, 0]])
    }

    @Test func coloursTheTerminalLacksAreReduced() {
        let eight = ColorPairs(limit: 64, colors: 8, defaultColors: false)
        #expect(eight.number(for: .basic(9), background: false) == 1)
        #expect(eight.number(for: .standard, background: false) == 7)
        #expect(eight.number(for: .standard, background: true) == 0)
        let full = ColorPairs(limit: 65536, colors: 256, defaultColors: true)
        #expect(full.limit == 32767)
        #expect(full.number(for: .standard, background: true) == -1)
        #expect(full.number(for: .indexed(208), background: false) == 208)
    }

    @Test func noPairsWhenColoursAreOff() {
        var pairs = ColorPairs(limit: 0, colors: 0, defaultColors: false)
        #expect(pairs.pair(foreground: .basic(1), background: .basic(2)) { _, _, _ in
            Issue.record("nothing may be allocated")
            return true
        } == 0)
    }
}

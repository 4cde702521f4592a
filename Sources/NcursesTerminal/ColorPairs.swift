import CNcurses
import TerminalUI

/// Colour pairs allocated as they are first needed, one per distinct (foreground, background),
/// within the terminal's COLOR_PAIRS. When pairs run out, new combinations use pair 0.
struct ColorPairs {
    /// Colour pair numbers available (COLOR_PAIRS); 0 when colours are off.
    let limit: Int
    /// Colours the terminal has (COLORS).
    let colors: Int
    /// Whether colour -1 (the terminal's own default) works (use_default_colors succeeded).
    let defaultColors: Bool
    private(set) var pairs: [Combination: Int] = [:]
    private var next = 1

    struct Combination: Hashable {
        var foreground: Int
        var background: Int
    }

    init(limit: Int, colors: Int, defaultColors: Bool) {
        // init_pair takes a short: pairs past 32767 would need the extended calls, and Rapport uses a few dozen.
        self.limit = min(limit, Int(Int16.max))
        self.colors = colors
        self.defaultColors = defaultColors
    }

    /// The curses colour number for `color`, as a foreground or a background.
    func number(for color: TerminalColor, background: Bool) -> Int {
        let number: Int
        switch color {
        case .standard: number = -1
        case .basic(let index): number = index
        case .indexed(let index): number = index
        }
        if number < 0 || number >= colors {
            if number >= 0, colors >= 8 { return number % 8 }
            return defaultColors ? -1 : (background ? 0 : 7)
        }
        return number
    }

    /// The pair for `foreground` on `background`, allocating it with `allocate` (init_pair) on first use.
    mutating func pair(foreground: TerminalColor, background: TerminalColor,
                       allocate: (Int, Int, Int) -> Bool) -> Int {
        guard limit > 0 else { return 0 }
        let combination = Combination(foreground: number(for: foreground, background: false),
                                      background: number(for: background, background: true))
        if combination == Combination(foreground: -1, background: -1) { return 0 }
        if let pair = pairs[combination] { return pair }
        guard next < limit, allocate(next, combination.foreground, combination.background) else { return 0 }
        pairs[combination] = next
        next += 1
        return next - 1
    }
}

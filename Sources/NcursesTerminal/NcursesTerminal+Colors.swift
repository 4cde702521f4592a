import CNcurses
import TerminalUI

/// How a role is drawn: curses attributes and a colour pair.
struct Rendition: Equatable {
    var attributes: attr_t
    var pair: Int16
}

extension NcursesTerminal {
    /// The colour depth for a terminal with `colors` colours: none when `NO_COLOR` is set (to
    /// anything but the empty string) or there are fewer than 8, all 256 from 256 up, else 8.
    public static func colorDepth(colors: Int, environment: [String: String]) -> ColorDepth {
        if asksForNoColor(environment) { return .none }
        if colors >= 256 { return .full }
        if colors >= 8 { return .eight }
        return .none
    }

    /// Whether `NO_COLOR` is set to something (https://no-color.org: an empty value does not count).
    static func asksForNoColor(_ environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }

    /// Starts colours unless the terminal has none or `NO_COLOR` asks for none.
    static func startColors(environment: [String: String]) -> (count: Int, pairs: Int, defaultColors: Bool) {
        if asksForNoColor(environment) { return (0, 0, false) }
        guard has_colors() else { return (0, 0, false) }
        start_color()
        let defaultColors = use_default_colors() == OK
        return (Int(rapport_colors()), Int(rapport_color_pairs()), defaultColors)
    }

    /// Changes the theme and redraws the whole last frame in it.
    public func setTheme(_ theme: Theme) {
        self.theme = theme
        renditions.removeAll()
        if let frame = lastFrame {
            lastFrame = nil
            present(frame)
        }
    }

    /// The attributes and colour pair for `role` under the theme (cached until the theme changes).
    func rendition(for role: Role) -> Rendition {
        if let known = renditions[role] { return known }
        let style = theme.style(for: role, depth: colorDepth)
        var attributes = rapport_attr_normal()
        if style.bold { attributes |= rapport_attr_bold() }
        if style.dim { attributes |= rapport_attr_dim() }
        if style.underline { attributes |= rapport_attr_underline() }
        if style.reverse { attributes |= rapport_attr_reverse() }
        let pair = colorPairs.pair(foreground: style.foreground, background: style.background) { pair, foreground, background in
            init_pair(Int16(pair), Int16(foreground), Int16(background)) == OK
        }
        let rendition = Rendition(attributes: attributes, pair: Int16(pair))
        renditions[role] = rendition
        return rendition
    }

    /// The style a cell's attributes and colour pair stand for (colours 0–15 come back as `.basic`).
    func style(attributes: attr_t, pair: Int16) -> Style {
        var foreground: Int16 = -1
        var background: Int16 = -1
        if pair > 0, colorDepth != .none {
            pair_content(pair, &foreground, &background)
        }
        return Style(foreground: Self.color(Int(foreground)), background: Self.color(Int(background)),
                     bold: attributes & rapport_attr_bold() != 0, dim: attributes & rapport_attr_dim() != 0,
                     underline: attributes & rapport_attr_underline() != 0,
                     reverse: attributes & rapport_attr_reverse() != 0)
    }

    private static func color(_ number: Int) -> TerminalColor {
        switch number {
        case ..<0: return .standard
        case 0..<16: return .basic(number)
        default: return .indexed(number)
        }
    }
}

import Foundation
import Testing
@testable import TerminalUI

/// Every shipped theme reads on the terminals it is meant for, measured:
/// - 256 colours: a role that sets a background sets its text colour too (the terminal's own text
///   colour is unknown: light on a dark terminal, dark on a light one); text roles have a WCAG
///   contrast ratio of at least 4.5 against their background (the role's own, or the terminal
///   background the theme is made for), the secondary ones (dim, placeholder, quote, border) at least 3.
/// - 8 colours (a theme reduced for `screen` or `linux`): nothing is black or white on the terminal's
///   own background (it may be either), and a role with a background has a text colour with a ratio
///   of at least 3 against it, in xterm's basic colours.
/// - No colour: the selected rows, the status line and the borders still stand apart by attributes.
@Suite struct ThemeContrastTests {
    /// The terminal background each shipped colour theme is made for; a new shipped theme must say.
    static let backgrounds: [String: (Int, Int, Int)] = ["default": (0, 0, 0), "light": (255, 255, 255)]
    static let secondary: Set<Role> = [.dim, .placeholder, .quote, .border]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")
    /// The theme files in `themes/` that use colour (all but monochrome).
    static let colourThemes = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }.filter { $0 != "monochrome" }.sorted()

    static func shipped(_ name: String) throws -> Theme {
        let text = try String(contentsOf: folder.appendingPathComponent("\(name).theme"), encoding: .utf8)
        return try Theme(name: name, text: text)
    }

    /// xterm's colours: the basic sixteen, then the 6×6×6 cube and the greys.
    static func rgb(_ color: TerminalColor) -> (Int, Int, Int)? {
        let bright = [(127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
                      (0, 255, 255), (255, 255, 255)]
        let number: Int
        switch color {
        case .standard: return nil
        case .basic(let index): number = index
        case .indexed(let index): number = index
        }
        if number >= 16 { return TerminalColor.rgb(number) }
        return number < 8 ? TerminalColor.basicRGB[number] : bright[number - 8]
    }

    /// WCAG 2 relative luminance.
    static func luminance(_ rgb: (Int, Int, Int)) -> Double {
        func linear(_ value: Int) -> Double {
            let channel = Double(value) / 255
            return channel <= 0.03928 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(rgb.0) + 0.7152 * linear(rgb.1) + 0.0722 * linear(rgb.2)
    }

    static func ratio(_ first: (Int, Int, Int), _ second: (Int, Int, Int)) -> Double {
        let (a, b) = (luminance(first), luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    @Test func theRatioIsWCAGs() {
        #expect(abs(Self.ratio((0, 0, 0), (255, 255, 255)) - 21) < 0.01)
        #expect(abs(Self.ratio((118, 118, 118), (255, 255, 255)) - 4.54) < 0.01)
        #expect(Self.ratio((10, 10, 10), (10, 10, 10)) == 1)
    }

    @Test func everyShippedColourThemeHasABackgroundToMeasureAgainst() {
        #expect(Self.colourThemes.count >= 2, "the theme files were found")
        #expect(Set(Self.colourThemes) == Set(Self.backgrounds.keys))
    }

    @Test(arguments: Self.colourThemes)
    func in256ColoursEveryRoleReadsOnTheBackgroundItIsDrawnOn(name: String) throws {
        let theme = try Self.shipped(name)
        let terminal = try #require(Self.backgrounds[name])
        for role in Role.allCases {
            let style = theme.style(for: role, depth: .full)
            if style.background != .standard {
                #expect(style.foreground != .standard || style.reverse,
                        "\(name): \(role.themeName) sets a background but leaves the text in the terminal's colour")
            }
            guard let foreground = Self.rgb(style.foreground) else { continue }
            let background = Self.rgb(style.background) ?? terminal
            let least = Self.secondary.contains(role) ? 3.0 : 4.5
            let measured = Self.ratio(foreground, background)
            #expect(measured >= least, "\(name): \(role.themeName) has a contrast of \(measured), under \(least)")
        }
    }

    @Test(arguments: Self.colourThemes)
    func in8ColoursNothingVanishesOnADarkOrALightTerminal(name: String) throws {
        let theme = try Self.shipped(name)
        for role in Role.allCases {
            let style = theme.style(for: role, depth: .eight)
            if style.background == .standard {
                #expect(![TerminalColor.basic(0), .basic(7)].contains(style.foreground),
                        "\(name): \(role.themeName) is black or white on the terminal's own background")
                continue
            }
            let foreground = try #require(Self.rgb(style.foreground),
                                          "\(name): \(role.themeName) has a background but no text colour")
            let background = try #require(Self.rgb(style.background))
            #expect(Self.ratio(foreground, background) >= 3, "\(name): \(role.themeName) on 8 colours")
        }
        // The selected row and the status line keep a background of their own.
        #expect(theme.style(for: .selection, depth: .eight).background != .standard)
        #expect(theme.style(for: .statusLine, depth: .eight).background != .standard)
    }

    @Test func thePaletteGreysOfTheDefaultThemeComeDownToTheTerminalsOwnText() throws {
        let theme = try Self.shipped("default")
        // Border 242 is nearest to black: on a dark terminal that would vanish.
        #expect(TerminalColor.indexed(242).reduced(to: .eight) == .basic(0))
        #expect(theme.style(for: .border, depth: .eight).foreground == .standard)
        #expect(theme.style(for: .unread, depth: .eight) == Style(bold: true))
        // A grey behind explicit text stays: white on black reads on any terminal.
        #expect(theme.style(for: .input, depth: .eight) == Style(foreground: .basic(7), background: .basic(0)))
    }

    @Test(arguments: ["monochrome", "plain"])
    func withoutColourAttributesSetTheSelectionAndStatusApart(name: String) throws {
        let theme = name == "plain" ? Theme.plain : try Self.shipped(name)
        let normal = theme.style(for: .normal, depth: .none)
        for role in [Role.selection, .selectionInactive, .statusLine, .statusError, .inputFocused, .overlay] {
            let style = theme.style(for: role, depth: .none)
            #expect(style != normal, "\(name): \(role.themeName) looks like normal text")
            #expect(style.foreground == .standard && style.background == .standard)
        }
        #expect(theme.style(for: .selection, depth: .none).reverse, "\(name): the selected row is in reverse video")
    }
}

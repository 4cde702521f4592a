import Foundation

/// Colours and attributes per role, read from a `.theme` file:
///
///     # comment
///     normal        = default on default
///     selection     = black on cyan bold
///     outbox.failed = bright-red bold
///
/// A line is `role = [colour] [on colour] [bold] [dim] [underline] [reverse]`; colours are
/// `default`, the eight basic names (optionally `bright-`), or palette numbers 0–255. Roles a theme
/// leaves out look like `normal`.
public struct Theme: Equatable, Sendable {
    public let name: String
    private let styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// How `role` looks on a terminal of `depth` colours (colours dropped or reduced; attributes kept).
    ///
    /// On eight colours a grey cannot be told from the terminal's own background, which may be black
    /// or white: text that comes down to black or white on the terminal's background is drawn in
    /// the terminal's own text colour instead (its attributes, e.g. dim, still set it apart).
    public func style(for role: Role, depth: ColorDepth = .full) -> Style {
        var style = styles[role] ?? styles[.normal] ?? Style()
        style.foreground = style.foreground.reduced(to: depth) ?? .standard
        style.background = style.background.reduced(to: depth) ?? .standard
        if depth == .eight, style.background == .standard, [.basic(0), .basic(7)].contains(style.foreground) {
            style.foreground = .standard
        }
        return style
    }

    /// A theme file's text; the error names the line and what is wrong with it.
    public init(name: String, text: String) throws(ThemeError) {
        var styles: [Role: Style] = [:]
        let roles = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0.themeName, $0) })
        // `isNewline` also splits "\r\n" (one Character), so themes saved with CRLF read the same.
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw ThemeError(theme: name, line: index + 1, problem: "expected “role = style”") }
            guard let role = roles[parts[0]] else {
                throw ThemeError(theme: name, line: index + 1, problem: "there is no role “\(parts[0])”")
            }
            styles[role] = try Self.style(parts[1], theme: name, line: index + 1)
        }
        self.init(name: name, styles: styles)
    }

    private static func style(_ text: String, theme: String, line: Int) throws(ThemeError) -> Style {
        var style = Style()
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)[...]
        var colours = 0
        while let word = words.popFirst() {
            switch word {
            case "bold": style.bold = true
            case "dim": style.dim = true
            case "underline": style.underline = true
            case "reverse": style.reverse = true
            case "on":
                guard let next = words.popFirst(), let colour = TerminalColor(name: next) else {
                    throw ThemeError(theme: theme, line: line, problem: "“on” needs a colour after it")
                }
                style.background = colour
            default:
                guard colours == 0, let colour = TerminalColor(name: word) else {
                    throw ThemeError(theme: theme, line: line, problem: "“\(word)” is not a colour or an attribute")
                }
                style.foreground = colour
                colours += 1
            }
        }
        return style
    }

    /// Attributes only, no colours: what Rapport uses when no theme file can be found.
    public static let plain = Theme(name: "plain", styles: [
        .title: Style(bold: true), .heading: Style(bold: true), .selection: Style(reverse: true),
        .selectionInactive: Style(underline: true), .statusLine: Style(reverse: true),
        .statusError: Style(bold: true, reverse: true), .key: Style(bold: true), .inputFocused: Style(underline: true),
        .unread: Style(bold: true), .outboxFailed: Style(bold: true), .error: Style(bold: true), .dim: Style(dim: true),
        .placeholder: Style(dim: true), .overlay: Style(reverse: true),
    ])
}

/// A theme file that cannot be read, with the line and the problem.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public let theme: String
    public let line: Int
    public let problem: String

    public var description: String { "theme \(theme), line \(line): \(problem)" }
}

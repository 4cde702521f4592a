/// A terminal colour: the terminal's own default, one of the 16 basic colours, or one of 256.
public enum TerminalColor: Hashable, Sendable {
    case standard
    /// 0–15: black, red, green, yellow, blue, magenta, cyan, white, then their bright forms.
    case basic(Int)
    /// 0–255 of the xterm palette.
    case indexed(Int)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// "default", a basic name ("red", "bright-red"), or a palette number ("208").
    public init?(name: String) {
        let name = name.lowercased()
        if name == "default" {
            self = .standard
        } else if let index = Self.names.firstIndex(of: name) {
            self = .basic(index)
        } else if name.hasPrefix("bright-"), let index = Self.names.firstIndex(of: String(name.dropFirst(7))) {
            self = .basic(index + 8)
        } else if let number = Int(name), (0...255).contains(number) {
            self = .indexed(number)
        } else {
            return nil
        }
    }

    /// The closest colour a terminal of `depth` can show (nil: leave it to the terminal).
    public func reduced(to depth: ColorDepth) -> TerminalColor? {
        switch (self, depth) {
        case (_, .none), (.standard, _): return nil
        case (.basic(let index), .eight): return .basic(index % 8)
        case (.basic, .full): return self
        case (.indexed(let number), .full): return .indexed(number)
        case (.indexed(let number), .eight): return .basic(Self.nearestBasic(number))
        }
    }

    /// The nearest of the eight basic colours to palette entry `number`.
    static func nearestBasic(_ number: Int) -> Int {
        if number < 16 { return number % 8 }
        var red = 0, green = 0, blue = 0
        if number >= 232 {
            let level = (number - 232) * 10 + 8
            return level < 64 ? 0 : 7
        }
        let cube = number - 16
        red = cube / 36
        green = (cube / 6) % 6
        blue = cube % 6
        // Each basic colour is a corner of the cube: a channel counts when it is at least half on.
        let bits = (red >= 3 ? 1 : 0) | (green >= 3 ? 2 : 0) | (blue >= 3 ? 4 : 0)
        return bits
    }
}

/// How many colours the terminal shows: none (`NO_COLOR`, or a monochrome terminal), 8, or 256.
public enum ColorDepth: Int, Sendable, Comparable {
    case none = 0
    case eight = 8
    case full = 256

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a role looks: colours and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor = .standard
    public var background: TerminalColor = .standard
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false

    public init(foreground: TerminalColor = .standard, background: TerminalColor = .standard, bold: Bool = false,
                dim: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }
}

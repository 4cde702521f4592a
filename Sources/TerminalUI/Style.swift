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

    /// The nearest of the eight basic colours to palette entry `number`, by distance in RGB to
    /// xterm's default basic colours. A grey stays a grey: black or white, never a hue (mid greys
    /// are nearer yellow than black by that distance).
    static func nearestBasic(_ number: Int) -> Int {
        if number < 16 { return number % 8 }
        let (red, green, blue) = rgb(number)
        if red == green, green == blue { return red < 128 ? 0 : 7 }
        var best = 0
        var bestDistance = Int.max
        for (index, basic) in basicRGB.enumerated() {
            let distance = (red - basic.0) * (red - basic.0) + (green - basic.1) * (green - basic.1)
                + (blue - basic.2) * (blue - basic.2)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }

    /// xterm's default black, red, green, yellow, blue, magenta, cyan and white.
    static let basicRGB = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
                                   (0, 205, 205), (229, 229, 229)]

    /// The red, green and blue of palette entries 16–255: a 6×6×6 cube, then 24 greys.
    static func rgb(_ number: Int) -> (Int, Int, Int) {
        if number >= 232 {
            let level = (number - 232) * 10 + 8
            return (level, level, level)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let cube = number - 16
        return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
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

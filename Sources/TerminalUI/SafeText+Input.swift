extension SafeText {
    /// Typed or pasted text for an editor: "\r\n" and "\r" become "\n", tabs four spaces, and
    /// escape sequences and unsafe characters go (the rules of `block`).
    public static func input(_ text: String) -> String {
        var normalized = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            if scalar == "\r" {
                normalized.append("\n")
            } else if scalar == "\n", afterCarriageReturn {
                continue
            } else {
                normalized.append(scalar)
            }
        }
        return block(String(normalized))
    }

    /// Typed or pasted text for a one-line field: as `input`, with trailing line breaks dropped and
    /// the others turned into spaces.
    public static func inputLine(_ text: String) -> String {
        var lines = input(text)
        while lines.last == "\n" { lines.removeLast() }
        return String(lines.map { $0 == "\n" ? " " : $0 })
    }
}

/// Makes text from mail safe to show in a terminal: no control characters, escape sequences,
/// bidirectional overrides or invisible characters survive.
public enum SafeText {
    /// One line: line breaks and tabs become spaces, runs of spaces collapse, everything unsafe goes.
    public static func line(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var lastWasSpace = false
        forEachSafeScalar(in: text) { scalar in
            let isSpace = scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
            if isSpace {
                if !lastWasSpace && !result.isEmpty { result.append(" ") }
            } else {
                result.append(scalar)
            }
            lastWasSpace = isSpace
        }
        return String(result).trimmingTrailingSpace()
    }

    /// Several lines: keeps line breaks, turns tabs into spaces, drops everything unsafe.
    public static func block(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        forEachSafeScalar(in: text) { scalar in
            switch scalar {
            case "\t": result.append(contentsOf: "    ".unicodeScalars)
            case "\r": break
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Calls `body` with each scalar that may reach a terminal, plus `\n`, `\t` and `\r`.
    private static func forEachSafeScalar(in text: String, _ body: (Unicode.Scalar) -> Void) {
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            let value = scalar.value
            if value == 0x1B || value == 0x9B {
                skipEscapeSequence(&scalars, introducer: value)
                continue
            }
            if scalar == "\n" || scalar == "\t" || scalar == "\r" {
                body(scalar)
                continue
            }
            if isUnsafe(value) { continue }
            body(scalar)
        }
    }

    /// Drops the rest of an escape sequence (CSI, OSC, DCS and two-character forms).
    private static func skipEscapeSequence(_ scalars: inout String.UnicodeScalarView.Iterator, introducer: UInt32) {
        var kind = introducer == 0x9B ? UInt32(0x5B) : 0
        if kind == 0 {
            guard let next = scalars.next() else { return }
            kind = next.value
        }
        switch kind {
        case 0x5B: // CSI: parameters and intermediates, then one final byte 0x40–0x7E
            while let scalar = scalars.next() {
                if (0x40...0x7E).contains(scalar.value) { return }
                if !(0x20...0x3F).contains(scalar.value) { return }
            }
        case 0x5D, 0x50, 0x5F, 0x5E, 0x58: // OSC, DCS, APC, PM, SOS: up to BEL or ESC \
            while let scalar = scalars.next() {
                if scalar.value == 0x07 || scalar.value == 0x9C { return }
                if scalar.value == 0x1B { _ = scalars.next(); return }
            }
        case 0x20...0x2F: // nF forms such as ESC ( B: intermediates, then one final byte
            while let scalar = scalars.next(), (0x20...0x2F).contains(scalar.value) {}
        default:
            return
        }
    }

    /// Whether a scalar must never reach a terminal (controls, bidi overrides, invisible characters).
    static func isUnsafe(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
            || (0x200B...0x200F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2060...0x206F).contains(value) || value == 0xFEFF || value == 0x061C
            || (0xFFF9...0xFFFB).contains(value) || (0xE0000...0xE007F).contains(value)
    }
}

extension String {
    fileprivate func trimmingTrailingSpace() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

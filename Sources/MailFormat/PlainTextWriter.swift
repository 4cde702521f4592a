/// Lays out text for `HTMLText`: collapses white space, keeps at most one blank line between
/// blocks, and starts each line with its quote prefix and list indentation.
///
/// Breaks are lazy: a block boundary only records how many newlines the next text needs, so
/// breaks at the start, at the end, or around empty blocks leave nothing behind.
struct PlainTextWriter {
    /// Nested quotes and lists deeper than this are drawn at this depth, so pathological
    /// nesting cannot make every line longer than the last.
    static let maximumDepth = 12

    private(set) var lines: [String] = []
    /// The line being written, prefix included; meaningful while `lineOpen`.
    private var line = ""
    private var lineOpen = false
    private var lineHasContent = false
    private var lineQuoteDepth = 0
    private var lastQuoteDepth = 0
    /// Columns written on this line after its prefix (for tab stops in `<pre>`).
    private var column = 0
    /// 0: continue the line; 1: start a new line; 2: leave a blank line first.
    private var pendingBreak = 0
    private var pendingSpace = false
    private var pendingCellSeparator = false
    private var lastScalar: Unicode.Scalar = " "

    /// Blockquote nesting of the text being written.
    var quoteDepth = 0
    /// Spaces before continuation lines inside list items.
    var indent = 0
    /// "• " or "3. " (with its indentation) for the next line to start, set by `<li>`.
    var pendingMarker: String?
    /// Visible characters written so far; lets an element tell whether it showed anything.
    private(set) var visibleCount = 0
    /// Non-breaking spaces seen so far: an element holding only `&nbsp;` is a blank line.
    private(set) var nonBreakingSpaceCount = 0
    /// While set, receives the text written (for comparing a link's text with its URL).
    var capture: String?

    // MARK: Structure

    /// A block boundary: `blankLine` leaves an empty line before what follows.
    mutating func blockBreak(blankLine: Bool) {
        pendingBreak = max(pendingBreak, blankLine ? 2 : 1)
        pendingSpace = false
        pendingCellSeparator = false
    }

    /// `<br>`: ends the line; a second one in a row leaves a blank line.
    mutating func lineBreak() {
        pendingBreak = min(pendingBreak + 1, 2)
        pendingSpace = false
        pendingCellSeparator = false
    }

    /// A table cell starts: if the row already shows text, the next text is set apart from it.
    mutating func cellBoundary() {
        if lineOpen, lineHasContent, pendingBreak == 0 { pendingCellSeparator = true }
    }

    /// Appends `text` to the line just written, with no spacing rules (link numbers).
    mutating func appendToLastLine(_ text: String) {
        if lineOpen {
            line += text
        } else if !lines.isEmpty {
            lines[lines.count - 1] += text
        }
    }

    /// A whole line of its own (the rule drawn for `<hr>`).
    mutating func rule(_ text: String) {
        blockBreak(blankLine: true)
        startLine()
        line += text
        lineHasContent = true
        blockBreak(blankLine: true)
    }

    // MARK: Text

    /// Text outside `<pre>`: runs of white space become one space; invisible characters go.
    mutating func flowText(_ text: String) {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var runStart: String.UnicodeScalarView.Index?
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let kind = Self.kind(of: scalar, after: runStart == nil ? lastScalar : scalars[scalars.index(before: index)])
            if kind == .visible {
                if runStart == nil { runStart = index }
            } else {
                if let start = runStart {
                    write(Substring(scalars[start..<index]))
                    runStart = nil
                }
                if kind == .space {
                    if scalar == "\u{00A0}" { nonBreakingSpaceCount += 1 }
                    if lineOpen, lineHasContent { pendingSpace = true }
                }
            }
            index = scalars.index(after: index)
        }
        if let start = runStart { write(Substring(scalars[start..<scalars.endIndex])) }
    }

    /// Text inside `<pre>`: spaces and newlines kept; tabs expanded to columns of eight.
    mutating func preformattedText(_ text: String) {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var runStart: String.UnicodeScalarView.Index?
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let plain = scalar != "\u{00A0}"
                && Self.kind(of: scalar, after: runStart == nil ? lastScalar : scalars[scalars.index(before: index)]) == .visible
            if plain || scalar == " " {
                if runStart == nil { runStart = index }
                index = scalars.index(after: index)
                continue
            }
            if let start = runStart {
                write(Substring(scalars[start..<index]), verbatim: true)
                runStart = nil
            }
            switch scalar {
            case "\n":
                if !lineOpen || pendingBreak > 0 { startLine() }
                finishLine()
            case "\t":
                let spaces = 8 - (lineOpen && pendingBreak == 0 ? column : 0) % 8
                write(Substring(String(repeating: " ", count: spaces)), verbatim: true)
            default:
                // A typographic or non-breaking space is a space; invisible characters are dropped.
                if Self.kind(of: scalar, after: lastScalar) == .space { write(" ", verbatim: true) }
            }
            index = scalars.index(after: index)
        }
        if let start = runStart { write(Substring(scalars[start..<scalars.endIndex]), verbatim: true) }
    }

    /// The finished text: trailing blank lines dropped, no final newline.
    mutating func finish() -> [String] {
        if lineOpen { finishLine() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        if let first = lines.firstIndex(where: { !$0.isEmpty }), first > 0 { lines.removeFirst(first) }
        return lines
    }

    // MARK: Lines

    private mutating func write(_ run: Substring, verbatim: Bool = false) {
        if !lineOpen || pendingBreak > 0 {
            startLine()
        } else if pendingCellSeparator {
            line += "  "
            capture?.append(" ")
            column += 2
        } else if pendingSpace {
            line += " "
            capture?.append(" ")
            column += 1
        }
        pendingSpace = false
        pendingCellSeparator = false
        line += run
        capture?.append(contentsOf: run)
        let count = run.unicodeScalars.count
        column += count
        if !verbatim || run.contains(where: { $0 != " " }) { visibleCount += count }
        lineHasContent = true
        if let last = run.unicodeScalars.last { lastScalar = last }
    }

    /// Ends the open line (if any), writes the pending blank line, and opens the next one.
    private mutating func startLine() {
        let hadText = lineOpen || !lines.isEmpty
        if lineOpen { finishLine() }
        if hadText, pendingBreak == 2 {
            lines.append(Self.quotePrefix(min(lastQuoteDepth, quoteDepth), blank: true))
        }
        pendingBreak = 0
        pendingSpace = false
        pendingCellSeparator = false
        lineQuoteDepth = quoteDepth
        line = Self.quotePrefix(quoteDepth, blank: false)
        if let marker = pendingMarker {
            line += marker
            pendingMarker = nil
        } else {
            line += String(repeating: " ", count: indent)
        }
        lineOpen = true
        lineHasContent = false
        column = 0
    }

    private mutating func finishLine() {
        while line.last == " " { line.removeLast() }
        lines.append(line)
        lastQuoteDepth = lineQuoteDepth
        lineOpen = false
        lineHasContent = false
        line = ""
    }

    private static func quotePrefix(_ depth: Int, blank: Bool) -> String {
        guard depth > 0 else { return "" }
        let prefix = String(repeating: "> ", count: min(depth, maximumDepth))
        return blank ? String(prefix.dropLast()) : prefix
    }

    // MARK: Characters

    enum Kind { case visible, space, invisible }

    /// How a character shows: white space (collapsible), invisible (dropped: controls, zero-width
    /// and bidi formatting characters, soft hyphens), or visible. A zero-width joiner stays
    /// between pictographs, where it joins an emoji sequence.
    static func kind(of scalar: Unicode.Scalar, after previous: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if value > 0x20, value < 0x7F { return .visible }
        switch value {
        case 0x20, 0x09, 0x0A, 0x0C, 0x0D, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return .space
        case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180E,
             0x200B, 0x200C, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x206F, 0x3164, 0xFEFF, 0xFFA0,
             0xFFF9...0xFFFB, 0xE0000...0xE007F:
            return .invisible
        case 0x200D:
            return previous.properties.isEmoji && previous.value > 0xFF ? .visible : .invisible
        default:
            return .visible
        }
    }
}

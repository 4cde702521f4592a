/// Wraps read-only text (message bodies) to a width: at spaces, hard-breaking words longer than a
/// row, never splitting a wide character, keeping blank lines. Lists of values (insights) wrap
/// between items only.
public enum TextWrap {
    /// The rows `text` takes at `width` columns, without trailing spaces; unsafe characters are dropped.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for line in SafeText.block(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let characters = Array(line)
            for range in rows(characters, width: width) {
                var row = String(characters[range])
                while row.last == " " { row.removeLast() }
                result.append(row)
            }
        }
        return result
    }

    /// `items` joined by `separator` in rows of at most `width` columns, breaking only between items
    /// (the separator is left out where a row breaks). An item wider than a row is wrapped on its own.
    public static func items(_ items: [String], separator: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        var row = ""
        for item in items.map(SafeText.line) where !item.isEmpty {
            if row.isEmpty {
                row = item
            } else if TextWidth.of(row) + TextWidth.of(separator) + TextWidth.of(item) <= width {
                row += separator + item
            } else {
                result.append(row)
                row = item
            }
            if TextWidth.of(row) > width {
                result += wrap(row, width: width)
                row = ""
            }
        }
        if !row.isEmpty { result.append(row) }
        return result
    }

    /// Where one line breaks into rows of at most `width` columns, as ranges of its characters.
    ///
    /// A row breaks after its last space when the next word does not fit, or before the character
    /// that does not fit when the row has no space. Spaces where a row breaks stay at the end of
    /// that row (so they may reach past `width`; they draw as nothing). An empty line is one
    /// empty row. A character wider than `width` gets a row of its own.
    public static func rows(_ characters: [Character], width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var rows: [Range<Int>] = []
        var start = 0
        var column = 0
        var afterLastSpace: Int?
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let columns = TextWidth.of(character)
            guard column + columns > width, index > start else {
                column += columns
                if character == " " { afterLastSpace = index + 1 }
                index += 1
                continue
            }
            if character == " " {
                // The row is full at a space: the spaces hang at its end and the next word starts a row.
                var end = index
                while end < characters.count, characters[end] == " " { end += 1 }
                rows.append(start..<end)
                start = end
                index = end
                column = 0
            } else if let breakAt = afterLastSpace, breakAt > start {
                rows.append(start..<breakAt)
                start = breakAt
                column = characters[breakAt..<index].reduce(0) { $0 + TextWidth.of($1) }
            } else {
                rows.append(start..<index)
                start = index
                column = 0
            }
            afterLastSpace = nil
        }
        if start < characters.count || rows.isEmpty { rows.append(start..<characters.count) }
        return rows
    }
}

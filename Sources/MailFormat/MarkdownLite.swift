/// The small Markdown subset the composer understands: *emphasis*, **strong**, [links](url) and lists.
///
/// Deliberately strict, so plain prose survives: a `*` or `_` only counts when it hugs a word
/// from outside ("*this*", not "2*3*4", "a * b", snake_case or first_last@example.com), links need
/// an http(s) or mailto URL, and lists need "- ", "* " or "1. " at the start of a line. Anything
/// else is text, HTML-escaped.
public enum MarkdownLite {
    /// Whether `text` uses any of the subset (so an HTML alternative is worth sending).
    public static func hasFormatting(_ text: String) -> Bool {
        for line in lines(of: text) {
            if ListItem(line) != nil { return true }
            if Inline(line).hasFormatting { return true }
        }
        return false
    }

    /// The HTML for `text` (escaped; paragraphs, line breaks, emphasis, links, lists).
    ///
    /// A fragment, one block per line: `<p>` per paragraph (blank lines apart) with `<br>` for
    /// single newlines, `<ul>`/`<ol>` for lists (nested by indentation), `<em>`, `<strong>`,
    /// and `<a href>` for Markdown links and bare http(s) URLs.
    public static func html(_ text: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var list = ListWriter()
        for line in lines(of: text) {
            if line.allSatisfy(\.isWhitespace) {
                flush(&paragraph, into: &out)
                list.close(into: &out)
            } else if let item = ListItem(line) {
                flush(&paragraph, into: &out)
                list.add(item, into: &out)
            } else if list.isOpen, line.first?.isWhitespace == true {
                list.continueItem(Inline(line.drop(while: \.isWhitespace)).html, into: &out)
            } else {
                list.close(into: &out)
                paragraph.append(Inline(line).html)
            }
        }
        flush(&paragraph, into: &out)
        list.close(into: &out)
        return out.joined(separator: "\n")
    }

    /// The lines of `text` (LF, CR LF or CR), without trailing white space.
    private static func lines(of text: String) -> [Substring] {
        // "\r\n" is one Character, so it needs its own case.
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .map { line in
                guard let last = line.lastIndex(where: { !$0.isWhitespace }) else { return line[line.startIndex..<line.startIndex] }
                return line[...last]
            }
    }

    private static func flush(_ paragraph: inout [String], into out: inout [String]) {
        guard !paragraph.isEmpty else { return }
        out.append("<p>" + paragraph.joined(separator: "<br>\n") + "</p>")
        paragraph.removeAll()
    }
}

extension MarkdownLite {
    /// A line that starts a list item: "- x", "* x" or "12. x", perhaps indented.
    struct ListItem {
        /// Leading columns (a tab counts four).
        let indent: Int
        /// The number of an ordered item; nil for a bullet.
        let number: Int?
        let content: Substring

        init?(_ line: Substring) {
            var indent = 0
            var index = line.startIndex
            while index < line.endIndex, line[index] == " " || line[index] == "\t" {
                indent += line[index] == "\t" ? 4 : 1
                index = line.index(after: index)
            }
            guard index < line.endIndex else { return nil }
            var number: Int?
            if line[index] == "-" || line[index] == "*" {
                index = line.index(after: index)
            } else {
                let digits = line[index...].prefix(while: { $0.isASCII && $0.isNumber })
                guard !digits.isEmpty, digits.count <= 9 else { return nil }
                index = digits.endIndex
                guard index < line.endIndex, line[index] == "." else { return nil }
                number = Int(digits)
                index = line.index(after: index)
            }
            guard index < line.endIndex, line[index] == " " || line[index] == "\t" else { return nil }
            let content = line[index...].drop(while: { $0 == " " || $0 == "\t" })
            guard !content.isEmpty else { return nil }
            self.indent = indent
            self.number = number
            self.content = content
        }
    }

    /// Writes nested `<ul>`/`<ol>` as items arrive: deeper indentation opens a list inside the
    /// open item, shallower closes back out, a change of kind starts a new list.
    struct ListWriter {
        private var levels: [(indent: Int, ordered: Bool)] = []

        var isOpen: Bool { !levels.isEmpty }

        mutating func add(_ item: ListItem, into out: inout [String]) {
            let ordered = item.number != nil
            while let last = levels.last, levels.count > 1, item.indent < last.indent {
                closeLevel(into: &out)
            }
            if let last = levels.last {
                if item.indent >= last.indent + 2 {
                    open(ordered: ordered, number: item.number, indent: item.indent, into: &out)
                } else if last.ordered != ordered {
                    closeLevel(into: &out)
                    open(ordered: ordered, number: item.number, indent: item.indent, into: &out)
                } else {
                    out[out.count - 1] += "</li>"
                }
            } else {
                open(ordered: ordered, number: item.number, indent: item.indent, into: &out)
            }
            out.append("<li>" + Inline(item.content).html)
        }

        /// An indented line under an item: the same item, after a line break.
        mutating func continueItem(_ html: String, into out: inout [String]) {
            out[out.count - 1] += "<br>\n" + html
        }

        mutating func close(into out: inout [String]) {
            while !levels.isEmpty { closeLevel(into: &out) }
        }

        /// Ends the open item and its list.
        private mutating func closeLevel(into out: inout [String]) {
            let level = levels.removeLast()
            out[out.count - 1] += "</li>"
            out.append(level.ordered ? "</ol>" : "</ul>")
        }

        private mutating func open(ordered: Bool, number: Int?, indent: Int, into out: inout [String]) {
            switch number {
            case nil: out.append("<ul>")
            case 1: out.append("<ol>")
            case let start?: out.append("<ol start=\"\(start)\">")
            }
            levels.append((indent, ordered))
        }
    }
}

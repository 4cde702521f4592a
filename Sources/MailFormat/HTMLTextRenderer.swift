/// Turns HTML tokens into lines of text for `HTMLText.render`.
///
/// There is no tree: a stack of open elements stands in for one, with HTML 5's implied end tags
/// and scopes where they change what a reader sees (`<p>`, `<li>`, table cells, links). Each
/// element is pushed and popped at most once and every lookup is an array index, so the work is linear
/// in the input however deep or broken the nesting.
struct HTMLTextRenderer {
    /// Element names the renderer asks about by name; case names are the element names.
    /// As array indices they make "is a `<p>` open, inside the nearest table?" free of hashing.
    enum Known: Int, CaseIterable {
        case a, button, caption, dd, dir, dt, head, li, menu, ol, option, p, table, td, th, tr, ul
    }

    private struct OpenElement {
        /// Index into `traits` and `positions`.
        let id: Int
        var hides = false
        var quotes = false
        var preformatted = false
        var isList = false
        var isLink = false
        /// A block: the break it leaves when it closes (nil for inline and table cells).
        var breakAfter: Bool?
        /// Indentation to restore when a list or list item closes.
        var savedIndent: Int?
        /// For a line box (`<div>`, Outlook's `<p class=MsoNormal>`): the counters when it opened,
        /// to tell an element holding nothing but `&nbsp;`, which stands for a blank line.
        var marks: (visible: Int, nonBreaking: Int)?
    }

    private struct ListState {
        let ordered: Bool
        var next: Int
    }

    private var writer = PlainTextWriter()
    private var stack: [OpenElement] = []
    /// Element name → id; the `Known` names first, others as they come.
    private var ids: [String: Int]
    private var traits: [HTMLElementTraits]
    /// For each id, the stack indices where that element is open, innermost last.
    private var positions: [[Int]]
    private var lists: [ListState] = []
    private var hiddenDepth = 0
    private var preformattedDepth = 0
    private var skipNewline = false
    private var linkURL: String?
    private var linkNumbers: [String: Int] = [:]
    private var links: [String] = []

    /// Link schemes that are dropped rather than listed.
    private static let droppedSchemes = ["javascript:", "vbscript:", "data:"]

    init() {
        ids = [:]
        traits = []
        for known in Known.allCases {
            let name = String(describing: known)
            ids[name] = known.rawValue
            traits.append(HTMLElementTraits.of(name))
        }
        positions = Array(repeating: [], count: traits.count)
    }

    private mutating func id(of name: String) -> Int {
        if let id = ids[name] { return id }
        let id = traits.count
        ids[name] = id
        traits.append(HTMLElementTraits.of(name))
        positions.append([])
        return id
    }

    // MARK: Tokens

    mutating func consume(_ token: HTMLToken) {
        let skip = skipNewline
        skipNewline = false
        switch token {
        case .text(let text):
            if stack.last?.id == Known.head.rawValue, text.contains(where: { !$0.isWhitespace }) {
                pop() // text cannot stand in <head>: the body has begun
            }
            guard hiddenDepth == 0 else { return }
            if preformattedDepth > 0 {
                writer.preformattedText(skip && text.first == "\n" ? String(text.dropFirst()) : text)
            } else {
                writer.flowText(text)
            }
        case .cdata(let text):
            guard hiddenDepth == 0 else { return }
            if preformattedDepth > 0 { writer.preformattedText(text) } else { writer.flowText(text) }
        case .startTag(let tag):
            let id = id(of: tag.name == "image" ? "img" : tag.name)
            start(tag, id: id)
            if tag.selfClosing, !traits[id].has(.void) { end(id) }
        case .endTag(let name):
            end(id(of: name == "image" ? "img" : name), name: name)
        case .comment, .doctype:
            break
        }
    }

    /// The text, then the numbered list of link URLs.
    mutating func finish() -> String {
        while !stack.isEmpty { pop() }
        var lines = writer.finish()
        if !links.isEmpty {
            if !lines.isEmpty { lines.append("") }
            for (index, url) in links.enumerated() { lines.append("[\(index + 1)] \(url)") }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Start tags

    private mutating func start(_ tag: HTMLTag, id: Int) {
        let name = tag.name
        let kind = traits[id]
        if stack.last?.id == Known.head.rawValue, !kind.has(.headContent) { pop() }
        if hiddenDepth > 0 {
            if !kind.has(.void), !tag.selfClosing { push(OpenElement(id: id)) }
            return
        }
        if id == Known.head.rawValue, !stack.isEmpty || writer.visibleCount > 0 {
            return // a second <head>, or one after the body began, is ignored as in a browser
        }
        if kind.has(.hidden) || Self.hides(tag) {
            if !kind.has(.void) { push(OpenElement(id: id, hides: true)) }
            return
        }
        closeImpliedElements(before: id, kind, isRule: name == "hr")
        switch name {
        case "br":
            writer.lineBreak()
        case "hr":
            writer.rule(String(repeating: "─", count: 24))
        case "img", "image":
            if let alt = tag["alt"].map(Self.trimmed), alt.contains(where: { !$0.isWhitespace }) {
                writer.flowText(alt.hasPrefix("[") && alt.hasSuffix("]") ? alt : "[\(alt)]")
            }
        case "a":
            var element = OpenElement(id: id)
            if let href = tag["href"] {
                element.isLink = true
                linkURL = href
                writer.capture = ""
            }
            push(element)
        case "blockquote":
            writer.blockBreak(blankLine: true)
            push(OpenElement(id: id, quotes: true, breakAfter: true))
            writer.quoteDepth += 1
        case "li":
            startListItem(tag, id: id)
        case "p" where stack.last?.id == Known.li.rawValue || (tag["class"].map(Self.isOutlookClass) ?? false):
            // One line, no margins: Outlook's paragraphs, and a paragraph that is a list item's text.
            writer.blockBreak(blankLine: false)
            push(OpenElement(id: id, breakAfter: false, marks: marks))
        case "div":
            writer.blockBreak(blankLine: false)
            push(OpenElement(id: id, breakAfter: false, marks: marks))
        default:
            if kind.has(.list) {
                writer.blockBreak(blankLine: lists.isEmpty)
                var start = 1
                if name == "ol", let value = tag["start"].flatMap({ Int(Self.trimmed($0)) }) { start = value }
                lists.append(ListState(ordered: name == "ol", next: start))
                push(OpenElement(id: id, isList: true, savedIndent: writer.indent))
                writer.indent = 2 * min(lists.count, PlainTextWriter.maximumDepth)
            } else if kind.has(.cell) {
                writer.cellBoundary()
                push(OpenElement(id: id))
            } else if kind.has(.preformatted) {
                let blankLine = name != "textarea"
                writer.blockBreak(blankLine: blankLine)
                push(OpenElement(id: id, preformatted: true, breakAfter: blankLine))
                preformattedDepth += 1
                skipNewline = true
            } else if kind.has(.paragraph) {
                writer.blockBreak(blankLine: true)
                push(OpenElement(id: id, breakAfter: true))
            } else if kind.has(.line) {
                writer.blockBreak(blankLine: false)
                push(OpenElement(id: id, breakAfter: false))
            }
            // Otherwise inline or unknown: only its content matters.
        }
    }

    private var marks: (visible: Int, nonBreaking: Int) {
        (writer.visibleCount, writer.nonBreakingSpaceCount)
    }

    private mutating func startListItem(_ tag: HTMLTag, id: Int) {
        let level = min(max(lists.count, 1), PlainTextWriter.maximumDepth)
        var marker = "• "
        if var list = lists.last, list.ordered {
            if let value = tag["value"].flatMap({ Int(Self.trimmed($0)) }) { list.next = value }
            marker = "\(list.next). "
            list.next += 1
            lists[lists.count - 1] = list
        }
        writer.blockBreak(blankLine: false)
        let markerIndent = 2 * (level - 1)
        push(OpenElement(id: id, breakAfter: false, savedIndent: writer.indent))
        writer.pendingMarker = String(repeating: " ", count: markerIndent) + marker
        writer.indent = markerIndent + marker.count
    }

    /// HTML 5's implied end tags: a new paragraph, list item, cell, row or link closes the open one.
    private mutating func closeImpliedElements(before id: Int, _ kind: HTMLElementTraits, isRule: Bool) {
        if kind.has(.block) || isRule {
            closeIfInScope(.p)
        }
        switch Known(rawValue: id) {
        case .li:
            closeIfInScope(.li)
        case .dd, .dt:
            closeIfInScope(.dd)
            closeIfInScope(.dt)
        case .td, .th, .tr:
            let table = lastIndex(.table)
            let open: [Known] = id == Known.tr.rawValue ? [.td, .th, .tr] : [.td, .th]
            for element in open where lastIndex(element) > table {
                popThrough(lastIndex(element))
            }
        case .a:
            closeIfInScope(.a)
        case .option:
            if stack.last?.id == Known.option.rawValue { pop() }
        default:
            if kind.has(.heading), let top = stack.last, traits[top.id].has(.heading) { pop() }
        }
    }

    // MARK: End tags

    private mutating func end(_ id: Int, name: String? = nil) {
        if traits[id].has(.void) {
            if name == "br", hiddenDepth == 0 { writer.lineBreak() } // `</br>` is read as `<br>`
            return
        }
        let index = positions[id].last ?? -1
        guard index >= 0, index > scopeBoundary(for: id) else {
            // A stray `</p>` still ends a paragraph, as browsers show it.
            if id == Known.p.rawValue, hiddenDepth == 0 { writer.blockBreak(blankLine: true) }
            return
        }
        popThrough(index)
    }

    /// The innermost open element that an end tag may not close past (HTML 5 scopes).
    private func scopeBoundary(for id: Int) -> Int {
        switch Known(rawValue: id) {
        case .table:
            return -1
        case .td, .th, .tr, .caption:
            return lastIndex(.table)
        case .li:
            return max(defaultScopeBoundary, lastIndex(.ul), lastIndex(.ol), lastIndex(.menu), lastIndex(.dir))
        case .p:
            return max(defaultScopeBoundary, lastIndex(.button))
        default:
            return defaultScopeBoundary
        }
    }

    private var defaultScopeBoundary: Int {
        max(lastIndex(.td), lastIndex(.th), lastIndex(.caption), lastIndex(.table))
    }

    private mutating func closeIfInScope(_ element: Known) {
        let index = lastIndex(element)
        if index >= 0, index > scopeBoundary(for: element.rawValue) { popThrough(index) }
    }

    // MARK: Stack

    private func lastIndex(_ element: Known) -> Int {
        positions[element.rawValue].last ?? -1
    }

    private mutating func push(_ element: OpenElement) {
        positions[element.id].append(stack.count)
        stack.append(element)
        if element.hides { hiddenDepth += 1 }
    }

    private mutating func popThrough(_ index: Int) {
        while stack.count > index { pop() }
    }

    private mutating func pop() {
        let element = stack.removeLast()
        positions[element.id].removeLast()
        if element.hides {
            hiddenDepth -= 1
            return
        }
        if hiddenDepth > 0 { return }
        if element.isLink { endLink() }
        if let (visible, nonBreaking) = element.marks,
           writer.visibleCount == visible, writer.nonBreakingSpaceCount > nonBreaking {
            writer.lineBreak() // `<div>&nbsp;</div>`: a blank line
        }
        if element.preformatted { preformattedDepth -= 1 }
        if element.quotes {
            writer.blockBreak(blankLine: true)
            writer.quoteDepth -= 1
        }
        if element.isList {
            lists.removeLast()
            writer.blockBreak(blankLine: lists.isEmpty)
        }
        if element.id == Known.li.rawValue { writer.pendingMarker = nil }
        if let indent = element.savedIndent { writer.indent = indent }
        if let blankLine = element.breakAfter { writer.blockBreak(blankLine: blankLine) }
    }

    // MARK: Links

    /// Numbers the link just closed, unless its text already says where it goes.
    private mutating func endLink() {
        let text = Self.trimmed(writer.capture ?? "")
        writer.capture = nil
        guard let href = linkURL else { return }
        linkURL = nil
        let url = Self.cleanURL(href)
        let lower = url.lowercased()
        guard !text.isEmpty, !url.isEmpty, !lower.hasPrefix("#"),
              !Self.droppedSchemes.contains(where: { lower.hasPrefix($0) }),
              Self.comparable(text) != Self.comparable(url) else { return }
        let number: Int
        if let known = linkNumbers[url] {
            number = known
        } else {
            links.append(url)
            number = links.count
            linkNumbers[url] = number
        }
        writer.appendToLastLine(" [\(number)]")
    }

    /// The URL without white space or control characters (browsers ignore tabs and newlines in
    /// URLs, and a control character must never reach the terminal).
    static func cleanURL(_ href: String) -> String {
        String(String.UnicodeScalarView(href.unicodeScalars.filter { scalar in
            scalar.value > 0x20 && !(0x7F...0x9F).contains(scalar.value)
                && PlainTextWriter.kind(of: scalar, after: " ") == .visible
        }))
    }

    /// A link text or URL reduced to what a reader compares: no scheme, "www.", query of a
    /// mailto, trailing slash, or case.
    static func comparable(_ text: String) -> String {
        var value = Substring(text.lowercased())
        for prefix in ["https://", "http://", "mailto:"] where value.hasPrefix(prefix) {
            value = value.dropFirst(prefix.count)
        }
        if value.hasPrefix("www.") { value = value.dropFirst(4) }
        if text.lowercased().hasPrefix("mailto:"), let query = value.firstIndex(of: "?") {
            value = value[..<query]
        }
        while value.hasSuffix("/") { value = value.dropLast() }
        return String(value)
    }

    // MARK: Attributes

    /// Hidden by the `hidden` attribute or by `display:none` / `visibility:hidden` inline style
    /// (newsletter preheaders). `mso-hide:all` is Outlook-only and stays visible.
    static func hides(_ tag: HTMLTag) -> Bool {
        guard !tag.attributes.isEmpty else { return false }
        if tag["hidden"] != nil { return true }
        guard let style = tag["style"], style.utf8.count >= 11 else { return false }
        let compact = String(style.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
        for declaration in compact.split(separator: ";") {
            if declaration.hasPrefix("display:none") || declaration.hasPrefix("visibility:hidden") { return true }
        }
        return false
    }

    /// `text` without leading and trailing ASCII white space.
    static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[first...last])
    }

    /// Outlook and Word mark their paragraphs MsoNormal, MsoListParagraph… (x_MsoNormal once
    /// forwarded through Outlook on the web). Those have no margins: each is one line.
    static func isOutlookClass(_ classes: String) -> Bool {
        classes.lowercased().contains("mso")
    }
}

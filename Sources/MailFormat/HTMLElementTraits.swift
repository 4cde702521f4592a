/// What `HTMLText` needs to know about an element name: how it breaks lines and whether it shows.
struct HTMLElementTraits: OptionSet {
    let rawValue: UInt16

    /// Has no content and no end tag (`<br>`, `<img>`).
    static let void = HTMLElementTraits(rawValue: 1 << 0)
    /// Its content is never shown (script, style, head, template…).
    static let hidden = HTMLElementTraits(rawValue: 1 << 1)
    /// May stand inside `<head>`; anything else closes it.
    static let headContent = HTMLElementTraits(rawValue: 1 << 2)
    /// A block set off by a blank line.
    static let paragraph = HTMLElementTraits(rawValue: 1 << 3)
    /// A block that starts and ends a line.
    static let line = HTMLElementTraits(rawValue: 1 << 4)
    /// `ul`, `ol` and their old synonyms.
    static let list = HTMLElementTraits(rawValue: 1 << 5)
    /// `td`, `th`.
    static let cell = HTMLElementTraits(rawValue: 1 << 6)
    static let heading = HTMLElementTraits(rawValue: 1 << 7)
    /// White space kept as written.
    static let preformatted = HTMLElementTraits(rawValue: 1 << 8)

    /// Any block that closes an open `<p>`.
    static let block: HTMLElementTraits = [.paragraph, .line, .list]

    /// Whether any of `traits` is set (a plain bit test: `contains` is generic and slow unoptimized).
    func has(_ traits: HTMLElementTraits) -> Bool {
        rawValue & traits.rawValue != 0
    }

    /// The traits of a lower-cased element name; none for inline and unknown elements
    /// (`<span>`, `<font>`, `<o:p>`), whose content is simply text.
    static func of(_ name: String) -> HTMLElementTraits {
        table[name] ?? []
    }

    private static let table: [String: HTMLElementTraits] = {
        var table: [String: HTMLElementTraits] = [:]
        func add(_ names: [String], _ traits: HTMLElementTraits) {
            for name in names { table[name, default: []].formUnion(traits) }
        }
        add(["area", "base", "basefont", "bgsound", "br", "col", "command", "embed", "frame", "hr", "img",
             "image", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"], .void)
        add(["head", "script", "style", "title", "template", "iframe", "noembed", "noframes", "svg", "xml"], .hidden)
        add(["base", "basefont", "bgsound", "link", "meta", "noscript", "script", "style", "template", "title"],
            .headContent)
        add(["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "listing", "xmp", "plaintext", "dl"],
            .paragraph)
        add(["div", "li", "tr", "table", "thead", "tbody", "tfoot", "caption", "dt", "dd", "section", "article",
             "header", "footer", "nav", "aside", "main", "figure", "figcaption", "address", "center", "form",
             "fieldset", "legend", "details", "summary", "dialog", "hgroup", "search", "option", "optgroup",
             "select", "textarea", "noscript", "marquee", "frameset"], .line)
        add(["ul", "ol", "menu", "dir"], .list)
        add(["td", "th"], .cell)
        add(["h1", "h2", "h3", "h4", "h5", "h6"], .heading)
        add(["pre", "listing", "xmp", "plaintext", "textarea"], .preformatted)
        return table
    }()
}

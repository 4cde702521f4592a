/// A readable plain-text rendering of an HTML body for the terminal.
public enum HTMLText {
    /// Renders `html` as text: block structure as blank lines, list items with markers, links as
    /// "text [n]" with the numbered URLs listed at the end, entities decoded, no script or style content.
    ///
    /// Tolerates what real mail holds (Outlook conditional comments and `<o:p>`, layout tables,
    /// unclosed and uppercase tags, unquoted attributes, broken entities) and takes linear time
    /// on any input. The result has no control characters, no trailing spaces, no trailing blank
    /// lines and no final newline.
    public static func render(_ html: String) -> String {
        var renderer = HTMLTextRenderer()
        for token in HTMLTokenizer(html) {
            renderer.consume(token)
        }
        return renderer.finish()
    }
}

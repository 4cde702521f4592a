import Foundation

/// The ASCII stand-ins for what Rapport draws, for terminals whose locale is not UTF-8: borders,
/// markers, arrows, sparkline bars, ellipses and quotes have a look-alike of the same width; accented
/// Latin letters lose their accents; anything else becomes "?" in every column it took. The
/// terminal then never receives a byte above 0x7F, and the layout (measured in the buffer) holds.
public enum ASCIIFallback {
    /// The look-alikes, one column each: the one table views' glyphs change in.
    public static let glyphs: [Character: Character] = [
        // Box drawing (frames, rules, the scroll bar).
        "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+",
        "┼": "+", "━": "-", "┃": "|", "═": "=", "║": "|",
        // Markers.
        "●": "*", "○": "o", "•": "*", "·": "-", "✓": "v", "✔": "v", "✗": "x", "⚠": "!", "⟳": "~",
        "←": "<", "→": ">", "↑": "^", "↓": "v", "↩": "<", "↪": ">", "⇄": "=", "▸": ">", "▾": "v",
        // Sparkline bars, lowest first, then the scroll bar's thumb.
        "▁": "_", "▂": ".", "▃": "-", "▄": "=", "▅": "+", "▆": "*", "▇": "#", "█": "#",
        // Punctuation.
        "…": ".", "–": "-", "—": "-", "‘": "'", "’": "'", "“": "\"", "”": "\"", "«": "\"", "»": "\"",
        "×": "x", "≥": ">", "≤": "<", "\u{A0}": " ",
    ]

    /// Whether the locale `environment` names for characters (`LC_ALL`, else `LC_CTYPE`, else `LANG`;
    /// none of them is the POSIX locale) is not UTF-8, so that output must be ASCII.
    public static func isNeeded(environment: [String: String]) -> Bool {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "C"
        let codeset = name.split(separator: ".", maxSplits: 1).dropFirst().first?.split(separator: "@").first ?? ""
        return !["utf-8", "utf8"].contains(codeset.lowercased())
    }

    /// What to draw instead of `character`, which the buffer laid out over `columns` columns: ASCII
    /// only, exactly `columns` characters (nothing for a zero-width one).
    public static func text(for character: Character, columns: Int) -> String {
        if character.isASCII { return String(character) }
        guard columns > 0 else { return "" }
        if let glyph = glyphs[character] {
            return String(glyph) + String(repeating: " ", count: columns - 1)
        }
        if columns == 1, let bare = withoutAccents(character) { return String(bare) }
        return String(repeating: "?", count: columns)
    }

    /// `text` in ASCII, character by character as `text(for:columns:)` draws it.
    public static func text(_ text: String) -> String {
        var result = ""
        for character in text {
            result += Self.text(for: character, columns: TextWidth.of(character))
        }
        return result
    }

    /// A Latin letter with its accents taken off ("é" → "e"), when that leaves one ASCII letter.
    private static func withoutAccents(_ character: Character) -> Character? {
        let decomposed = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
        guard let base = decomposed.first, base.isASCII, base.properties.isAlphabetic,
              decomposed.dropFirst().allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) else { return nil }
        return Character(base)
    }
}

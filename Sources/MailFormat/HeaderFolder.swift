/// Writes header fields folded at 76 columns (RFC 2047's limit for lines with encoded-words, within
/// RFC 5322's 78), breaking only where white space allows, with CRLF line ends. The first word
/// always stays on the line of the field name: a fold right after the colon leaves an empty first
/// line, which readers take as a leading space of the value.
struct HeaderFolder {
    static let width = 76

    /// "Name: value" folded; `value` must already be ASCII (encoded-words for anything else).
    static func field(_ name: String, _ value: String) -> String {
        var output = name + ":"
        var lineLength = output.count
        var lineHasWord = false
        for (index, word) in value.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let separator = index == 0 || !word.isEmpty ? " " : ""
            // Break before a word that would overflow a line already holding one; a word too long for
            // any line (a link without spaces) overflows the line it starts, even the name's.
            if lineHasWord && lineLength + separator.count + word.count > width {
                output += "\r\n"
                lineLength = 0
            }
            output += separator + word
            lineLength += separator.count + word.count
            lineHasWord = lineHasWord || !word.isEmpty
        }
        return output + "\r\n"
    }
}

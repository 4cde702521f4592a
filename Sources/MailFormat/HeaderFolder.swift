/// Writes header fields folded at 78 columns (RFC 5322 §2.2.3), breaking only where white space
/// allows, with CRLF line ends.
struct HeaderFolder {
    static let width = 78

    /// "Name: value" folded; `value` must already be ASCII (encoded-words for anything else).
    static func field(_ name: String, _ value: String) -> String {
        var output = name + ":"
        var lineLength = output.count
        for (index, word) in value.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let separator = index == 0 || !word.isEmpty ? " " : ""
            // Break before a word that would overflow the line; right after the colon too, when even the
            // first word does not fit (RFC 5322 allows folding white space there).
            if lineLength + separator.count + word.count > width && (lineLength > name.count + 1 || index == 0) {
                output += "\r\n"
                lineLength = 0
            }
            output += separator + word
            lineLength += separator.count + word.count
        }
        return output + "\r\n"
    }
}

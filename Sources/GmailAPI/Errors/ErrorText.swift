import Foundation

/// Makes server-supplied text safe for error messages: no control characters, no addresses, no
/// tokens, one short line.
enum ErrorText {
    static let maximumLength = 200

    /// Gmail's message with anything that looks like an address or a token replaced.
    static func clean(_ text: String) -> String {
        var words: [String] = []
        var afterBearer = false
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format ? " " : scalar
        }))
        for word in printable.split(whereSeparator: { $0 == " " }) {
            let word = String(word)
            if afterBearer || looksLikeToken(word) {
                words.append("<token>")
            } else if word.contains("@") {
                words.append("<address>")
            } else {
                words.append(word)
            }
            afterBearer = word.caseInsensitiveCompare("Bearer") == .orderedSame
        }
        let line = words.joined(separator: " ")
        return line.count > maximumLength ? String(line.prefix(maximumLength - 1)) + "…" : line
    }

    private static func looksLikeToken(_ word: String) -> Bool {
        let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "'\"()[]<>,;"))
        return trimmed.hasPrefix("ya29.") || trimmed.hasPrefix("1//") || trimmed.hasPrefix("access_token=")
            || trimmed.hasPrefix("refresh_token=")
    }
}

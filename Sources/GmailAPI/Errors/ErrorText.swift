import Foundation
import Hardening

/// Makes server-supplied text safe for error messages: no control characters, no addresses, no
/// secrets (`Redaction`), one short line.
enum ErrorText {
    static let maximumLength = 200

    /// Gmail's message with anything that looks like an address replaced, and secrets redacted.
    static func clean(_ text: String) -> String {
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format ? " " : scalar
        }))
        let words = Redaction.redact(printable).split(whereSeparator: { $0 == " " }).map { word in
            word.contains("@") ? "<address>" : String(word)
        }
        let line = words.joined(separator: " ")
        return line.count > maximumLength ? String(line.prefix(maximumLength - 1)) + "…" : line
    }
}

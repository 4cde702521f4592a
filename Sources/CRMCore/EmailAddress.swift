import Foundation

/// A normalised email address (trimmed, lower-cased), valid by the pragmatic rules real mail follows.
public struct EmailAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The normalised text, e.g. "ann.lee@example.com".
    public let value: String

    /// Accepts "ann@example.com", "<ann@example.com>" and "mailto:ann@example.com"; nil when not an address.
    public init?(_ raw: String) {
        if Self.isPlainASCII(raw) {
            guard Self.isValid(raw) else { return nil }
            value = raw
            return
        }
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.lowercased().hasPrefix("mailto:") { text.removeFirst(7) }
        if text.hasPrefix("<") && text.hasSuffix(">") { text = String(text.dropFirst().dropLast()) }
        text = text.lowercased()
        guard Self.isValid(text) else { return nil }
        value = text
    }

    /// An address read back from the store, which held only valid, normalised ones.
    public init(stored value: String) {
        self.value = value
    }

    public var description: String { value }
    public var localPart: Substring { value[..<value.lastIndex(of: "@")!] }
    public var domain: Substring { value[value.index(after: value.lastIndex(of: "@")!)...] }

    public static func < (lhs: EmailAddress, rhs: EmailAddress) -> Bool { lhs.value < rhs.value }

    /// Already normalised: ASCII without spaces, capitals, brackets or a "mailto:" (the common case,
    /// which then needs only the validity check).
    private static func isPlainASCII(_ text: String) -> Bool {
        let utf8 = text.utf8
        if utf8.starts(with: "mailto:".utf8) { return false }
        return utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && !(0x41...0x5A).contains($0) && $0 != 0x3C && $0 != 0x3E }
        } ?? false
    }

    private static let localSymbols = Set("!#$%&'*+/=?^_`{|}~.-".unicodeScalars)

    private static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= 254, let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard (1...64).contains(local.utf8.count), !local.hasPrefix("."), !local.hasSuffix("."),
              !local.contains(".."),
              local.unicodeScalars.allSatisfy({ isWordScalar($0) || localSymbols.contains($0) })
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, !tld.allSatisfy(\.isNumber) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { isWordScalar($0) || $0 == "-" }
        }
    }

    /// ASCII letters and digits, or any non-ASCII letter or digit (internationalised mail).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}

extension EmailAddress {
    /// Why an address list typed by a person could not be read.
    public struct ListError: Error, Equatable, Sendable {
        /// The piece that is not an address, as typed.
        public let piece: String
    }

    /// Splits "a@x.com, Ann Lee <b@y.com>; c@z.org" into addresses, each once; display names are
    /// dropped (`parseNamedList` keeps them).
    public static func parseList(_ text: String) -> Result<[EmailAddress], ListError> {
        parseNamedList(text).map { $0.map(\.address) }
    }

    /// Splits on commas and semicolons outside double quotes and angle brackets.
    static func splitList(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var inQuotes = false
        var inAngle = false
        for character in text {
            switch character {
            case "\"": inQuotes.toggle()
            case "<" where !inQuotes: inAngle = true
            case ">" where !inQuotes: inAngle = false
            case ",", ";":
                if !inQuotes && !inAngle {
                    pieces.append(current)
                    current = ""
                    continue
                }
            default: break
            }
            current.append(character)
        }
        pieces.append(current)
        return pieces
    }
}

import Foundation
import MailFormat

/// An address with the display name typed or received with it, such as `"Müller, Jörg" <joerg@acme.example>`.
/// The address alone says who gets the mail; the name is how the message addresses them.
public struct NamedAddress: Sendable, Hashable {
    /// The display name on one line, nil when there is none.
    public var name: String?
    public var address: EmailAddress

    public init(name: String?, address: EmailAddress) {
        let line = name.map { $0.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ") }
        self.name = line?.isEmpty == false ? line : nil
        self.address = address
    }

    /// How a person types it in an address field: the name as is, or quoted when it holds a comma,
    /// a semicolon or another character that would split or end it; the address in angle brackets.
    public var typed: String {
        guard let name else { return address.value }
        let plain = name.unicodeScalars.allSatisfy { !Self.special.contains($0) }
        guard !plain else { return "\(name) <\(address.value)>" }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\" <\(address.value)>"
    }

    /// Characters that make a typed name need quotes (RFC 5322 specials).
    private static let special = Set("()<>[]:;@\\,.\"".unicodeScalars)

    /// Addresses as a field shows them, each followed by ", " so the next can be typed.
    public static func field(_ list: [NamedAddress]) -> String {
        list.map { $0.typed + ", " }.joined()
    }

    /// The name of each address that has one; the first name wins for an address given twice.
    public static func names(_ list: [NamedAddress]) -> [EmailAddress: String] {
        var names: [EmailAddress: String] = [:]
        for entry in list {
            if let name = entry.name, names[entry.address] == nil { names[entry.address] = name }
        }
        return names
    }

    /// `addresses` with the names in `names`.
    public static func list(_ addresses: [EmailAddress], names: [EmailAddress: String]) -> [NamedAddress] {
        addresses.map { NamedAddress(name: names[$0], address: $0) }
    }
}

extension EmailAddress {
    /// Splits "a@x.com, Ann Lee <b@y.com>; \"Lee, Ann\" <c@z.org>" into addresses with their display
    /// names, each address once (the first time it appears, with the name it had there).
    public static func parseNamedList(_ text: String) -> Result<[NamedAddress], ListError> {
        var result: [NamedAddress] = []
        for piece in splitList(text) {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            var candidate = trimmed
            if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
                candidate = String(trimmed[open...])
            }
            guard let address = EmailAddress(candidate) else { return .failure(ListError(piece: trimmed)) }
            if result.contains(where: { $0.address == address }) { continue }
            result.append(NamedAddress(name: candidate == trimmed ? nil : displayName(in: trimmed, of: address),
                                       address: address))
        }
        return .success(result)
    }

    /// The display name in a piece such as `"Lee, Ann" <ann@x.com>`, read as a header's phrase is
    /// (quotes and escapes removed, encoded-words decoded); nil when it has none.
    private static func displayName(in piece: String, of address: EmailAddress) -> String? {
        let read = MailAddress.parseList(Array(piece.utf8))
        guard read.count == 1, let found = read.first, found.address.flatMap(EmailAddress.init) == address else {
            return nil
        }
        return found.name
    }
}

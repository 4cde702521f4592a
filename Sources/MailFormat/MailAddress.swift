/// One mailbox from an address header: a display name and/or an address, as written.
public struct MailAddress: Sendable, Equatable, Hashable {
    /// The decoded display name (RFC 2047 decoded, quotes and escapes removed); nil when none.
    public let name: String?
    /// The address (local@domain) as written, without angle brackets; nil when missing.
    public let address: String?

    public init(name: String?, address: String?) {
        self.name = name
        self.address = address
    }

    /// Parses an address-list header value (unfolded): display names quoted or not, with commas or
    /// comments, groups (flattened into their members), missing angle brackets, obsolete forms.
    ///
    /// Names are RFC 2047 decoded, one line with single spaces, and carry any comments in parentheses
    /// ("John (work)"); a comment alone names the address ("ann@example.com (Ann Lee)"). Addresses keep
    /// their case but lose comments, white space and obsolete routes. Words without "@" or brackets
    /// ("Whomever", or a comment alone) give a name with a nil address, except one word with a comment
    /// ("root (Cron Daemon)"): an address without a domain. Empty groups and entries give nothing.
    public static func parseList(_ raw: some Collection<UInt8>) -> [MailAddress] {
        AddressListParser.parse(Array(raw))
    }

    /// This address as a header would carry it: `"Ann Lee" <ann@example.com>`, with the name quoted
    /// when needed and RFC 2047-encoded when not ASCII.
    public var headerText: String {
        let address = address.map(Self.normalized) ?? ""
        let name = name.map(Self.normalized) ?? ""
        if name.isEmpty { return address.isEmpty || Self.isPlainAddrSpec(address) ? address : "<" + address + ">" }
        let phrase = Self.phrase(name)
        return address.isEmpty ? phrase : phrase + " <" + address + ">"
    }

    /// Addresses joined for a To/Cc/Bcc header: `"Ann Lee" <ann@example.com>, bob@example.com`.
    public static func formatList(_ addresses: [MailAddress]) -> String {
        addresses.lazy.map(\.headerText).filter { !$0.isEmpty }.joined(separator: ", ")
    }

    // MARK: - Writing

    /// A display name as an RFC 5322 phrase: a single atom as is, other ASCII quoted (with `"` and `\`
    /// escaped), anything else as RFC 2047 encoded-words.
    static func phrase(_ name: String) -> String {
        if !name.utf8.allSatisfy({ $0 < 0x80 }) { return EncodedWord.encode(name) }
        if name.utf8.allSatisfy(isAtext) { return name }
        var quoted = "\""
        for character in name.unicodeScalars {
            if character == "\"" || character == "\\" { quoted.unicodeScalars.append("\\") }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    /// Whether `address` reads back the same written bare: dot-atoms around exactly one "@".
    static func isPlainAddrSpec(_ address: String) -> Bool {
        var ats = 0
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in address.utf8 {
            let isSeparator = byte == UInt8(ascii: ".") || byte == UInt8(ascii: "@")
            if isSeparator && (previous == UInt8(ascii: ".") || previous == UInt8(ascii: "@")) { return false }
            if byte == UInt8(ascii: "@") { ats += 1 }
            if !isSeparator && byte < 0x80 && !isAtext(byte) { return false }
            previous = byte
        }
        return ats == 1 && previous != UInt8(ascii: ".") && previous != UInt8(ascii: "@")
    }

    /// RFC 5322 atext: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    private static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }

    /// `text` trimmed, with every run of white space or control characters (line breaks, tabs, C1
    /// controls, non-breaking spaces…) made one space: how names are stored and shown.
    static func normalized(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        var changed = false
        for scalar in text.unicodeScalars {
            if scalar == " " || isControl(scalar) || (scalar.value >= 0x80 && scalar.properties.isWhitespace) {
                if scalar != " " || pendingSpace || output.isEmpty { changed = true }
                pendingSpace = true
                continue
            }
            if pendingSpace && !output.isEmpty { output.append(" ") }
            pendingSpace = false
            output.append(scalar)
        }
        if pendingSpace { changed = true }
        return changed ? String(output) : text
    }
}

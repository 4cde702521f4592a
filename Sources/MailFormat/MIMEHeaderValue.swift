/// What Content-Type and Content-Disposition share: a leading `type[/subtype]` followed by
/// parameters. Comments and white space may appear anywhere; raw (folded) or unfolded input.
struct MIMEHeaderValue {
    /// Lower-cased; never empty.
    var type: String
    /// Lower-cased; nil when there is no "/" or nothing after it.
    var subtype: String?
    var parameters: [String: String]
    /// RFC 2231 language tags by parameter name.
    var languages: [String: String]

    /// Nil when there is no leading type at all (`/plain`, `;charset=x`, empty).
    init?(_ input: [UInt8]) {
        var index = 0
        Self.skipBlanksAndComments(input, &index)
        let type = Self.token(input, &index, stopAtSlash: true)
        guard !type.isEmpty else { return nil }
        Self.skipBlanksAndComments(input, &index)
        var subtype: [UInt8] = []
        if index < input.count, input[index] == UInt8(ascii: "/") {
            index += 1
            Self.skipBlanksAndComments(input, &index)
            subtype = Self.token(input, &index, stopAtSlash: false)
        }
        let list = MIMEParameters.parseList(input, from: &index)
        self.type = String(decoding: type, as: UTF8.self)
        self.subtype = subtype.isEmpty ? nil : String(decoding: subtype, as: UTF8.self)
        self.parameters = list.parameters
        self.languages = list.languages
    }

    /// A lower-cased token up to white space, ";", a comment or (for the type) "/"; quotes skipped.
    private static func token(_ input: [UInt8], _ index: inout Int, stopAtSlash: Bool) -> [UInt8] {
        var token: [UInt8] = []
        while index < input.count {
            let byte = input[index]
            if MIMEParameters.isWhiteSpace(byte) || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "(")
                || (stopAtSlash && byte == UInt8(ascii: "/")) {
                break
            }
            if byte != UInt8(ascii: "\"") { token.append(MIMEParameters.lowercased(byte)) }
            index += 1
        }
        return token
    }

    private static func skipBlanksAndComments(_ input: [UInt8], _ index: inout Int) {
        while index < input.count {
            if MIMEParameters.isWhiteSpace(input[index]) {
                index += 1
            } else if input[index] == UInt8(ascii: "(") {
                MIMEParameters.skipComment(input, &index)
            } else {
                return
            }
        }
    }
}

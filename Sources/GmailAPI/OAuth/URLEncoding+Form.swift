import LoopbackHTTP

extension URLEncoding {
    /// `name=value&…` in the given order, names and values percent-encoded (a space is `%20`,
    /// which every form decoder reads).
    static func form(_ fields: [(String, String)]) -> String {
        fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// The fields of a query string (no `?`), decoded; the first of a repeated name wins.
    static func fields(_ query: some StringProtocol) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in pairs(query) where fields[pair.name] == nil { fields[pair.name] = pair.value }
        return fields
    }

    /// A-Z a-z 0-9 - . _ ~ (RFC 3986 §2.3).
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}

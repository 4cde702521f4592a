import LoopbackHTTP

extension URLEncoding {
    /// The fields of a query string (no `?`), decoded; the first of a repeated name wins.
    static func fields(_ query: some StringProtocol) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in pairs(query) where fields[pair.name] == nil { fields[pair.name] = pair.value }
        return fields
    }
}

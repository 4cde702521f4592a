import CRMStore

extension Store {
    /// The number a `SELECT count(*) …` returns, for tests that look at rows directly.
    public func count(_ sql: String, _ arguments: any SQLConvertible...) throws -> Int {
        try connection.query(sql, arguments: arguments).first?.int(0) ?? 0
    }
}

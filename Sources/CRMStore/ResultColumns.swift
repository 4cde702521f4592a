/// The result columns of one prepared statement, named once when it is prepared and shared by every
/// row it returns, so that reading a column by name is one dictionary lookup.
///
/// Asking for a column the query does not have (or has twice) stops the program: it is a mistake in
/// Rapport's own SQL, the same on every run of that query whatever the data, so the first test that
/// runs the query finds it. A thrown error would reach people as a database failure with advice
/// about their disk or their backups, which would send them looking in the wrong place.
final class ResultColumns: Sendable {
    /// The statement, for errors.
    let sql: String
    let names: [String]
    private let indexes: [String: Int]
    /// Names more than one column has; reading them by name needs an alias in the query.
    private let ambiguous: Set<String>

    init(names: [String], sql: String) {
        self.sql = sql
        self.names = names
        var indexes: [String: Int] = [:]
        var ambiguous: Set<String> = []
        for (index, name) in names.enumerated() where indexes.updateValue(index, forKey: name) != nil {
            ambiguous.insert(name)
        }
        for name in ambiguous { indexes[name] = nil }
        self.indexes = indexes
        self.ambiguous = ambiguous
    }

    func index(of column: Row.Column) -> Int {
        switch column {
        case .position(let index):
            precondition(names.indices.contains(index), "no column \(index) in a query of \(names.count): \(sql)")
            return index
        case .name(let name):
            if let index = indexes[name] { return index }
            if ambiguous.contains(name) {
                preconditionFailure("two columns are named \(name); give them aliases (AS …) in: \(sql)")
            }
            preconditionFailure("no column named \(name) (it has \(names.joined(separator: ", "))) in: \(sql)")
        }
    }
}

/// The result columns of one prepared statement, named once when it is prepared and shared by every
/// row it returns.
///
/// Reading by name is on the hot path (a timeline page reads every column of every row), so the
/// names go into a small open-addressing table keyed by each name's length and first byte, and a
/// read compares one or two whole names. A `[String: Int]` made that page about a quarter slower
/// than reading by position, nearly all of it spent hashing the name; this table keeps it within a
/// few per cent (`swift run -c release rapport-bench store` cannot tell them apart).
///
/// Asking for a column the query does not have (or has twice) stops the program: it is a mistake in
/// Rapport's own SQL, the same on every run of that query whatever the data, so the first test that
/// runs the query finds it. A thrown error would reach people as a database failure with advice
/// about their disk or their backups, which would send them looking in the wrong place.
final class ResultColumns: Sendable {
    /// The statement, for errors.
    let sql: String
    let names: [String]
    /// Each column's `key`, or -1 for a name more than one column has (only a position reads those).
    private let keys: [Int]
    /// Column indexes by `slot` of their key, -1 where empty; a power of two, at least twice the columns.
    private let slots: [Int]

    init(names: [String], sql: String) {
        self.sql = sql
        self.names = names
        keys = names.map { name in names.firstIndex(of: name) == names.lastIndex(of: name) ? Self.key(name) : -1 }
        var slots = Array(repeating: -1, count: 8)
        while slots.count < 2 * names.count { slots += slots }
        for (index, key) in keys.enumerated() where key >= 0 {
            var slot = Self.slot(key, in: slots.count)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = index
        }
        self.slots = slots
    }

    @inline(__always)
    func index(of column: Row.Column) -> Int {
        switch column {
        case .position(let index):
            guard names.indices.contains(index) else { stop(asking: column) }
            return index
        case .name(let name):
            let key = Self.key(name)
            var slot = Self.slot(key, in: slots.count)
            while slots[slot] >= 0 {
                let index = slots[slot]
                if keys[index] == key && names[index] == name { return index }
                slot = (slot + 1) & (slots.count - 1)
            }
            stop(asking: column)
        }
    }

    @inline(never)
    private func stop(asking column: Row.Column) -> Never {
        switch column {
        case .name(let name) where names.filter({ $0 == name }).count > 1:
            preconditionFailure("two columns are named \(name); give them aliases (AS …) in: \(sql)")
        case .name(let name):
            preconditionFailure("no column named \(name) (there are \(names.joined(separator: ", "))) in: \(sql)")
        case .position(let index):
            preconditionFailure("no column \(index) in a query of \(names.count) columns: \(sql)")
        }
    }

    /// The name's length in bytes and its first byte, which tell most column names apart.
    @inline(__always)
    private static func key(_ name: String) -> Int {
        let utf8 = name.utf8
        return utf8.count << 8 | Int(utf8.first ?? 0)
    }

    /// Where a key goes in a table of `count` slots (a power of two): a multiplicative hash.
    @inline(__always)
    private static func slot(_ key: Int, in count: Int) -> Int {
        (key &* 0x9E37_79B9) >> 16 & (count - 1)
    }
}

import Foundation

/// A small plain-text table: a title, a header row, and columns padded to fit (numbers to the right).
struct ReportTable {
    let title: String
    let header: [String]
    private(set) var rows: [[String]] = []

    init(_ title: String, header: [String]) {
        self.title = title
        self.header = header
    }

    mutating func add(_ row: String...) {
        rows.append(row)
    }

    mutating func add(_ row: [String]) {
        rows.append(row)
    }

    var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { column in
            all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        func line(_ row: [String]) -> String {
            row.indices.map { column in
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || !Self.isNumeric(cell) ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        return ([title, line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    private static func isNumeric(_ cell: String) -> Bool {
        guard let first = cell.first else { return false }
        return first.isNumber || (first == "-" && cell.count > 1) || first == "<" || first == ">"
    }
}

/// Number formats for the report.
enum Figure {
    /// 1234567 → "1,234,567".
    static func count(_ value: Int) -> String {
        value.formatted(.number.locale(Locale(identifier: "en_US")))
    }

    /// A number with `places` decimals.
    static func decimal(_ value: Double, _ places: Int = 2) -> String {
        String(format: "%.\(places)f", value)
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

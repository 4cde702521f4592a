import CSQLite
import Foundation

/// A prepared statement. Only `Connection` makes them; nothing above this file sees a result code.
final class Statement {
    private let pointer: OpaquePointer
    let sql: String
    /// Named once here, for every row this statement will return.
    private let columns: ResultColumns
    private unowned let connection: Connection

    init(pointer: OpaquePointer, sql: String, connection: Connection) {
        self.pointer = pointer
        self.sql = sql
        self.connection = connection
        columns = ResultColumns(names: (0..<sqlite3_column_count(pointer)).map {
            sqlite3_column_name(pointer, $0).map { String(cString: $0) } ?? ""
        }, sql: sql)
    }

    deinit { sqlite3_finalize(pointer) }

    func bind(_ arguments: [any SQLConvertible]) throws(StoreError) {
        let expected = Int(sqlite3_bind_parameter_count(pointer))
        guard expected == arguments.count else {
            throw StoreError(kind: .other, code: Int(SQLITE_RANGE),
                             message: "statement takes \(expected) arguments but got \(arguments.count)", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let result: Int32
            switch argument.sqlValue {
            case .null: result = sqlite3_bind_null(pointer, index)
            case .integer(let value): result = sqlite3_bind_int64(pointer, index, value)
            case .real(let value): result = sqlite3_bind_double(pointer, index, value)
            case .text(let value): result = sqlite3_bind_text(pointer, index, value, -1, rapport_sqlite_transient())
            case .blob(let bytes):
                result = bytes.withUnsafeBytes {
                    sqlite3_bind_blob64(pointer, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                        sqlite3_uint64(bytes.count), rapport_sqlite_transient())
                }
            }
            guard result == SQLITE_OK else { throw connection.error(code: result, sql: sql) }
        }
    }

    /// The next row, or nil when done.
    func step() throws(StoreError) -> Row? {
        let result = sqlite3_step(pointer)
        switch result {
        case SQLITE_ROW: return Row(values: columns.names.indices.map { column(Int32($0)) }, columns: columns)
        case SQLITE_DONE: return nil
        default: throw connection.error(code: result, sql: sql)
        }
    }

    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    private func column(_ index: Int32) -> SQLValue {
        switch sqlite3_column_type(pointer, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(pointer, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(pointer, index))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(pointer, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(pointer, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(pointer, index))
            guard count > 0, let bytes = sqlite3_column_blob(pointer, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }
}

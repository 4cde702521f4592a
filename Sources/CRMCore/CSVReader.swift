import Foundation

/// Reads comma-separated text the way spreadsheet exports write it (RFC 4180 with the usual liberties):
/// quoted fields with doubled quotes and line breaks, CRLF or LF, a UTF-8 or UTF-16 byte-order mark.
public struct CSVReader: Sendable {
    /// One record with the line it starts on, or the reason it could not be read.
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
        /// Set when the quoting is broken; `fields` then holds what could be read.
        public let problem: String?
    }

    public let records: [Record]

    /// Splits `data` into records. Lines that hold nothing are skipped.
    public init(data: Data) {
        records = Self.read(Self.utf8Bytes(of: data))
    }

    /// Splits `text` into records.
    public init(text: String) {
        self.init(data: Data(text.utf8))
    }

    private static func utf8Bytes(of data: Data) -> [UInt8] {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            if let text = String(data: Data(bytes.dropFirst(2)), encoding: encoding) { return Array(text.utf8) }
        }
        return bytes
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"),
                       lf = UInt8(ascii: "\n")

    private static func read(_ bytes: [UInt8]) -> [Record] {
        var records: [Record] = []
        var index = 0
        var line = 1
        while let next = record(in: bytes, at: index, line: line, final: true) {
            if let found = next.record { records.append(found) }
            (index, line) = (next.end, next.line)
        }
        return records
    }

    /// The record that starts at `start` (on `line`), where the next one starts and its line; nil when
    /// nothing is left or, unless `final`, when the bytes end before the record does (more must come).
    /// The record is nil for a line that holds nothing.
    static func record(in bytes: [UInt8], at start: Int, line startLine: Int, final: Bool)
        -> (record: Record?, end: Int, line: Int)? {
        guard start < bytes.count else { return nil }
        var index = start
        var line = startLine
        var fields: [String] = []
        var problem: String?
        var field: [UInt8] = []
        var endOfRecord = false
        while !endOfRecord {
            if index < bytes.count && bytes[index] == quote && field.isEmpty {
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 < bytes.count && bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if byte == lf { line += 1 }
                    field.append(byte)
                    index += 1
                }
                if !closed {
                    problem = "a quoted field that starts here is never closed, so the rest of the file "
                        + "(to line \(line)) could not be read"
                } else if index < bytes.count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                    problem = problem ?? "text follows a closing quote mark in field \(fields.count + 1)"
                    while index < bytes.count, bytes[index] != comma, bytes[index] != lf {
                        if bytes[index] != cr { field.append(bytes[index]) }
                        index += 1
                    }
                }
            }
            while index < bytes.count, bytes[index] != comma, bytes[index] != lf {
                if bytes[index] != cr || (index + 1 < bytes.count && bytes[index + 1] != lf) {
                    field.append(bytes[index])
                }
                index += 1
            }
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if index >= bytes.count {
                // Only a line break ends a record for sure; at the end of what has come so far, more may follow.
                guard final else { return nil }
                endOfRecord = true
            } else if bytes[index] == comma {
                index += 1
            } else {
                index += 1
                line += 1
                endOfRecord = true
            }
        }
        let keep = problem != nil || fields.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        return (keep ? Record(line: startLine, fields: fields, problem: problem) : nil, index, line)
    }
}

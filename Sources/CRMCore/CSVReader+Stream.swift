/// Reads comma-separated text piece by piece, as it is read from a file, so a large file never has
/// to be in memory at once: feed it bytes, take the records that are whole, and finish at the end.
extension CSVReader {
    public struct Stream: Sendable {
        private var pending: [UInt8] = []
        private var line = 1
        private var started = false

        public init() {}

        /// The records `bytes` completes (the start of one that goes on is kept for the next call).
        public mutating func feed(_ bytes: [UInt8]) -> [Record] {
            if !started {
                pending += bytes
                guard pending.count >= 3 else { return [] }
                started = true
                if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
            } else {
                pending += bytes
            }
            return take(final: false)
        }

        /// The last record, which may end without a line break.
        public mutating func finish() -> [Record] {
            if !started, pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
            started = true
            return take(final: true)
        }

        private mutating func take(final: Bool) -> [Record] {
            var records: [Record] = []
            var index = 0
            while let next = CSVReader.record(in: pending, at: index, line: line, final: final) {
                if let record = next.record { records.append(record) }
                (index, line) = (next.end, next.line)
            }
            pending.removeFirst(index)
            return records
        }
    }
}

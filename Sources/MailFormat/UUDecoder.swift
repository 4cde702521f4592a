/// uuencoded data ("begin 644 name" … "end"), as old mailers and x-uuencode bodies carry files.
public enum UUDecoder {
    /// One uuencoded file found in a body.
    public struct Block: Sendable, Equatable {
        /// The name on the "begin" line, as written (may be empty; never trust it as a path).
        public let filename: String
        /// The decoded bytes.
        public let data: [UInt8]
        /// Where the block lies in the input, from "begin" through the "end" line and its line break.
        public let range: Range<Int>
    }

    /// The bytes of the first uuencoded block in `bytes` (also "begin-base64" blocks), or nil when
    /// there is no "begin" line. Tolerant: a missing "end", lines short of their trailing blanks
    /// (stripped in transit) and "`" or " " for zero are all accepted.
    public static func decode(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(bytes)
        var lineStart = 0
        while lineStart < input.count {
            let lineEnd = endOfLine(input, from: lineStart)
            if let header = beginLine(input, lineStart, lineEnd) {
                return decodeBlock(input, after: lineEnd, header: header, strict: false)?.data ?? []
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// Every complete uuencoded file (a "begin" line, data lines, an "end" line) inside a plain text
    /// body, in order. Linear in the size of the body; cheap when there is none.
    public static func attachments(in text: some Collection<UInt8>) -> [(filename: String, data: [UInt8])] {
        blocks(in: text).map { (filename: $0.filename, data: $0.data) }
    }

    /// Every complete uuencoded block inside a plain text body with its place in it, so the text
    /// around the blocks can be shown without them. Strict, since prose may look like a block: a
    /// "begin" line with a mode, data lines each as long as its length character says, and an "end".
    public static func blocks(in text: some Collection<UInt8>) -> [Block] {
        let input = Array(text)
        var blocks: [Block] = []
        var lineStart = 0
        while lineStart < input.count {
            // Only lines starting "begin" are of interest: skip everything else quickly.
            if input[lineStart] == UInt8(ascii: "b") {
                let lineEnd = endOfLine(input, from: lineStart)
                if let header = beginLine(input, lineStart, lineEnd),
                   let block = decodeBlock(input, after: lineEnd, header: header, strict: true) {
                    blocks.append(Block(filename: header.filename, data: block.data, range: lineStart..<block.end))
                    lineStart = block.end
                    continue
                }
                lineStart = lineEnd + 1
            } else {
                lineStart = endOfLine(input, from: lineStart) + 1
            }
        }
        return blocks
    }

    // MARK: - Lines

    private struct Header {
        var filename: String
        var base64: Bool
    }

    /// The index of the LF ending the line at `start`, or the input's end.
    private static func endOfLine(_ input: [UInt8], from start: Int) -> Int {
        var index = start
        while index < input.count, input[index] != 0x0A { index += 1 }
        return index
    }

    /// The content of a line without its CR and trailing blanks.
    private static func trimmedEnd(_ input: [UInt8], _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, input[end - 1] == 0x0D || input[end - 1] == 0x20 || input[end - 1] == 0x09 { end -= 1 }
        return end
    }

    /// "begin 644 name" (or "begin-base64 644 name"): the mode is one to four octal digits.
    private static func beginLine(_ input: [UInt8], _ start: Int, _ end: Int) -> Header? {
        let begin = Array("begin".utf8)
        guard end - start >= 7, input[start..<(start + 5)].elementsEqual(begin) else { return nil }
        var index = start + 5
        var base64 = false
        let suffix = Array("-base64".utf8)
        if end - index > suffix.count, input[index..<(index + suffix.count)].elementsEqual(suffix) {
            base64 = true
            index += suffix.count
        }
        guard index < end, input[index] == 0x20 else { return nil }
        index += 1
        let modeStart = index
        while index < end, input[index] >= 0x30, input[index] <= 0x37 { index += 1 }
        guard index - modeStart >= 1, index - modeStart <= 4 else { return nil }
        let contentEnd = trimmedEnd(input, index, end)
        guard index == contentEnd || input[index] == 0x20 else { return nil }
        let nameStart = min(index + 1, contentEnd)
        let name = input[nameStart..<contentEnd]
        let filename = name.allSatisfy({ $0 < 0x80 }) ? String(decoding: name, as: UTF8.self) : EncodedWord.decodeText(name)
        return Header(filename: filename, base64: base64)
    }

    /// Decodes the data lines after a "begin" line ending at `headerEnd`. With `strict`, nil unless
    /// every data line is complete and an "end" line (or "====" for base64) closes the block.
    private static func decodeBlock(_ input: [UInt8], after headerEnd: Int, header: Header,
                                    strict: Bool) -> (data: [UInt8], end: Int)? {
        var data: [UInt8] = []
        data.reserveCapacity(max(0, input.count - headerEnd) * 3 / 4)
        var lineStart = headerEnd + 1
        var encoded: [UInt8] = []
        while lineStart < input.count {
            let lineEnd = endOfLine(input, from: lineStart)
            let next = min(lineEnd + 1, input.count)
            let contentEnd = trimmedEnd(input, lineStart, lineEnd)
            let line = input[lineStart..<contentEnd]
            if header.base64 {
                if line.elementsEqual("====".utf8) {
                    return (Base64.decode(encoded), next)
                }
                encoded.append(contentsOf: line)
            } else {
                if line.elementsEqual("end".utf8) { return (data, next) }
                if !appendLine(line, to: &data, complete: strict) {
                    // Not uuencoded data: the block ends here, without its "end".
                    return strict ? nil : (data, lineStart)
                }
            }
            lineStart = next
        }
        if strict { return nil }
        return header.base64 ? (Base64.decode(encoded), input.count) : (data, input.count)
    }

    /// Decodes one data line into `data`; false when the line cannot be uuencoded data (with
    /// `complete`, also when it is shorter than its length character says). A line of length zero
    /// ("`" or an empty line) adds nothing.
    private static func appendLine(_ line: ArraySlice<UInt8>, to data: inout [UInt8], complete: Bool) -> Bool {
        guard let first = line.first else { return true }
        guard first >= 0x20, first <= 0x60 else { return false }
        let length = Int((first &- 0x20) & 0x3F)
        if length == 0 { return true }
        let start = line.startIndex + 1
        // Every character must be in the uuencode range; missing ones (stripped blanks) are zero.
        let needed = (length + 2) / 3 * 4
        guard line.count - 1 <= needed + 4, !complete || line.count - 1 >= needed else { return false }
        for byte in line[start...] where byte < 0x20 || byte > 0x60 { return false }
        func sextet(_ offset: Int) -> UInt32 {
            let index = start + offset
            return index < line.endIndex ? UInt32((line[index] &- 0x20) & 0x3F) : 0
        }
        var produced = 0
        var offset = 0
        while produced < length {
            let group = sextet(offset) << 18 | sextet(offset + 1) << 12 | sextet(offset + 2) << 6 | sextet(offset + 3)
            data.append(UInt8(truncatingIfNeeded: group >> 16))
            if produced + 1 < length { data.append(UInt8(truncatingIfNeeded: group >> 8)) }
            if produced + 2 < length { data.append(UInt8(truncatingIfNeeded: group)) }
            produced += 3
            offset += 4
        }
        return true
    }
}

import Foundation
import Hardening

/// An mbox file (mboxo or mboxrd): messages start at "From " lines; ">From " lines inside a message
/// are unescaped. The file is mapped, not read, so a large mailbox costs little memory.
public enum Mbox {
    /// The messages in the file at `url`, with `labels` from its name. Throws `FileRefusal` when it
    /// is not a regular file (a FIFO is refused, never waited on).
    public static func items(at url: URL) throws -> [MailItem] {
        let data = try BoundedInput(file: url.path, limit: .max, overLimit: "").mapped()
        let labels = FolderLabels.labels(forFolder: url.deletingPathExtension().lastPathComponent)
        return messageRanges(in: data).map { range in
            MailItem(location: "\(url.path) at byte \(range.lowerBound)", labels: labels) {
                unescape(data[range])
            }
        }
    }

    /// The byte ranges of the messages, each without its "From " line and with the line breaks that
    /// end it (as mime4j splits).
    static func messageRanges(in data: Data) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let bytes = buffer.bindMemory(to: UInt8.self)
            let count = bytes.count
            var start: Int?
            var lineStart = 0
            while lineStart < count {
                var lineEnd = lineStart
                while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let next = min(lineEnd + 1, count)
                let isSeparator = lineEnd - lineStart >= 5 && bytes[lineStart] == 0x46 && bytes[lineStart + 1] == 0x72
                    && bytes[lineStart + 2] == 0x6F && bytes[lineStart + 3] == 0x6D && bytes[lineStart + 4] == 0x20
                    && (lineStart == 0 || precededByBlankLine(bytes, lineStart) || start == nil)
                if isSeparator {
                    if let begin = start { ranges.append(begin..<lineStart) }
                    start = next
                } else if start == nil && lineStart == 0 {
                    start = 0
                }
                lineStart = next
            }
            if let begin = start, begin < count { ranges.append(begin..<count) }
        }
        return ranges.filter { !$0.isEmpty }
    }

    private static func precededByBlankLine(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard index >= 2 else { return index == 1 && bytes[0] == 0x0A }
        if bytes[index - 1] == 0x0A && bytes[index - 2] == 0x0A { return true }
        return index >= 3 && bytes[index - 1] == 0x0A && bytes[index - 2] == 0x0D && bytes[index - 3] == 0x0A
    }

    /// The message with mboxrd's ">From " (and ">>From ") quoting taken off one level.
    static func unescape(_ slice: Data) -> [UInt8] {
        let bytes = [UInt8](slice)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        var atLineStart = true
        while index < bytes.count {
            if atLineStart, bytes[index] == 0x3E {
                var probe = index
                while probe < bytes.count, bytes[probe] == 0x3E { probe += 1 }
                if bytes[probe...].starts(with: "From ".utf8) { index += 1 }
            }
            let byte = bytes[index]
            result.append(byte)
            atLineStart = byte == 0x0A
            index += 1
        }
        return result
    }
}

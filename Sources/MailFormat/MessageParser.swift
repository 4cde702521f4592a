/// Splits message bytes into header fields and a tree of MIME parts, in one forward pass over a
/// stack of open boundaries (as Python's feed parser does): an entity ends at the first line that
/// delimits its own multipart or any enclosing one, the innermost boundary winning when a line
/// matches several. Tolerant of everything real mail gets wrong, and bounded: nesting deeper than
/// `maximumDepth` or more than `maximumParts` parts are kept as opaque bodies.
enum MessageParser {
    static let maximumDepth = 24
    static let maximumParts = 4_000

    private static let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, space: UInt8 = 0x20, tab: UInt8 = 0x09,
                       colon: UInt8 = 0x3A, dash: UInt8 = 0x2D

    static func parse(_ bytes: [UInt8]) -> Message {
        var parser = Parser(bytes: bytes[...])
        return Message(root: parser.entity(at: bytes.startIndex, stack: [], depth: 0, defaultType: .defaultText).part)
    }

    /// The parts of a multipart body that comes without headers of its own (an HTTP batch, an
    /// upload), split at `boundary` as they would be inside a message; nil when no delimiter line
    /// opens a part or closes the body.
    static func parts(ofMultipartBody body: [UInt8], boundary: [UInt8]) -> [MIMEPart]? {
        var parser = Parser(bytes: body[...])
        return parser.parts(ofMultipartBody: boundary)
    }

    /// A line that begins with "--" and a boundary of the stack.
    struct Delimiter {
        let lineStart: Int
        /// The line after the delimiter.
        let next: Int
        /// Index into the stack that was searched (0 = the innermost boundary).
        let level: Int
        let isClose: Bool
    }

    struct Parser {
        let bytes: ArraySlice<UInt8>
        var budget = maximumParts

        /// The entity starting at `start`. It ends at the first delimiter line of a boundary in
        /// `stack` (innermost first), which is returned with it, or at the end of the bytes.
        mutating func entity(at start: Int, stack: [[UInt8]], depth: Int,
                             defaultType: ContentType) -> (part: MIMEPart, end: Delimiter?) {
            budget -= 1
            let (headers, bodyStart) = headerBlock(from: start, stack: stack)
            // With several Content-Type fields the last one counts, as stalwart reads them: broken
            // generators append the real type after a stale one.
            let contentType = headers.all("content-type").last.flatMap { ContentType(headerValue: $0.value) }
                ?? defaultType
            let transferEncoding = TransferEncoding(headerValue: headers.first("content-transfer-encoding")
                .map { String(decoding: $0.value, as: UTF8.self) })
            let disposition = headers.first("content-disposition").flatMap { ContentDisposition(headerValue: $0.value) }
            var content = MIMEPart.Content.single
            var end: Delimiter?
            var bodyEnd: Int
            let canNest = depth < maximumDepth && budget > 0
            if canNest, contentType.type == "multipart", let boundary = contentType.boundary, !boundary.isEmpty {
                let own = Array(boundary.utf8)
                let (children, found, closeEnd) = multipart(from: bodyStart, own: own, stack: stack, depth: depth,
                                                            subtype: contentType.subtype)
                end = found
                bodyEnd = closeEnd
                if let children { content = .multipart(children) }
            } else {
                // An encapsulated message ends only at its own multipart's boundary: a forwarded message
                // may carry lines that an enclosing boundary matches as a prefix (as stalwart reads it).
                let isMessage = contentType.type == "message"
                let scope = isMessage ? Array(stack.prefix(1)) : stack
                end = nextDelimiter(from: bodyStart, stack: scope) ?? gluedCloseDelimiter(after: bodyStart, stack: scope)
                bodyEnd = end.map { lineBreakStart(before: $0.lineStart, notBefore: bodyStart) } ?? bytes.endIndex
                if canNest, contentType.type == "message", contentType.subtype == "rfc822" || contentType.subtype == "global",
                   bodyStart < bodyEnd {
                    let body = bytes[bodyStart..<bodyEnd]
                    let inner: [UInt8]
                    switch transferEncoding {
                    case .base64, .quotedPrintable, .uuencode: inner = transferEncoding.decode(body)
                    default: inner = Array(body)
                    }
                    var nested = Parser(bytes: inner[...], budget: budget)
                    let root = nested.entity(at: inner.startIndex, stack: [], depth: depth + 1, defaultType: .defaultText).part
                    budget = nested.budget
                    content = .message(Message(root: root))
                }
            }
            let part = MIMEPart(headers: headers, contentType: contentType, disposition: disposition,
                                transferEncoding: transferEncoding, body: bytes[bodyStart..<max(bodyStart, bodyEnd)],
                                content: content)
            return (part, end)
        }

        /// The parts of the whole of `bytes` as the body of a multipart with this boundary.
        mutating func parts(ofMultipartBody boundary: [UInt8]) -> [MIMEPart]? {
            multipart(from: bytes.startIndex, own: boundary, stack: [], depth: 0, subtype: "mixed").0
        }

        /// The parts of a multipart body; nil when its boundary never opens a part (the body is then
        /// kept whole). Returns the delimiter that ended the multipart (an enclosing one's) and where
        /// the multipart's own body ends.
        private mutating func multipart(from bodyStart: Int, own: [UInt8], stack: [[UInt8]], depth: Int,
                                        subtype: String) -> ([MIMEPart]?, Delimiter?, Int) {
            let fullStack = [own] + stack
            let childType = subtype == "digest" ? ContentType(type: "message", subtype: "rfc822") : .defaultText
            var children: [MIMEPart] = []
            var found = nextDelimiter(from: bodyStart, stack: fullStack)
            var opened = false
            while let delimiter = found, delimiter.level == 0, !delimiter.isClose, budget > 0,
                  delimiter.next < bytes.endIndex {
                opened = true
                var (child, end) = entity(at: delimiter.next, stack: fullStack, depth: depth + 1, defaultType: childType)
                child.isTruncated = end == nil
                children.append(child)
                found = end
            }
            if let delimiter = found, delimiter.level == 0 {
                // The close delimiter (or a part past the budget): the epilogue runs to an enclosing boundary.
                opened = opened || delimiter.isClose
                let end = nextDelimiter(from: delimiter.next, stack: stack)
                let bodyEnd = end.map { lineBreakStart(before: $0.lineStart, notBefore: bodyStart) } ?? bytes.endIndex
                return (opened ? children : nil, end, bodyEnd)
            }
            // Ended by an enclosing boundary, or by the end of the bytes.
            let bodyEnd = found.map { lineBreakStart(before: $0.lineStart, notBefore: bodyStart) } ?? bytes.endIndex
            return (opened ? children : nil, found.map { $0.shifted(by: -1) }, bodyEnd)
        }

        /// A close delimiter glued to the end of the last line ("text--boundary--" then the end of the
        /// message), which broken generators write when they forget the line break before it.
        func gluedCloseDelimiter(after start: Int, stack: [[UInt8]]) -> Delimiter? {
            guard let boundary = stack.first else { return nil }
            var end = bytes.endIndex
            while end > start, bytes[end - 1] == lf || bytes[end - 1] == cr || bytes[end - 1] == space
                || bytes[end - 1] == tab { end -= 1 }
            let length = boundary.count + 4
            guard end - start >= length, bytes[end - 2] == dash, bytes[end - 1] == dash,
                  bytes[(end - length)..<(end - length + 2)].elementsEqual([dash, dash]),
                  bytes[(end - length + 2)..<(end - 2)].elementsEqual(boundary) else { return nil }
            return Delimiter(lineStart: end - length, next: bytes.endIndex, level: 0, isClose: true)
        }

        /// The first line at or after `start` that delimits a boundary of `stack`.
        func nextDelimiter(from start: Int, stack: [[UInt8]]) -> Delimiter? {
            guard !stack.isEmpty else { return nil }
            var lineStart = start
            let end = bytes.endIndex
            while lineStart < end {
                var lineEnd = lineStart
                while lineEnd < end, bytes[lineEnd] != lf { lineEnd += 1 }
                let next = lineEnd < end ? lineEnd + 1 : end
                if lineEnd - lineStart >= 2, bytes[lineStart] == dash, bytes[lineStart + 1] == dash {
                    for (level, boundary) in stack.enumerated() {
                        if let isClose = delimiterKind(at: lineStart, lineEnd: lineEnd, boundary: boundary) {
                            return Delimiter(lineStart: lineStart, next: next, level: level, isClose: isClose)
                        }
                    }
                }
                lineStart = next
            }
            return nil
        }

        /// Whether the line is "--boundary" (false) or "--boundary--" (true), else nil. As RFC 2046
        /// §5.1.1 tells implementors, the boundary need only appear in its entirety at the start of the
        /// line; whatever follows it is ignored. (Because the innermost boundary is tried first, an inner
        /// boundary that extends an outer one still wins on its own lines.)
        private func delimiterKind(at start: Int, lineEnd: Int, boundary: [UInt8]) -> Bool? {
            let length = 2 + boundary.count
            guard lineEnd - start >= length,
                  bytes[(start + 2)..<(start + length)].elementsEqual(boundary) else { return nil }
            let index = start + length
            return index + 1 < lineEnd && bytes[index] == dash && bytes[index + 1] == dash
        }

        /// Where the line break before `lineStart` starts (it belongs to the delimiter), not before `floor`.
        private func lineBreakStart(before lineStart: Int, notBefore floor: Int) -> Int {
            var end = lineStart
            if end > floor, bytes[end - 1] == lf { end -= 1 }
            if end > floor, bytes[end - 1] == cr { end -= 1 }
            return end
        }

        /// The header fields from `start` and where the body starts (after the blank line, or at a
        /// boundary delimiter). Lines that are neither fields nor continuations are skipped; a line of
        /// white space only continues the field before it, and before the first field it is skipped
        /// when a field follows (else there are no headers).
        func headerBlock(from start: Int, stack: [[UInt8]]) -> ([HeaderField], Int) {
            var fields: [HeaderField] = []
            let end = bytes.endIndex
            var current: (name: String, valueStart: Int)?
            var lineStart = start
            func finish(at lineEnd: Int) {
                if let field = current {
                    fields.append(HeaderField(name: field.name, rawValue: bytes[field.valueStart..<lineEnd]))
                    current = nil
                }
            }
            while lineStart < end {
                var lineEnd = lineStart
                while lineEnd < end, bytes[lineEnd] != lf { lineEnd += 1 }
                let contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] == cr ? lineEnd - 1 : lineEnd
                let next = lineEnd < end ? lineEnd + 1 : end
                if contentEnd == lineStart {
                    finish(at: lineStart)
                    return (fields, next)
                }
                let first = bytes[lineStart]
                if first == space || first == tab {
                    if current == nil && fields.isEmpty {
                        // A line of white space before the first field (a stray indent some
                        // generators write first) is skipped when a field follows; any other
                        // indented start means there are no headers and the body begins here.
                        guard isBlankLooking(lineStart, contentEnd),
                              let fieldLine = firstFieldLine(after: next, stack: stack) else { return ([], start) }
                        lineStart = fieldLine
                        continue
                    }
                    lineStart = next
                    continue
                }
                if first == dash, lineEnd - lineStart >= 2, bytes[lineStart + 1] == dash,
                   stack.contains(where: { delimiterKind(at: lineStart, lineEnd: lineEnd, boundary: $0) != nil }) {
                    finish(at: lineStart)
                    return (fields, lineStart)
                }
                if let (nameEnd, valueStart) = field(at: lineStart, contentEnd: contentEnd) {
                    finish(at: lineStart)
                    current = (String(decoding: bytes[lineStart..<nameEnd], as: UTF8.self), valueStart)
                } else {
                    // Not a field (an mbox "From " line, or a broken one): skipped, as mime4j does;
                    // the fields go on until the blank line.
                    finish(at: lineStart)
                }
                lineStart = next
            }
            finish(at: end)
            return (fields, end)
        }

        /// Where the name of the field on the line at `lineStart` ends and its value starts ("Name:" or
        /// "Name :"), or nil when the line is not a field.
        func field(at lineStart: Int, contentEnd: Int) -> (nameEnd: Int, valueStart: Int)? {
            var colonAt = lineStart
            while colonAt < contentEnd, bytes[colonAt] != colon, bytes[colonAt] > space { colonAt += 1 }
            let nameEnd = colonAt
            while colonAt < contentEnd, bytes[colonAt] == space || bytes[colonAt] == tab { colonAt += 1 }
            guard colonAt < contentEnd, bytes[colonAt] == colon, nameEnd > lineStart else { return nil }
            return (nameEnd, colonAt + 1)
        }

        /// Whether the line holds only spaces and tabs (and is not empty).
        func isBlankLooking(_ lineStart: Int, _ contentEnd: Int) -> Bool {
            contentEnd > lineStart && bytes[lineStart..<contentEnd].allSatisfy { $0 == space || $0 == tab }
        }

        /// The start of the first line from `start` that is not blank-looking, when it is a header
        /// field (not a delimiter of the stack); nil otherwise.
        func firstFieldLine(after start: Int, stack: [[UInt8]]) -> Int? {
            var lineStart = start
            while lineStart < bytes.endIndex {
                var lineEnd = lineStart
                while lineEnd < bytes.endIndex, bytes[lineEnd] != lf { lineEnd += 1 }
                let contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] == cr ? lineEnd - 1 : lineEnd
                if !isBlankLooking(lineStart, contentEnd) {
                    let isDelimiter = stack.contains { delimiterKind(at: lineStart, lineEnd: lineEnd, boundary: $0) != nil }
                    return !isDelimiter && field(at: lineStart, contentEnd: contentEnd) != nil ? lineStart : nil
                }
                lineStart = lineEnd + 1
            }
            return nil
        }
    }
}

extension MessageParser.Delimiter {
    /// The same line, seen from a stack one level deeper (+1) or shallower (-1).
    func shifted(by offset: Int) -> MessageParser.Delimiter {
        MessageParser.Delimiter(lineStart: lineStart, next: next, level: level + offset, isClose: isClose)
    }
}
